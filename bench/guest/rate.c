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

/*
 * Timed loops read the clock once per batch of operations: the guest's
 * clock is the HPET, and a read of it (a system call and an emulated
 * device) costs more than a one-byte read(2) of a device.
 */
#define RATE_BATCH	256

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

/* the operations timed, on 'fd' (-1: none) */
static size_t readsize;
static char *readbuf;

static void op_read(int fd)
{
	if (read(fd, readbuf, readsize) < 0)
		fail("read");
}

static void op_repl(int fd)
{
	roundtrip(fd, "#repl\nreturn 42");
}

static void op_shell(int fd)
{
	int wfd = open(LUNATIK, O_WRONLY);
	int rfd;

	(void)fd;
	if (wfd < 0 || write(wfd, "return 42\n", 10) < 0)
		fail(LUNATIK);
	close(wfd);
	rfd = open(LUNATIK, O_RDONLY);
	if (rfd < 0)
		fail(LUNATIK);
	drain(rfd);
	close(rfd);
}

/* 'op' as many times as fit in 'seconds': operations per second */
static double timed(void (*op)(int fd), int fd, double seconds)
{
	double start = now();
	double end = start + seconds;
	long ops = 0;
	int i;

	do {
		for (i = 0; i < RATE_BATCH; i++)
			op(fd);
		ops += RATE_BATCH;
	} while (now() < end);
	return ops / (now() - start);
}

/* one chunk doing 'ops' operations, or lua5.4 running 'ops' times a file */
static double counted(long ops, int fd, const char *chunk, const char *command)
{
	double start = now();

	if (chunk != NULL)
		roundtrip(fd, chunk);
	else if (system(command) != 0)
		fail("lua5.4");
	return ops / (now() - start);
}

static int openlunatik(void)
{
	int fd = open(LUNATIK, O_RDWR);

	if (fd < 0)
		fail(LUNATIK);
	return fd;
}

int main(int argc, char *argv[])
{
	char *command;
	double rate;

	if (argc >= 5 && strcmp(argv[1], "read") == 0) {
		int fd = open(argv[2], O_RDONLY);

		readsize = atol(argv[3]);
		readbuf = malloc(readsize);
		if (fd < 0 || readbuf == NULL)
			fail(argv[2]);
		rate = timed(op_read, fd, atof(argv[4]));
	} else if (argc >= 3 && strcmp(argv[1], "repl") == 0) {
		rate = timed(op_repl, openlunatik(), atof(argv[2]));
	} else if (argc >= 3 && strcmp(argv[1], "shell") == 0) {
		rate = timed(op_shell, -1, atof(argv[2]));
	} else if (argc >= 4 && strcmp(argv[1], "chunk") == 0) {
		rate = counted(atol(argv[2]), openlunatik(), argv[3], NULL);
	} else if (argc >= 4 && strcmp(argv[1], "lua") == 0) {
		if (asprintf(&command, "lua5.4 -e 'for i = 1, %s do dofile(\"%s\") end'",
			     argv[2], argv[3]) < 0)
			fail("asprintf");
		rate = counted(atol(argv[2]), -1, NULL, command);
	} else {
		fprintf(stderr, "usage: rate read DEVICE SIZE SECONDS | repl S | shell S | "
			"chunk N CHUNK | lua N FILE\n");
		return 2;
	}
	printf("%.2f\n", rate);
	return 0;
}
