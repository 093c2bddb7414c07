// SPDX-License-Identifier: GPL-2.0
/*
 * lklimits.c: the budget and the C-stack bound of a Lua state (lkconf.h),
 * in the kernel and in user space alike.
 */
#define lklimits_c
#define LUA_CORE

#include "lua.h"
#include "lstate.h"

/* odd; an embedder that can draw a random one sets it before any state exists */
unsigned long long luai_hashfactor = 0x9e3779b97f4a7c15ULL;

void luai_budget(lua_State *L)
{
	luai_Limits *limits = &G(L)->limits;

	limits->budget = LUAI_BUDGET;
	if (limits->check != NULL)
		limits->check(L);
}

void luai_tick(lua_State *L)
{
	luai_spend(L);
}

void luai_spendbytes(luai_Limits *limits, size_t n)
{
	size_t units;

	n += limits->bytes;
	units = n / LUAI_BUDGETBYTES;
	limits->bytes = n % LUAI_BUDGETBYTES;
	/* spending more than the budget left is spending it: the next spend checks */
	if (limits->budget <= 0 || units >= (size_t)limits->budget)
		limits->budget = 0;
	else
		limits->budget -= (int)units;
}

void luai_tickbytes(lua_State *L, size_t n)
{
	luai_spendbytes(&G(L)->limits, n);
	luai_spend(L);
}

luai_Limits *luai_limits(lua_State *L)
{
	return &G(L)->limits;
}

unsigned int luai_enter(lua_State *L, unsigned long cstack)
{
	G(L)->limits.budget = LUAI_FIRSTBUDGET;
	G(L)->limits.cstack = cstack;
	return L->nCcalls;
}

void luai_setccalls(lua_State *L, unsigned int ccalls)
{
	L->nCcalls = ccalls;
}
