/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lkconf.h: Lua 5.4 configured as Lunatik's kernel dialect.
 *
 * luaconf.h includes this file at its end, where Lua leaves room for local
 * configuration, so everything here overrides luaconf.h.  The same dialect
 * builds in the kernel (__KERNEL__) and in user space (for fuzzing).
 */
#ifndef lkconf_h
#define lkconf_h

/*
 * The dialect.  LUA_NOFLOAT: numbers are integers only; LUA_NOBYTECODE:
 * only text chunks load; LUA_NOSTDIO: no io and os libraries, no file
 * handles, no debug.debug; LUA_SEALED: the debug library cannot reach the
 * registry or change a userdata's metatable.  lua-5.4.4.patch tests these
 * macros.
 */
#define LUA_NOFLOAT
#define LUA_NOBYTECODE
#define LUA_NOSTDIO
#define LUA_SEALED

#define LUAI_VERSIONSUFFIX	"-kernel"

/*
 * Numbers.  lua_Number is lua_Integer's type and setfltvalue makes an
 * integer (lobject.h), the lexer refuses every numeral that is not an
 * integer (lua_str2number fails) and the parser reads '/' as '//' and has
 * no '^': no float value can come to exist.  What remains of Lua's float
 * code paths only has to compile, with integer arithmetic.
 */
#undef LUA_NUMBER
#undef LUAI_UACNUMBER
#undef LUA_NUMBER_FRMLEN
#undef LUA_NUMBER_FMT
#undef l_floatatt
#undef l_mathop
#undef l_floor
#undef lua_str2number
#undef lua_strx2number
#undef lua_number2str
#undef lua_number2strx
#undef lua_numbertointeger
#undef lua_getlocaledecpoint
#undef LUAI_MAXALIGN

#define LUA_NUMBER		LUA_INTEGER
#define LUAI_UACNUMBER		LUAI_UACINT
#define LUA_NUMBER_FRMLEN	LUA_INTEGER_FRMLEN
#define LUA_NUMBER_FMT		LUA_INTEGER_FMT
#define lua_number2str(s,sz,n)	lua_integer2str(s,sz,n)

/* a 64-bit "mantissa": every integer fits, comparisons stay integer */
#define l_floatatt(n)		(LUAI_FLT_##n)
#define LUAI_FLT_MANT_DIG	64
#define LUAI_FLT_MAX_10_EXP	19

#define l_mathop(op)		(lua_Number)op
#define l_floor(x)		(x)
#define lua_numbertointeger(n,p)	((*(p) = (LUA_INTEGER)(n)), 1)
#define lua_str2number(s,p)	((lua_Number)(*(p) = (char *)(s), 0))
#define lua_strx2number(s,p)	lua_str2number(s,p)
#define lua_number2strx(L,b,sz,f,n)	((void)(L), lua_number2str(b,sz,n))
#define lua_getlocaledecpoint()	'.'

#define luai_numidiv(L,a,b)	luaV_idiv(L,a,b)
#define luai_numdiv(L,a,b)	luaV_idiv(L,a,b)
#define luai_nummod(L,a,b,m)	{ (m) = luaV_mod(L,a,b); }
#define luai_numpow(L,a,b)  \
	((void)(a), (void)(b), \
	 luaG_runerror(L, "exponentiation is not supported"), (lua_Number)0)

#define LUAI_MAXALIGN	lua_Integer i; void *s; long l

/*
 * The interpreter dispatches with a switch.  A table of labels would be
 * indirect jumps, each through a retpoline, which objtool cannot follow.
 */
#define LUA_USE_JUMPTABLE	0

/* Modules are found under the folder that also holds runtime scripts. */
#undef LUA_ROOT
#undef LUA_PATH_DEFAULT
#define LUA_ROOT	"/lib/modules/lua/"
#define LUA_PATH_DEFAULT	LUA_ROOT "?.lua;" LUA_ROOT "?/init.lua"

/*
 * Frames are small in the kernel: luaL_Buffer holds this many bytes on
 * the C stack before it moves to a userdata box.
 */
#undef LUAL_BUFFERSIZE
#define LUAL_BUFFERSIZE		256

/* the string table a state grows to with the standard libraries: no rehash */
#define MINSTRTABSIZE		256

/*
 * Limits.  Every call and every jump spends a unit of the state's budget,
 * and so do the steps of C loops that run no Lua (pattern matching, plain
 * search); when it is spent, luai_budget refills it and calls the
 * embedder's 'check', which may raise an error (a time limit, a stop) or
 * yield the CPU.  C recursion is bounded by the real stack: below
 * 'cstack' calls raise "C stack overflow", and LUAI_CSTACKERR bytes lower
 * still they fail without running error handlers.
 */
struct lua_State;

typedef struct luai_Limits {
	int budget;  /* units left before 'check' */
	unsigned int bytes;  /* bytes spent, less than a unit */
	int nosleep;  /* the state runs where it may not sleep: no files */
	unsigned long cstack;  /* lowest stack address for Lua calls, or 0 */
	void (*check) (struct lua_State *L);
} luai_Limits;

#define LUAI_BUDGET	4096
/* an entry's first check comes sooner: the embedder's clock may start there */
#define LUAI_FIRSTBUDGET	256
#define LUAI_CSTACKERR	1024

/*
 * What C code does without calls or jumps is bounded by the bytes it
 * allocates, moves, compares or the collector traverses (a string.rep, a
 * return of many values, an equality of long strings, a full collection):
 * it spends a unit per LUAI_BUDGETBYTES of them, so that it reaches a
 * check too.  luai_spendbytes only spends, and so may run anywhere (in an
 * allocator, in the collector); the next luai_spend checks.  A few values,
 * or a short string, are an instruction's own cost.
 */
#define LUAI_BUDGETBYTES	256
LUAI_FUNC void luai_spendbytes (luai_Limits *l, size_t n);
LUAI_FUNC void luai_tickbytes (struct lua_State *L, size_t n);  /* and check */

/*
 * A call of a large function may run its whole code without a jump: it
 * spends for it, an instruction an eighth of a unit.
 */
#define luai_spendcode(L,n)  \
	do { if ((n) > 256) luai_spendbytes(&G(L)->limits, (size_t)(n) * (LUAI_BUDGETBYTES / 8)); } while (0)
/*
 * A C loop that looks at each character (a conversion, a decoding) does
 * more per byte than a copy: a unit per LUAI_BUDGETCHARS characters.
 */
#define LUAI_BUDGETCHARS	16
#define luai_spendchars(L,n)  \
	luai_spendbytes(&G(L)->limits, (size_t)(n) * (LUAI_BUDGETBYTES / LUAI_BUDGETCHARS))
#define luai_tickchars(L,n)	luai_tickbytes(L, (size_t)(n) * (LUAI_BUDGETBYTES / LUAI_BUDGETCHARS))
/*
 * A string longer than this is not a numeral, and a conversion (tonumber,
 * arithmetic on a string, the lexer) reads no more of it.
 */
#define LUAI_MAXNUMERAL		200
#define luai_spendvalues(L,n)  \
	do { if ((n) > 64) luai_spendbytes(&G(L)->limits, (size_t)(n) * sizeof(TValue)); } while (0)
#define luai_spendstring(L,o)	luai_spendbytes(&G(L)->limits, tsslen(tsvalue(o)))
#define luai_spendwork(g,w)	luai_spendbytes(&(g)->limits, (size_t)(w) * sizeof(TValue))

#define luai_initlimits(l)  \
	((l)->budget = LUAI_BUDGET, (l)->bytes = 0, (l)->nosleep = 0, \
	 (l)->cstack = 0, (l)->check = NULL)

#define luai_budgetspent(L)	(--G(L)->limits.budget < 0)
#define luai_spend(L)	{ if (l_unlikely(luai_budgetspent(L))) luai_budget(L); }

LUAI_FUNC void luai_budget (struct lua_State *L);
LUAI_FUNC void luai_tick (struct lua_State *L);  /* luai_spend, for libraries */
#define luai_cstackfull(L,margin)  \
	(luai_stackpointer() + (margin) < G(L)->limits.cstack)
LUAI_FUNC luai_Limits *luai_limits (struct lua_State *L);

/*
 * An embedder enters a state with a first budget (LUAI_FIRSTBUDGET) and the C-stack bound of
 * where it is; luai_enter returns the count of nested C calls, which
 * luai_setccalls restores after a jump out of Lua.
 */
LUAI_FUNC unsigned int luai_enter (struct lua_State *L, unsigned long cstack);
LUAI_FUNC void luai_setccalls (struct lua_State *L, unsigned int ccalls);

/* a state's extra space holds its runtime (lunatik.h); none at first */
#define luai_userstateopen(L)	(*(void **)lua_getextraspace(L) = NULL)

/*
 * Tables.  Integer and pointer keys are hashed with a random odd factor
 * (set once, before any state exists) rather than by a modulo that a
 * script can aim at, and no chain of colliding keys grows past
 * LUAI_MAXCHAIN: a lookup walks its chain without spending.
 */
extern unsigned long long luai_hashfactor;
#define luai_hashmix(x,lsize)	luai_hashmix64((unsigned long long)(x), (lsize))
#define luai_hashmix64(x,lsize)  \
	((unsigned int)((((x) ^ ((x) >> 32)) * luai_hashfactor) >> (63 - (lsize)) >> 1))
#define LUAI_MAXCHAIN	32

/*
 * A finalizer that is a light C function (a library's __gc, the __gc of
 * the modules that require pinned) runs even when the budget is spent, so
 * that what it releases in the kernel is released: its call is free, and
 * whatever it calls spends as usual.  Not a C closure: coroutine.wrap's
 * would resume Lua code that no call spends for.
 */
#define luai_freecall(L)	(G(L)->limits.budget++)

/*
 * Finalizers wait for room on the C stack (and in the count of C calls):
 * one whose call fails for want of it would never run.
 */
#define LUAI_CSTACKFIN	(2 << 10)
#define luai_finalizerswait(L)  \
	(luai_cstackfull(L, LUAI_CSTACKFIN) || getCcalls(L) + 20 >= LUAI_MAXCCALLS)

/* random seeds, for string hashes and table.sort's pivots */
LUAI_FUNC unsigned int luai_seed (void);
#define luai_makeseed(L)	((void)(L), luai_seed())
#define l_randomizePivot()	luai_seed()

#if defined(__KERNEL__)
#include "lkkernel.h"
#else
#define luai_stackpointer()	((unsigned long)__builtin_frame_address(0))
#endif

#endif
