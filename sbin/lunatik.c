// SPDX-License-Identifier: GPL-2.0
/*
 * lunatik: run scripts and a REPL in the kernel, through /dev/lunatik.
 *
 * usage: lunatik [[--run] <script>] [--spawn <script>] [--stop <script>] [--list]
 *
 * Speaks the protocol of lunatik.lua: each write is a command ("#repl",
 * "#run", "#spawn", "#stop", "#list") whose reply starts with a status
 * line.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <editline/readline.h>

#define LUNATIK_DEVICE	"/dev/lunatik"
#define LUNATIK_USAGE	\
	"usage: %s [[--run] <script>] [--spawn <script>] [--stop <script>] [--list]\n"

static const char *progname;

struct reply {
	char *status;	/* "ok", "error" or "incomplete" */
	char *text;	/* what follows the status line */
	char *buf;
};

static void reply_free(struct reply *reply)
{
	free(reply->buf);
	reply->buf = NULL;
}

/* writes a command, reads its whole reply */
static int lunatik_command(int fd, const char *command, size_t len, struct reply *reply)
{
	size_t size = 4096;
	size_t n = 0;
	ssize_t r;

	if (write(fd, command, len) != (ssize_t)len)
		return -1;
	reply->buf = malloc(size + 1);
	if (reply->buf == NULL)
		return -1;
	while ((r = read(fd, reply->buf + n, size - n)) > 0) {
		n += r;
		if (n == size) {
			char *buf = realloc(reply->buf, 2 * size + 1);

			if (buf == NULL) {
				reply_free(reply);
				return -1;
			}
			reply->buf = buf;
			size *= 2;
		}
	}
	if (r < 0) {
		reply_free(reply);
		return -1;
	}
	reply->buf[n] = '\0';
	reply->status = reply->buf;
	reply->text = strchr(reply->buf, '\n');
	if (reply->text == NULL) {
		errno = EPROTO;
		reply_free(reply);
		return -1;
	}
	*reply->text++ = '\0';
	return 0;
}

static void lunatik_fail(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", progname, what, strerror(errno));
	exit(EXIT_FAILURE);
}

/*
 * #run, #spawn or #stop of a script, or #list (script ""); true if it
 * went well.  What the command tells goes to standard output.
 */
static bool lunatik_script(int fd, const char *command, const char *script)
{
	struct reply reply;
	char *line;
	bool ok;
	int len;

	len = asprintf(&line, "#%s %s", command, script);
	if (len < 0 || lunatik_command(fd, line, len, &reply) < 0)
		lunatik_fail(LUNATIK_DEVICE);
	free(line);
	ok = strcmp(reply.status, "ok") == 0;
	if (!ok)
		fprintf(stderr, "%s: %s", progname, reply.text);
	else
		fputs(reply.text, stdout);
	reply_free(&reply);
	return ok;
}

/* a line of input: edited, with history, from a terminal */
static char *lunatik_readline(bool tty, const char *prompt)
{
	char *line = NULL;
	size_t size = 0;
	ssize_t len;

	if (tty) {
		line = readline(prompt);
		if (line != NULL && *line != '\0')
			add_history(line);
		return line;
	}
	len = getline(&line, &size, stdin);
	if (len < 0) {
		free(line);
		return NULL;
	}
	if (len > 0 && line[len - 1] == '\n')
		line[len - 1] = '\0';
	return line;
}

static char *lunatik_append(char *chunk, const char *line)
{
	size_t len = strlen(chunk);
	char *s = realloc(chunk, len + strlen(line) + 2);

	if (s == NULL)
		lunatik_fail("out of memory");
	s[len] = '\n';
	strcpy(s + len + 1, line);
	return s;
}

static void lunatik_banner(int fd)
{
	static const char chunk[] = "#repl\nreturn _LUNATIK_VERSION";
	struct reply reply;

	if (lunatik_command(fd, chunk, sizeof(chunk) - 1, &reply) < 0)
		lunatik_fail(LUNATIK_DEVICE);
	reply.text[strcspn(reply.text, "\n")] = '\0';
	printf("%s  Copyright (C) 2023 ring-0 Ltda.\n", reply.text);
	reply_free(&reply);
}

/* the REPL: a chunk that is not finished goes on with the next line */
static void lunatik_repl(int fd)
{
	bool tty = isatty(STDIN_FILENO);
	char *chunk = NULL;
	char *line;

	if (tty)
		lunatik_banner(fd);
	while ((line = lunatik_readline(tty, chunk == NULL ? "> " : ">> ")) != NULL) {
		struct reply reply;
		char *command;
		int len;

		chunk = chunk == NULL ? strdup(line) : lunatik_append(chunk, line);
		free(line);
		if (chunk == NULL)
			lunatik_fail("out of memory");
		len = asprintf(&command, "#repl\n%s", chunk);
		if (len < 0 || lunatik_command(fd, command, len, &reply) < 0)
			lunatik_fail(LUNATIK_DEVICE);
		free(command);
		if (strcmp(reply.status, "incomplete") != 0) {
			fputs(reply.text, strcmp(reply.status, "ok") == 0 ? stdout : stderr);
			fflush(stdout);
			free(chunk);
			chunk = NULL;
		}
		reply_free(&reply);
	}
	if (chunk != NULL) {	/* input ended inside a chunk: as lua, say why */
		fprintf(stderr, "%s: unfinished chunk at the end of input\n", progname);
		free(chunk);
	}
	if (tty)
		putchar('\n');
}

static void usage(void)
{
	fprintf(stderr, LUNATIK_USAGE, progname);
	exit(EXIT_FAILURE);
}

int main(int argc, char *argv[])
{
	const char *run = NULL;
	const char *spawn = NULL;
	const char *stop = NULL;
	bool list = false;
	bool ok = true;
	int fd;
	int i;

	progname = argv[0];
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--run") == 0 && i + 1 < argc && run == NULL)
			run = argv[++i];
		else if (strcmp(argv[i], "--spawn") == 0 && i + 1 < argc && spawn == NULL)
			spawn = argv[++i];
		else if (strcmp(argv[i], "--stop") == 0 && i + 1 < argc && stop == NULL)
			stop = argv[++i];
		else if (strcmp(argv[i], "--list") == 0)
			list = true;
		else if (argv[i][0] != '-' && run == NULL)
			run = argv[i];
		else
			usage();
	}

	fd = open(LUNATIK_DEVICE, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "%s: cannot open %s: %s\n", progname, LUNATIK_DEVICE,
			strerror(errno));
		if (errno == ENOENT)
			fprintf(stderr, "%s: load Lunatik first: sbin/lunatik.sh start\n",
				progname);
		return EXIT_FAILURE;
	}
	if (run != NULL)
		ok = lunatik_script(fd, "run", run);
	if (spawn != NULL)
		ok = lunatik_script(fd, "spawn", spawn) && ok;
	if (stop != NULL)
		ok = lunatik_script(fd, "stop", stop) && ok;
	if (list)
		ok = lunatik_script(fd, "list", "") && ok;
	if (run == NULL && spawn == NULL && stop == NULL && !list)
		lunatik_repl(fd);
	close(fd);
	return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
