// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz.c: a libFuzzer target for the kernel dialect, built in user space
 * with the same adaptation (lua-5.4.4.patch, lkconf.h, lklimits.c) and the
 * runtime's own allocator (lunatik_alloc.c, on the kmalloc of kshim/).
 * Each input is a chunk, run as a runtime runs its script, under a memory
 * limit, a time limit and a C-stack bound.  Files cannot be read
 * (luaL_loadfilex fails).  Besides ASan's and UBSan's, its oracles:
 *
 * - the C stack: each input runs on a thread whose stack is Lua's share
 *   of a kernel stack and the reserve below its bound, both scaled for
 *   ASan, then a page that faults;
 * - the time: a chunk, or its lua_close, that runs more than twice its
 *   time limit past it, or that runs FUZZ_GAP_NS of CPU time between two
 *   checks of the time (from its start to the first, from the last to its
 *   end), is a crash: work in C that spends no budget.  A loop that never
 *   reaches a check is libFuzzer's -timeout;
 * - the memory: once the state is closed, the runtime's count is zero and
 *   kmalloc holds nothing.
 *
 * At exit it prints how many inputs it ran, and the longest gap it saw.
 */
#define _GNU_SOURCE	/* pthread_attr_setsigmask_np */
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include <sanitizer/asan_interface.h>

#include <linux/slab.h>

#include "lunatik_core.h"

#define FUZZ_MEMORY	(16 << 20)
#define FUZZ_TIME_NS	200000000LL	/* 200 ms */
#define FUZZ_OVERRUN_NS	(2 * FUZZ_TIME_NS)

/*
 * The C stack of a runtime entered from a task (lunatik_cstack): a 16 KiB
 * kernel stack, its last 6 KiB the reserve below the bound
 * (LUNATIK_STACK_RESERVE), the rest for Lua, less what the system call
 * takes above.  Here a frame is about 4 times what it is built as the
 * kernel builds it (-O2, no sanitizers or coverage): a level of pcall
 * takes 3072 bytes and 736, of coroutine.wrap 3200 and 688, of gsub 3569
 * and 1296, of the parser 647 and 245, of table.sort's comparator 2553
 * and 333.  The thread has FUZZ_CSTACK from
 * where the target enters the state down to the bound, FUZZ_RESERVE
 * below it, then a page that faults.  Above, glibc's thread and its TLS
 * (4.5 KiB with the target's frames) take up to FUZZ_TOP.
 */
#define FUZZ_SCALE	4
#define FUZZ_CSTACK	(((16 - 6) << 10) * FUZZ_SCALE)
#define FUZZ_RESERVE	((6 << 10) * FUZZ_SCALE)
#define FUZZ_TOP	(16 << 10)
#define FUZZ_PAGE	4096UL
#define FUZZ_STACK	(FUZZ_PAGE + FUZZ_RESERVE + FUZZ_CSTACK + FUZZ_TOP)

/*
 * The longest run of CPU time without a check of the time.  The seeds,
 * ordinary chunks, go at most 0.6 ms without one in a build without
 * sanitizers or coverage (-O2), and 6 ms in this one, 9.6 ms with the
 * other core busy (debug-hooks.lua, load-strings.lua: 10 to 26 times
 * slower, half of it libFuzzer's tracing of comparisons).  Hooks that
 * call debug.getinfo on every line go 26 ms, found by fuzzing: 50 ms, some
 * 2 to 5 ms of Lua built as the kernel is.
 */
#define FUZZ_GAP_NS	50000000LL

/*
 * Some work is one pass over a block that no check can interrupt: a long
 * string's hash and its comparisons (inside table lookups, which raise no
 * errors), a case conversion, the frees of lua_close.  Each may also take
 * up to four such passes over the largest block the input has made, at 4
 * ns a byte here (a lookup with a 4 MiB key: two hashes and a comparison,
 * 44 ms).  In the kernel a pass is about 1 ms per MiB.
 */
#define FUZZ_PASS_NS_PER_BYTE	16

/* libFuzzer's signal of the stack's depth, kept per thread (-fsanitize=fuzzer) */
extern __thread uintptr_t __sancov_lowest_stack;

struct fuzz_input {
	const uint8_t *data;
	size_t size;
	uintptr_t depth;	/* of the stack the input used */
};

static lunatik_runtime_t fuzz_runtime;
static const char *fuzz_running;	/* "the chunk" or "lua_close" */
static long long fuzz_deadline;
static long long fuzz_last;	/* the last check of the time, or the start */
static int fuzz_checks;	/* of the time, since the start */
static int fuzz_overtime;

static char *fuzz_stack;
static char *fuzz_guard;
static pthread_attr_t fuzz_attr;

static size_t fuzz_largest;	/* block the input has made */
static unsigned long fuzz_inputs;
static long long fuzz_longest;	/* gap between checks, of all inputs */

static long long fuzz_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);	/* a starved fuzzer is not late */
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void fuzz_overrun(long long now)
{
	long long late = now - fuzz_deadline;

	if (late > FUZZ_OVERRUN_NS) {
		fprintf(stderr, "fuzz: %s ran %lld ms past its time limit\n",
			fuzz_running, late / 1000000);
		abort();
	}
}

static void fuzz_gap(long long now, const char *where)
{
	long long gap = now - fuzz_last;
	long long most = FUZZ_GAP_NS + (long long)fuzz_largest * FUZZ_PASS_NS_PER_BYTE;

	if (gap > fuzz_longest)
		fuzz_longest = gap;
	if (gap > most) {
		fprintf(stderr, "fuzz: %s ran %lld us %s (at most %lld us: %zu bytes its largest block)\n",
			fuzz_running, gap / 1000, where, most / 1000, fuzz_largest);
		abort();
	}
	fuzz_last = now;
}

/* as lunatik_check: an error, a tenth more once, then an error at every check */
static void fuzz_check(lua_State *L)
{
	long long now = fuzz_now();

	fuzz_gap(now, fuzz_checks++ ? "between two checks of the time" :
				     "from its start to its first check of the time");
	fuzz_overrun(now);
	if (now <= fuzz_deadline + (fuzz_overtime ? FUZZ_TIME_NS / 10 : 0))
		return;
	if (fuzz_overtime)
		luai_limits(L)->budget = 0;	/* check again at the next call or jump */
	fuzz_overtime = 1;
	if (!lua_checkstack(L, LUA_MINSTACK))	/* as lunatik_stopscript */
		lua_error(L);
	luaL_error(L, "time limit exceeded");
}

/* as lunatik_arm, and the clock starts */
static void fuzz_enter(lua_State *L, unsigned long cstack, const char *what)
{
	luai_enter(L, cstack);
	fuzz_running = what;
	fuzz_last = fuzz_now();
	fuzz_deadline = fuzz_last + FUZZ_TIME_NS;
	fuzz_checks = 0;
	fuzz_overtime = 0;
}

static void fuzz_leave(void)
{
	long long now = fuzz_now();

	fuzz_gap(now, fuzz_checks ? "from its last check of the time to its end" :
				    "from its start to its end, with no check of the time");
	fuzz_overrun(now);
}

static bool fuzz_inarena(const lunatik_runtime_t *runtime, const void *ptr)
{
	const char *p = ptr;

	return p >= runtime->arena && p < runtime->arena + runtime->arena_used;
}

/*
 * lunatik_alloc, and ASan told of the arena's blocks that are freed or
 * moved: arena memory is never handed out again, so using it is a use
 * after free.
 */
static void *fuzz_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	bool inarena = fuzz_inarena(ud, ptr);
	void *block = lunatik_alloc(ud, ptr, osize, nsize);

	if (block != NULL && nsize > fuzz_largest)
		fuzz_largest = nsize;

	if (inarena && block != ptr && (block != NULL || nsize == 0))
		ASAN_POISON_MEMORY_REGION(ptr, osize);
	return block;
}

static int fuzz_panic(lua_State *L)
{
	(void)L;
	abort();	/* an unprotected error: a bug of this target */
}

LUALIB_API int luaL_loadfilex(lua_State *L, const char *filename, const char *mode)
{
	(void)mode;
	lua_pushfstring(L, "cannot open %s (no files here)", filename ? filename : "stdin");
	return LUA_ERRFILE;
}

unsigned int luai_seed(void)
{
	return 42;
}

/* as lunatik_new, for a runtime that may sleep */
static lunatik_runtime_t *fuzz_new(void)
{
	static lunatik_account_t account;
	lunatik_runtime_t *runtime = &fuzz_runtime;
	lua_State *L;

	memset(runtime, 0, sizeof(*runtime));
	memset(&account, 0, sizeof(account));
	runtime->sleep = true;
	runtime->max_memory = FUZZ_MEMORY;
	runtime->account = &account;
	lunatik_arena_open(runtime);
	L = lua_newstate(fuzz_alloc, runtime);
	if (L == NULL) {
		lunatik_arena_free(runtime);
		return NULL;
	}
	*(lunatik_runtime_t **)lua_getextraspace(L) = runtime;
	lua_atpanic(L, fuzz_panic);
	luai_limits(L)->check = fuzz_check;
	runtime->L = L;
	return runtime;
}

/* as lunatik_setup: the libraries open in the arena, then the chunk runs */
static int fuzz_setup(lua_State *L)
{
	struct fuzz_input *input = lua_touserdata(L, 1);

	lua_gc(L, LUA_GCSTOP);
	luaL_openlibs(L);
	lua_gc(L, LUA_GCRESTART);
	lunatik_arena_close(lunatik_toruntime(L));
	if (luaL_loadbufferx(L, (const char *)input->data, input->size, "=fuzz", "t") != LUA_OK)
		return lua_error(L);
	lua_call(L, 0, 0);
	return 0;
}

/* as lunatik_close: finalizers run within a fresh entry's limits */
static void fuzz_close(lunatik_runtime_t *runtime, unsigned long cstack)
{
	fuzz_enter(runtime->L, cstack, "lua_close");
	lua_close(runtime->L);
	fuzz_leave();
	runtime->L = NULL;
	lunatik_arena_free(runtime);
	if (runtime->memory != 0 || kshim_memory != 0) {
		fprintf(stderr, "fuzz: closed, the runtime counts %zu bytes, kmalloc holds %zu\n",
			runtime->memory, kshim_memory);
		abort();
	}
}

/*
 * The page that faults, FUZZ_RESERVE below the bound, which it returns:
 * Lua has FUZZ_CSTACK from 'sp', and less than a page more.  Each input's
 * thread starts where the last one did: the guard is placed once.
 */
static unsigned long fuzz_setguard(unsigned long sp)
{
	unsigned long end = (sp - FUZZ_CSTACK - FUZZ_RESERVE) & ~(FUZZ_PAGE - 1);
	char *guard = (char *)end - FUZZ_PAGE;

	if (guard != fuzz_guard) {
		if (fuzz_guard != NULL)
			mprotect(fuzz_guard, FUZZ_PAGE, PROT_READ | PROT_WRITE);
		if (guard < fuzz_stack || mprotect(guard, FUZZ_PAGE, PROT_NONE) != 0) {
			perror("fuzz: the stack's guard");
			abort();
		}
		fuzz_guard = guard;
	}
	return end + FUZZ_RESERVE;
}

static void *fuzz_thread(void *arg)
{
	struct fuzz_input *input = arg;
	unsigned long sp = luai_stackpointer();
	unsigned long cstack = fuzz_setguard(sp);
	lunatik_runtime_t *runtime;

	__sancov_lowest_stack = sp;
	runtime = fuzz_new();
	if (runtime == NULL)
		return NULL;
	fuzz_enter(runtime->L, cstack, "the chunk");
	lua_pushcfunction(runtime->L, fuzz_setup);
	lua_pushlightuserdata(runtime->L, input);
	lua_pcall(runtime->L, 1, 0, 0);
	fuzz_leave();
	fuzz_close(runtime, cstack);
	input->depth = sp - __sancov_lowest_stack;
	return NULL;
}

/* a replay can compare the count with its files: libFuzzer skips empty ones */
static void fuzz_report(void)
{
	fprintf(stderr, "fuzz: %lu inputs run\n", fuzz_inputs);
	fprintf(stderr, "fuzz: the longest gap between checks of the time: %lld us (at most %lld, "
		"and %d ns a byte of an input's largest block)\n",
		fuzz_longest / 1000, FUZZ_GAP_NS / 1000, FUZZ_PASS_NS_PER_BYTE);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static char output[BUFSIZ];
	sigset_t alarm;

	(void)argc;
	(void)argv;
	/* glibc's would be made at the first print: libFuzzer takes it for a leak */
	setvbuf(stdout, output, _IOFBF, sizeof(output));
	/* libFuzzer's -timeout acts in libFuzzer's thread only: not the input's */
	sigemptyset(&alarm);
	sigaddset(&alarm, SIGALRM);
	fuzz_stack = mmap(NULL, FUZZ_STACK, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (fuzz_stack == MAP_FAILED ||
	    pthread_attr_init(&fuzz_attr) != 0 ||
	    pthread_attr_setstack(&fuzz_attr, fuzz_stack, FUZZ_STACK) != 0 ||
	    pthread_attr_setsigmask_np(&fuzz_attr, &alarm) != 0) {
		fprintf(stderr, "fuzz: cannot make the inputs' thread\n");
		exit(1);
	}
	/* the runtime's limit, and a block that moves: kmalloc never fails first */
	kshim_max_memory = 2 * FUZZ_MEMORY;
	atexit(fuzz_report);
	return 0;
}

/* libFuzzer's -fsanitize-coverage=stack-depth sees the thread's depth as its own */
static void fuzz_depth(uintptr_t depth)
{
	uintptr_t low = (uintptr_t)__builtin_frame_address(0) - depth;

	if (low < __sancov_lowest_stack)
		__sancov_lowest_stack = low;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input input = {.data = data, .size = size};
	pthread_t thread;

	fuzz_largest = 0;
	if (pthread_create(&thread, &fuzz_attr, fuzz_thread, &input) != 0 ||
	    pthread_join(thread, NULL) != 0) {
		fprintf(stderr, "fuzz: cannot run the input's thread\n");
		abort();
	}
	fuzz_depth(input.depth);
	if (size > 0)
		fuzz_inputs++;
	return 0;
}
