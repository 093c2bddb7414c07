// SPDX-License-Identifier: GPL-2.0
/*
 * ktap: the TAP lines of the test module, from the kernel's log to the
 * guest's TAP channel, for the guest's tests.
 *
 * usage: ktap ERRORS < /dev/kmsg
 * Reads every record of the log, from the first, until one is "ktap: end".
 * ERRORS is a file of the texts that mark a kernel's error, one per line
 * (tests/guest/kernel-errors, which the host also looks for on the console).
 * The text of a record from lunatik_test that is a TAP line ("ok ...",
 * "not ok ...", "# ...") is written to standard output, one write(2) per
 * line, so that it never mixes with other writers' lines.  Then ktap
 * prints its own results: no record was overwritten before it was read,
 * and none holds a text of ERRORS (each is shown as a diagnostic).
 *
 * The serial console would do neither: it drops messages when printk
 * outruns it, and other messages can land inside a line of TAP.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define KTAP_RECORD	8192
#define KTAP_MODULE	"lunatik_test: "
#define KTAP_END	"ktap: end"

static char ktap_errors[64][128];
static int ktap_nerrors;

static void ktap_readerrors(const char *path)
{
	FILE *f = fopen(path, "r");

	if (f == NULL) {
		perror(path);
		return;
	}
	while (ktap_nerrors < 64 && fgets(ktap_errors[ktap_nerrors], 128, f) != NULL) {
		ktap_errors[ktap_nerrors][strcspn(ktap_errors[ktap_nerrors], "\n")] = '\0';
		if (ktap_errors[ktap_nerrors][0] != '\0')
			ktap_nerrors++;
	}
	fclose(f);
}

/* writes 'prefix' and 'text' as one line */
static void ktap_line(const char *prefix, const char *text)
{
	char line[KTAP_RECORD + 64];
	int len = snprintf(line, sizeof(line) - 1, "%s%s", prefix, text);

	len = len < (int)sizeof(line) - 1 ? len : (int)sizeof(line) - 2;
	line[len] = '\n';
	if (write(STDOUT_FILENO, line, len + 1) < 0)
		perror("ktap: write");
}

static void ktap_result(int ok, const char *desc)
{
	ktap_line(ok ? "ok - log: " : "not ok - log: ", desc);
}

static int ktap_iserror(const char *msg)
{
	int i;

	for (i = 0; i < ktap_nerrors; i++)
		if (strstr(msg, ktap_errors[i]) != NULL)
			return 1;
	return 0;
}

int main(int argc, char *argv[])
{
	static char record[KTAP_RECORD + 1];
	unsigned long lost = 0;
	unsigned long errors = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: ktap ERRORS < /dev/kmsg\n");
		return 2;
	}
	ktap_readerrors(argv[1]);
	for (;;) {
		ssize_t n = read(STDIN_FILENO, record, KTAP_RECORD);
		char *msg;

		if (n < 0 && errno == EPIPE) {	/* overwritten before it was read */
			lost++;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			perror("ktap: read");
			return 1;
		}
		record[n] = '\0';
		msg = strchr(record, ';');	/* "level,seq,time,flags;text\n" */
		if (msg == NULL)
			continue;
		msg++;
		msg[strcspn(msg, "\n")] = '\0';
		if (strcmp(msg, KTAP_END) == 0)
			break;
		if (ktap_iserror(msg)) {
			errors++;
			ktap_line("# log: ", msg);
		}
		if (strncmp(msg, KTAP_MODULE, strlen(KTAP_MODULE)) != 0)
			continue;
		msg += strlen(KTAP_MODULE);
		if (strncmp(msg, "ok ", 3) == 0 || strncmp(msg, "not ok ", 7) == 0 ||
		    strncmp(msg, "# ", 2) == 0)
			ktap_line("", msg);
	}
	ktap_result(ktap_nerrors > 0 && lost == 0,
		    "every message was read before it was overwritten");
	ktap_result(ktap_nerrors > 0 && errors == 0, "no message reports a kernel error");
	return 0;
}
