// SPDX-License-Identifier: GPL-2.0
/*
 * pty: runs a command on a terminal of its own, types its input, prints
 * what the terminal showed, for tests of line editing.
 *
 * usage: pty INPUT COMMAND [ARG...]
 * INPUT is typed a line at a time ("\n" ends a line; "\e" is escape, "\d"
 * is ctrl-D), waiting for the command to answer each.
 */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* copies what the terminal shows to stdout until it is quiet for 'ms' */
static int drain(int fd, int ms)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	char buf[4096];
	ssize_t n;

	while (poll(&p, 1, ms) > 0) {
		n = read(fd, buf, sizeof(buf));
		if (n <= 0)
			return -1;
		fwrite(buf, 1, n, stdout);
	}
	return 0;
}

int main(int argc, char *argv[])
{
	const char *in;
	int status;
	int fd;
	pid_t pid;

	if (argc < 3) {
		fprintf(stderr, "usage: pty INPUT COMMAND [ARG...]\n");
		return 2;
	}
	pid = forkpty(&fd, NULL, NULL, NULL);
	if (pid < 0)
		return 1;
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	drain(fd, 1500);
	for (in = argv[1]; *in != '\0'; in++) {
		char c = *in;

		if (c == '\\' && in[1] != '\0') {
			in++;
			c = *in == 'n' ? '\r' : *in == 'e' ? '\033' : *in == 'd' ? 4 : *in;
		}
		if (write(fd, &c, 1) != 1)
			break;
		if (c == '\r' || c == 4)
			drain(fd, 1500);
	}
	drain(fd, 1500);
	waitpid(pid, &status, 0);
	fflush(stdout);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
