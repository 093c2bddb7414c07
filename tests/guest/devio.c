// SPDX-License-Identifier: GPL-2.0
/*
 * devio: system calls on a file, one per argument, for the guest's tests.
 *
 * usage: devio FILE|-FD OP...
 *   rN      read(N), prints what was read
 *   wTEXT   write(TEXT), prints how much was written
 *   sN      lseek(N, SEEK_SET), prints the offset
 *   o       prints the current offset
 *   !CMD    runs CMD with the file still open
 * A failed call prints "error: ENAME".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void result(long ret)
{
	if (ret < 0)
		printf("error: %s\n", strerrorname_np(errno));
	else
		printf("%ld\n", ret);
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
	return 0;
}
