// SPDX-License-Identifier: GPL-2.0
/*
 * rate: operations per second, for make bench.
 *
 *   rate read DEVICE SIZE SECONDS   read(2)s of SIZE bytes
 *   rate repl SECONDS               "return 42" as sbin/lunatik sends it
 *   rate shell SECONDS              "return 42" as the shell way does
 *   rate chunk N CHUNK              one chunk doing N operations
 *   rate lua N FILE                 N dofile(FILE) by user-space lua5.4
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LUNATIK	"/dev/lunatik"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void fail(const char *what)
{
	perror(what);
	exit(1);
}

/* reads a reply whole */
static void drain(int fd)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0)
		;
	if (n < 0)
		fail("read");
}

/* writes a chunk, reads its reply whole */
static void roundtrip(int fd, const char *chunk)
{
	if (write(fd, chunk, strlen(chunk)) < 0)
		fail("write");
	drain(fd);
}

int main(int argc, char *argv[])
{
	double start, end;
	long ops = 0;
	char *buf;
	int fd;

	if (argc >= 5 && strcmp(argv[1], "read") == 0) {
		size_t size = atol(argv[3]);

		fd = open(argv[2], O_RDONLY);
		buf = malloc(size);
		if (fd < 0 || buf == NULL)
			fail(argv[2]);
		end = now() + atof(argv[4]);
		for (start = now(); now() < end; ops++)
			if (read(fd, buf, size) < 0)
				fail("read");
	} else if (argc >= 3 && strcmp(argv[1], "repl") == 0) {
		fd = open(LUNATIK, O_RDWR);
		if (fd < 0)
			fail(LUNATIK);
		end = now() + atof(argv[2]);
		for (start = now(); now() < end; ops++)
			roundtrip(fd, "#repl\nreturn 42");
	} else if (argc >= 3 && strcmp(argv[1], "shell") == 0) {
		end = now() + atof(argv[2]);
		for (start = now(); now() < end; ops++) {
			int wfd = open(LUNATIK, O_WRONLY);
			int rfd;

			if (wfd < 0 || write(wfd, "return 42\n", 10) < 0)
				fail(LUNATIK);
			close(wfd);
			rfd = open(LUNATIK, O_RDONLY);
			if (rfd < 0)
				fail(LUNATIK);
			drain(rfd);
			close(rfd);
		}
	} else if (argc >= 4 && strcmp(argv[1], "chunk") == 0) {
		fd = open(LUNATIK, O_RDWR);
		if (fd < 0)
			fail(LUNATIK);
		start = now();
		roundtrip(fd, argv[3]);
		ops = atol(argv[2]);
	} else if (argc >= 4 && strcmp(argv[1], "lua") == 0) {
		char *command;

		if (asprintf(&command, "lua5.4 -e 'for i = 1, %s do dofile(\"%s\") end'",
			     argv[2], argv[3]) < 0)
			fail("asprintf");
		start = now();
		if (system(command) != 0)
			fail("lua5.4");
		ops = atol(argv[2]);
	} else {
		fprintf(stderr, "usage: rate read DEVICE SIZE SECONDS | repl S | shell S | "
			"chunk N CHUNK | lua N FILE\n");
		return 2;
	}
	printf("%.2f\n", ops / (now() - start));
	return 0;
}
