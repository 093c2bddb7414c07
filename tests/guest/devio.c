// SPDX-License-Identifier: GPL-2.0
/*
 * devio: system calls on a file, one per argument, for the guest's tests.
 *
 * usage: devio FILE|-FD OP...
 *   rN      read(N), prints what was read
 *   wTEXT   write(TEXT), prints how much was written
 *   fPATH   write() of the contents of file PATH in one call, prints how
 *           much was written
 *   sN      lseek(N, SEEK_SET), prints the offset
 *   o       prints the current offset
 *   !CMD    runs CMD with the file still open
 * A failed call prints "error: ENAME", and devio then exits with 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int failed;

static void result(long ret)
{
	if (ret < 0) {
		printf("error: %s\n", strerrorname_np(errno));
		failed = 1;
	} else {
		printf("%ld\n", ret);
	}
}

/* the whole of 'path' in one write(2) to 'fd' */
static long writefile(int fd, const char *path)
{
	struct stat st;
	char *buf;
	long ret;
	FILE *f = fopen(path, "r");

	if (f == NULL || fstat(fileno(f), &st) < 0) {
		perror(path);
		exit(2);
	}
	buf = malloc(st.st_size + 1);
	if (buf == NULL || fread(buf, 1, st.st_size, f) != (size_t)st.st_size) {
		perror(path);
		exit(2);
	}
	fclose(f);
	ret = write(fd, buf, st.st_size);
	free(buf);
	return ret;
}

int main(int argc, char *argv[])
{
	int fd;
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: devio FILE|-FD OP...\n");
		return 2;
	}
	fd = argv[1][0] == '-' ? atoi(argv[1] + 1) : open(argv[1], O_RDWR);
	if (fd < 0 && errno == EACCES)
		fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		printf("error: %s\n", strerrorname_np(errno));
		return 1;
	}
	for (i = 2; i < argc; i++) {
		const char *op = argv[i];
		char *buf;
		ssize_t n;

		switch (op[0]) {
		case 'r':
			buf = malloc(atoi(op + 1) + 1);
			if (buf == NULL) {
				perror("devio");
				return 2;
			}
			n = read(fd, buf, atoi(op + 1));
			if (n < 0) {
				result(n);
			} else {
				buf[n] = '\0';
				printf("%s\n", buf);
			}
			free(buf);
			break;
		case 'w':
			result(write(fd, op + 1, strlen(op + 1)));
			break;
		case 'f':
			result(writefile(fd, op + 1));
			break;
		case 's':
			result(lseek(fd, atol(op + 1), SEEK_SET));
			break;
		case 'o':
			result(lseek(fd, 0, SEEK_CUR));
			break;
		case '!':
			fflush(stdout);
			if (system(op + 1) < 0)
				return 1;
			break;
		default:
			fprintf(stderr, "devio: unknown operation %s\n", op);
			return 2;
		}
	}
	return failed;
}
