// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz.c: a libFuzzer target for the kernel dialect, built in user space
 * with the same adaptation (lua-5.4.4.patch, lkconf.h, lklimits.c) and
 * limits as a runtime: each input is a chunk, loaded and run with the
 * standard libraries under a memory limit, a time limit and a C-stack
 * bound.  Files cannot be read (luaL_loadfilex fails).  A chunk, or its
 * lua_close, that runs more than twice its time limit past it is a crash
 * too: work in C that spends no budget.  A check that comes that late
 * aborts at once, so that a hang is caught where it runs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"

#define FUZZ_MEMORY	(16 << 20)
#define FUZZ_TIME_NS	200000000LL	/* 200 ms */
#define FUZZ_CSTACK	(64 << 10)	/* as in the kernel, with room for ASan */
#define FUZZ_OVERRUN_NS	(2 * FUZZ_TIME_NS)

static size_t fuzz_memory;
static luai_Limits *fuzz_limits;
static const char *fuzz_running;	/* "the chunk" or "lua_close" */
static long long fuzz_deadline;
static int fuzz_overtime;

static long long fuzz_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);	/* a starved fuzzer is not late */
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void *fuzz_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	void *block;

	(void)ud;
	if (ptr == NULL)
		osize = 0;
	if (nsize == 0) {
		free(ptr);
		fuzz_memory -= osize;
		return NULL;
	}
	if (nsize > osize && nsize - osize > FUZZ_MEMORY - fuzz_memory)
		return NULL;
	if (fuzz_limits != NULL)
		luai_spendbytes(fuzz_limits, nsize);
	block = realloc(ptr, nsize);
	if (block != NULL)
		fuzz_memory += nsize - osize;
	return block;
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

/* as lunatik_check: an error, a tenth more once, then an error at every check */
static void fuzz_check(lua_State *L)
{
	long long now = fuzz_now();

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

static void fuzz_start(const char *what)
{
	fuzz_running = what;
	fuzz_deadline = fuzz_now() + FUZZ_TIME_NS;
	fuzz_overtime = 0;
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

static int fuzz_openlibs(lua_State *L)
{
	luaL_openlibs(L);
	return 0;
}

unsigned int luai_seed(void)
{
	return 42;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lua_State *L = lua_newstate(fuzz_alloc, NULL);
	luai_Limits *limits;

	if (L == NULL)
		return 0;
	lua_atpanic(L, fuzz_panic);
	limits = fuzz_limits = luai_limits(L);
	limits->check = fuzz_check;
	limits->cstack = luai_stackpointer() - FUZZ_CSTACK;
	fuzz_start("the chunk");
	lua_pushcfunction(L, fuzz_openlibs);
	if (lua_pcall(L, 0, 0, 0) == LUA_OK &&
	    luaL_loadbufferx(L, (const char *)data, size, "=fuzz", "t") == LUA_OK)
		lua_pcall(L, 0, 0, 0);
	fuzz_overrun(fuzz_now());
	/* as lunatik_stop: finalizers run within fresh limits */
	fuzz_start("lua_close");
	limits->budget = LUAI_BUDGET;
	lua_close(L);
	fuzz_overrun(fuzz_now());
	fuzz_limits = NULL;
	return 0;
}
