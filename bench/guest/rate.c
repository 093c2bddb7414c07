// SPDX-License-Identifier: GPL-2.0
/*
 * rate: operations per second, for make bench.
 *
 *   rate read DEVICE SIZE SECONDS   read(2)s of SIZE bytes
 *   rate repl SECONDS               "return 42" as sbin/lunatik sends it
 *   rate shell SECONDS              "return 42" as the shell way does
 *   rate chunk N CHUNK VALUE        a chunk doing N operations, in /dev/lunatik
 *   rate kernel N FILE VALUE        N runs of a Lua file, in /dev/lunatik
 *   rate user N FILE VALUE          the same in a lua5.4 process
 *   rate getpid SECONDS             getpid(2)s (the system call, not a cache)
 *
 * Every read and every reply is checked: a read must return the size
 * asked, a chunk's reply must be "ok" and VALUE (N times for a file, one
 * for each run).  Anything else ends rate with a message and status 1,
 * before it prints a figure: a failure must not pass for a fast run.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LUNATIK	"/dev/lunatik"

/*
 * Timed loops read the clock once per batch of operations: the guest's
 * clock is the HPET, and a read of it (a system call and an emulated
 * device) costs more than a one-byte read(2) of a device.
 */
#define RATE_BATCH	256

#define RATE_REPLY	4096	/* the longest reply expected, and then some */

/*
 * The user-space interpreter: lua5.4 running chunks as /dev/lunatik's
 * driver (lunatik.lua) does, one a line on its standard input, each reply
 * as lunatik.lua gives it after "#repl" ("ok" or "error", a newline, the
 * values tab-separated and a newline) and a NUL, which ends it on the pipe.
 */
static const char driver[] =
	"local function values(t)\n"
	"  for i = 2, t.n do t[i] = tostring(t[i]) end\n"
	"  return table.concat(t, '\\t', 2, t.n)\n"
	"end\n"
	"for chunk in io.lines() do\n"
	"  local f, err = load('return ' .. chunk, '=rate')\n"
	"  if not f then f, err = load(chunk, '=rate') end\n"
	"  local status, text = 'error', err\n"
	"  if f then\n"
	"    local t = table.pack(pcall(f))\n"
	"    status, text = t[1] and 'ok' or 'error', t[1] and values(t) or tostring(t[2])\n"
	"  end\n"
	"  io.write(status, '\\n', text, #text > 0 and '\\n' or '', '\\0')\n"
	"  io.flush()\n"
	"end\n";

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("rate: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void fail(const char *what)
{
	perror(what);
	exit(1);
}

static void writeall(int fd, const char *buf, size_t len)
{
	ssize_t n;

	for (; len > 0; buf += n, len -= n) {
		n = write(fd, buf, len);
		if (n <= 0)
			fail("write");
	}
}

/*
 * reads a reply whole into 'buf': up to the end of file (/dev/lunatik's
 * reads return nothing once it is read), or up to a NUL (lua5.4's)
 */
static void readreply(int fd, char *buf, size_t size, bool nul)
{
	size_t len = 0;
	ssize_t n;

	while ((n = read(fd, buf + len, size - 1 - len)) > 0) {
		len += n;
		if (nul && buf[len - 1] == '\0')
			return;
		if (len == size - 1)
			die("a reply longer than %zu bytes", size - 1);
	}
	if (n < 0)
		fail("read");
	if (nul)
		die("lua5.4 ended before its reply");
	buf[len] = '\0';
}

/* 's' on stderr, quoted, on one line */
static void quote(const char *s)
{
	fputc('"', stderr);
	for (; *s != '\0'; s++) {
		if (*s == '\n')
			fputs("\\n", stderr);
		else if (*s == '\t')
			fputs("\\t", stderr);
		else
			fputc(*s, stderr);
	}
	fputc('"', stderr);
}

/* a reply must be the one expected: else rate fails, with no figure */
static void check(const char *chunk, const char *reply, const char *expected)
{
	if (strcmp(reply, expected) == 0)
		return;
	fputs("rate: the reply to ", stderr);
	quote(chunk);
	fputs(" was ", stderr);
	quote(reply);
	fputs(", not ", stderr);
	quote(expected);
	fputc('\n', stderr);
	exit(1);
}

/* the operations timed, on 'fd' */
static size_t readsize;
static char *readbuf;

static void op_read(int fd)
{
	ssize_t n = read(fd, readbuf, readsize);

	if (n < 0)
		fail("read");
	if ((size_t)n != readsize)
		die("a read of %zu bytes returned %zd", readsize, n);
}

/* writes a chunk, reads its reply whole and checks it */
static void roundtrip(int fd, const char *chunk, const char *expected)
{
	char reply[RATE_REPLY];

	writeall(fd, chunk, strlen(chunk));
	readreply(fd, reply, sizeof(reply), false);
	check(chunk, reply, expected);
}

static void op_repl(int fd)
{
	roundtrip(fd, "#repl\nreturn 42", "ok\n42\n");
}

static void op_shell(int fd)
{
	char reply[RATE_REPLY];
	int wfd = open(LUNATIK, O_WRONLY);
	int rfd;

	(void)fd;
	if (wfd < 0)
		fail(LUNATIK);
	writeall(wfd, "return 42\n", 10);
	close(wfd);
	rfd = open(LUNATIK, O_RDONLY);
	if (rfd < 0)
		fail(LUNATIK);
	readreply(rfd, reply, sizeof(reply), false);
	close(rfd);
	check("return 42", reply, "42\n");
}

/* 'op' as many times as fit in 'seconds': operations per second */
/* checked: it must be this process's */
static void op_getpid(int fd)
{
	if (syscall(SYS_getpid) != fd)
		fail("getpid");
}

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

/* a read's bytes must be printable, as all the devices' are */
static void checkread(int fd, const char *device)
{
	size_t i;

	op_read(fd);
	for (i = 0; i < readsize; i++)
		if (!isprint((unsigned char)readbuf[i]))
			die("%s: byte %zu of a read is 0x%02x", device, i,
			    (unsigned char)readbuf[i]);
}

static double rate_read(const char *device, const char *size, const char *seconds)
{
	int fd = open(device, O_RDONLY);

	readsize = atol(size);
	readbuf = malloc(readsize);
	if (fd < 0 || readbuf == NULL)
		fail(device);
	checkread(fd, device);
	return timed(op_read, fd, atof(seconds));
}

/* an interpreter that runs chunks: /dev/lunatik's runtime, or lua5.4 */
struct interp {
	int wfd;	/* chunks go there */
	int rfd;	/* replies come from there */
	pid_t pid;	/* lua5.4's, or 0 for /dev/lunatik */
	const char *prefix;	/* of each chunk: its command, its end */
	const char *suffix;
};

static void interp_kernel(struct interp *lua)
{
	lua->wfd = lua->rfd = open(LUNATIK, O_RDWR);
	if (lua->wfd < 0)
		fail(LUNATIK);
	lua->pid = 0;
	lua->prefix = "#repl\n";
	lua->suffix = "";
}

static void interp_user(struct interp *lua)
{
	int in[2], out[2];

	/* a lua5.4 that died makes writes fail, with a message, not kill rate */
	signal(SIGPIPE, SIG_IGN);
	if (pipe(in) < 0 || pipe(out) < 0)
		fail("pipe");
	lua->pid = fork();
	if (lua->pid < 0)
		fail("fork");
	if (lua->pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[1]);
		close(out[0]);
		execlp("lua5.4", "lua5.4", "-e", driver, (char *)NULL);
		fail("lua5.4");
	}
	close(in[0]);
	close(out[1]);
	lua->wfd = in[1];
	lua->rfd = out[0];
	lua->prefix = "";
	lua->suffix = "\n";
}

/* lua5.4 ends at the end of its input, and must end well */
static void interp_close(struct interp *lua)
{
	int status;

	close(lua->wfd);
	if (lua->pid == 0)
		return;
	close(lua->rfd);
	if (waitpid(lua->pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die("lua5.4 failed");
}

/* runs 'chunk' (one line); its reply, checked; the seconds it took */
static double interp_run(struct interp *lua, const char *chunk, const char *expected)
{
	char reply[RATE_REPLY];
	char *command;
	double start;
	double elapsed;
	int len = asprintf(&command, "%s%s%s", lua->prefix, chunk, lua->suffix);

	if (len < 0)
		fail("asprintf");
	start = now();
	writeall(lua->wfd, command, len);
	readreply(lua->rfd, reply, sizeof(reply), lua->pid != 0);
	elapsed = now() - start;
	free(command);
	check(chunk, reply, expected);
	return elapsed;
}

/*
 * 'ops' operations by one chunk in a live interpreter, per second: the
 * chunk runs once untimed first, so that both interpreters have run it
 * (and grown their heaps for it) when it is timed.
 */
static double counted(struct interp *lua, long ops, const char *chunk, const char *expected)
{
	double elapsed;

	interp_run(lua, chunk, expected);
	elapsed = interp_run(lua, chunk, expected);
	interp_close(lua);
	return ops / elapsed;
}

static double rate_chunk(const char *n, const char *chunk, const char *value)
{
	struct interp lua;
	char *expected;

	if (asprintf(&expected, "ok\n%s\n", value) < 0)
		fail("asprintf");
	interp_kernel(&lua);
	return counted(&lua, atol(n), chunk, expected);
}

/*
 * N runs of FILE, compiled once, in one chunk, the same in either
 * interpreter; each run's value comes back in the reply
 */
static double rate_file(void (*start)(struct interp *lua), const char *n, const char *file,
			const char *value)
{
	long i, runs = atol(n);
	size_t size = 4 + runs * (strlen(value) + 1);
	char *expected = malloc(size);
	char *chunk;
	struct interp lua;

	if (expected == NULL || runs < 1 || strpbrk(file, "\"\\\n") != NULL)
		die("rate %s %s: bad arguments", n, file);
	strcpy(expected, "ok\n");
	for (i = 0; i < runs; i++) {
		strcat(expected, value);
		strcat(expected, i + 1 < runs ? "\t" : "\n");
	}
	if (asprintf(&chunk, "local f = assert(loadfile(\"%s\")) local r = {} "
		     "for i = 1, %ld do r[i] = f() end return table.unpack(r, 1, %ld)",
		     file, runs, runs) < 0)
		fail("asprintf");
	start(&lua);
	return counted(&lua, runs, chunk, expected);
}

int main(int argc, char *argv[])
{
	double rate;

	if (argc == 5 && strcmp(argv[1], "read") == 0) {
		rate = rate_read(argv[2], argv[3], argv[4]);
	} else if (argc == 3 && strcmp(argv[1], "repl") == 0) {
		struct interp lua;

		interp_kernel(&lua);
		rate = timed(op_repl, lua.wfd, atof(argv[2]));
	} else if (argc == 3 && strcmp(argv[1], "shell") == 0) {
		rate = timed(op_shell, -1, atof(argv[2]));
	} else if (argc == 5 && strcmp(argv[1], "chunk") == 0) {
		rate = rate_chunk(argv[2], argv[3], argv[4]);
	} else if (argc == 5 && strcmp(argv[1], "kernel") == 0) {
		rate = rate_file(interp_kernel, argv[2], argv[3], argv[4]);
	} else if (argc == 5 && strcmp(argv[1], "user") == 0) {
		rate = rate_file(interp_user, argv[2], argv[3], argv[4]);
	} else if (argc == 3 && strcmp(argv[1], "getpid") == 0) {
		rate = timed(op_getpid, getpid(), atof(argv[2]));
	} else {
		fprintf(stderr, "usage: rate read DEVICE SIZE SECONDS | repl S | shell S | "
			"chunk N CHUNK VALUE | kernel N FILE VALUE | user N FILE VALUE | getpid S\n");
		return 2;
	}
	printf("%.2f\n", rate);
	return 0;
}
