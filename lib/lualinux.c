// SPDX-License-Identifier: GPL-2.0
/*
 * lualinux.c: the Lua library 'linux', some facilities of the kernel.
 */
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/stat.h>
#include <linux/timekeeping.h>
#include <asm/byteorder.h>

#include "lunatik.h"

/*
 * A uniform integer in [0, n], without modulo bias: for a 32-bit range
 * the kernel's own (one draw, almost always); else draws under a mask.
 */
static u64 lualinux_uniform(u64 n)
{
	u64 mask = n;
	u64 r;

	if (n < U32_MAX)
		return get_random_u32_below((u32)n + 1);
	mask |= mask >> 1;
	mask |= mask >> 2;
	mask |= mask >> 4;
	mask |= mask >> 8;
	mask |= mask >> 16;
	mask |= mask >> 32;
	do {
		r = get_random_u64() & mask;
	} while (r > n);
	return r;
}

/* linux.random([m [, n]]): as Lua's math.random, from the kernel's generator */
static int lualinux_random(lua_State *L)
{
	lua_Integer low;
	lua_Integer up;

	switch (lua_gettop(L)) {
	case 0:
		lua_pushinteger(L, (lua_Integer)get_random_u64());
		return 1;
	case 1:
		low = 1;
		up = luaL_checkinteger(L, 1);
		if (up == 0) {	/* all bits, as math.random(0) */
			lua_pushinteger(L, (lua_Integer)get_random_u64());
			return 1;
		}
		break;
	case 2:
		low = luaL_checkinteger(L, 1);
		up = luaL_checkinteger(L, 2);
		break;
	default:
		return luaL_error(L, "wrong number of arguments");
	}
	luaL_argcheck(L, low <= up, 1, "interval is empty");
	lua_pushinteger(L, (lua_Integer)((u64)low + lualinux_uniform((u64)up - (u64)low)));
	return 1;
}

/* linux.getsid(): the session of the calling process, as getsid(0) */
static int lualinux_getsid(lua_State *L)
{
	if (!in_task())
		return luaL_error(L, "getsid: no process calls in interrupt context");
	lua_pushinteger(L, task_session_vnr(current));
	return 1;
}

/* linux.time(): nanoseconds since the epoch, an integer: the dialect has no floats */
static int lualinux_time(lua_State *L)
{
	lua_pushinteger(L, (lua_Integer)ktime_get_real_ns());
	return 1;
}

/* linux.difftime(t1, t2): t1 - t2, in unsigned to wrap as Lua does, not overflow */
static int lualinux_difftime(lua_State *L)
{
	u64 t1 = (u64)luaL_checkinteger(L, 1);
	u64 t2 = (u64)luaL_checkinteger(L, 2);

	lua_pushinteger(L, (lua_Integer)(t1 - t2));
	return 1;
}

/*
 * linux.hton16(x) ... linux.le64toh(x): the low bits of x, from or to the
 * CPU's byte order.  A Lua integer holds either order, which sparse's
 * __be16 and the like cannot say: hence the __force casts.  The widths
 * are unsigned, so that 16 and 32 bits are never negative.
 */
#define LUALINUX_BYTEORDER(name, bits, type, conv)				\
static int lualinux_##name(lua_State *L)					\
{										\
	u##bits x = (u##bits)luaL_checkinteger(L, 1);				\
										\
	lua_pushinteger(L, (lua_Integer)(__force u##bits)conv((__force type)x));	\
	return 1;								\
}

#define LUALINUX_BYTEORDERS(bits)						\
	LUALINUX_BYTEORDER(hton##bits, bits, u##bits, cpu_to_be##bits)		\
	LUALINUX_BYTEORDER(ntoh##bits, bits, __be##bits, be##bits##_to_cpu)	\
	LUALINUX_BYTEORDER(htobe##bits, bits, u##bits, cpu_to_be##bits)		\
	LUALINUX_BYTEORDER(be##bits##toh, bits, __be##bits, be##bits##_to_cpu)	\
	LUALINUX_BYTEORDER(htole##bits, bits, u##bits, cpu_to_le##bits)		\
	LUALINUX_BYTEORDER(le##bits##toh, bits, __le##bits, le##bits##_to_cpu)

LUALINUX_BYTEORDERS(16)
LUALINUX_BYTEORDERS(32)
LUALINUX_BYTEORDERS(64)

#define LUALINUX_BYTEORDERS_REG(bits)						\
	{"hton" #bits, lualinux_hton##bits}, {"ntoh" #bits, lualinux_ntoh##bits},	\
	{"htobe" #bits, lualinux_htobe##bits}, {"be" #bits "toh", lualinux_be##bits##toh},	\
	{"htole" #bits, lualinux_htole##bits}, {"le" #bits "toh", lualinux_le##bits##toh}

/*
 * linux.schedule([ms [, state]]): sleeps, in an entry that may sleep,
 * until woken or for 'ms'; the milliseconds left if woken early.
 */
static int lualinux_schedule(lua_State *L)
{
	lua_Integer ms = luaL_optinteger(L, 1, -1);
	lua_Integer state = luaL_optinteger(L, 2, TASK_INTERRUPTIBLE);
	long timeout = MAX_SCHEDULE_TIMEOUT;
	long left;

	if (!lunatik_toruntime(L)->sleep || !lunatik_cansleep(L))
		return luaL_error(L, "linux.schedule needs a runtime that may sleep");
	if (!lua_isnoneornil(L, 1)) {
		luaL_argcheck(L, ms >= 0, 1, "milliseconds must not be negative");
		timeout = msecs_to_jiffies(min_t(lua_Integer, ms, UINT_MAX));
	}
	luaL_argcheck(L, state == TASK_RUNNING || state == TASK_INTERRUPTIBLE ||
		      state == TASK_UNINTERRUPTIBLE || state == TASK_KILLABLE || state == TASK_IDLE,
		      2, "not a value of linux.task");
	if (state == TASK_RUNNING) {	/* a yield, not a sleep */
		cond_resched();
		lua_pushinteger(L, 0);
		return 1;
	}
	left = lunatik_sleep(L, timeout, state);
	lua_pushinteger(L, timeout == MAX_SCHEDULE_TIMEOUT ? 0 : jiffies_to_msecs(left));
	return 1;
}

static const luaL_Reg lualinux_lib[] = {
	{"random", lualinux_random},
	{"schedule", lualinux_schedule},
	{"getsid", lualinux_getsid},
	{"time", lualinux_time},
	{"difftime", lualinux_difftime},
	LUALINUX_BYTEORDERS_REG(16),
	LUALINUX_BYTEORDERS_REG(32),
	LUALINUX_BYTEORDERS_REG(64),
	{"stat", NULL},
	{"task", NULL},
	{"errno", NULL},
	{NULL, NULL}
};

struct lualinux_const {
	const char *name;
	lua_Integer value;
};

#define LUALINUX_STAT(flag)	{#flag, S_##flag}

static const struct lualinux_const lualinux_stat[] = {
	LUALINUX_STAT(IRWXUGO), LUALINUX_STAT(IRUGO), LUALINUX_STAT(IWUGO),
	LUALINUX_STAT(IXUGO), LUALINUX_STAT(IALLUGO),
	LUALINUX_STAT(IRWXU), LUALINUX_STAT(IRUSR), LUALINUX_STAT(IWUSR), LUALINUX_STAT(IXUSR),
	LUALINUX_STAT(IRWXG), LUALINUX_STAT(IRGRP), LUALINUX_STAT(IWGRP), LUALINUX_STAT(IXGRP),
	LUALINUX_STAT(IRWXO), LUALINUX_STAT(IROTH), LUALINUX_STAT(IWOTH), LUALINUX_STAT(IXOTH),
	LUALINUX_STAT(ISUID), LUALINUX_STAT(ISGID), LUALINUX_STAT(ISVTX),
};

#define LUALINUX_TASK(state)	{#state, TASK_##state}

static const struct lualinux_const lualinux_task[] = {
	LUALINUX_TASK(RUNNING), LUALINUX_TASK(INTERRUPTIBLE), LUALINUX_TASK(UNINTERRUPTIBLE),
	LUALINUX_TASK(KILLABLE), LUALINUX_TASK(IDLE),
};

/*
 * Every errno of <uapi/asm-generic/errno-base.h> and errno.h, aliases
 * too, by name: an architecture that numbers them its own way gets its
 * own values.
 */
#define LUALINUX_ERRNO(name)	{#name, E##name}

static const struct lualinux_const lualinux_errno[] = {
	LUALINUX_ERRNO(PERM), LUALINUX_ERRNO(NOENT), LUALINUX_ERRNO(SRCH), LUALINUX_ERRNO(INTR),
	LUALINUX_ERRNO(IO), LUALINUX_ERRNO(NXIO), LUALINUX_ERRNO(2BIG), LUALINUX_ERRNO(NOEXEC),
	LUALINUX_ERRNO(BADF), LUALINUX_ERRNO(CHILD), LUALINUX_ERRNO(AGAIN),
	LUALINUX_ERRNO(NOMEM), LUALINUX_ERRNO(ACCES), LUALINUX_ERRNO(FAULT),
	LUALINUX_ERRNO(NOTBLK), LUALINUX_ERRNO(BUSY), LUALINUX_ERRNO(EXIST),
	LUALINUX_ERRNO(XDEV), LUALINUX_ERRNO(NODEV), LUALINUX_ERRNO(NOTDIR),
	LUALINUX_ERRNO(ISDIR), LUALINUX_ERRNO(INVAL), LUALINUX_ERRNO(NFILE),
	LUALINUX_ERRNO(MFILE), LUALINUX_ERRNO(NOTTY), LUALINUX_ERRNO(TXTBSY),
	LUALINUX_ERRNO(FBIG), LUALINUX_ERRNO(NOSPC), LUALINUX_ERRNO(SPIPE),
	LUALINUX_ERRNO(ROFS), LUALINUX_ERRNO(MLINK), LUALINUX_ERRNO(PIPE), LUALINUX_ERRNO(DOM),
	LUALINUX_ERRNO(RANGE), LUALINUX_ERRNO(DEADLK), LUALINUX_ERRNO(NAMETOOLONG),
	LUALINUX_ERRNO(NOLCK), LUALINUX_ERRNO(NOSYS), LUALINUX_ERRNO(NOTEMPTY),
	LUALINUX_ERRNO(LOOP), LUALINUX_ERRNO(WOULDBLOCK), LUALINUX_ERRNO(NOMSG),
	LUALINUX_ERRNO(IDRM), LUALINUX_ERRNO(CHRNG), LUALINUX_ERRNO(L2NSYNC),
	LUALINUX_ERRNO(L3HLT), LUALINUX_ERRNO(L3RST), LUALINUX_ERRNO(LNRNG),
	LUALINUX_ERRNO(UNATCH), LUALINUX_ERRNO(NOCSI), LUALINUX_ERRNO(L2HLT),
	LUALINUX_ERRNO(BADE), LUALINUX_ERRNO(BADR), LUALINUX_ERRNO(XFULL),
	LUALINUX_ERRNO(NOANO), LUALINUX_ERRNO(BADRQC), LUALINUX_ERRNO(BADSLT),
	LUALINUX_ERRNO(DEADLOCK), LUALINUX_ERRNO(BFONT), LUALINUX_ERRNO(NOSTR),
	LUALINUX_ERRNO(NODATA), LUALINUX_ERRNO(TIME), LUALINUX_ERRNO(NOSR),
	LUALINUX_ERRNO(NONET), LUALINUX_ERRNO(NOPKG), LUALINUX_ERRNO(REMOTE),
	LUALINUX_ERRNO(NOLINK), LUALINUX_ERRNO(ADV), LUALINUX_ERRNO(SRMNT),
	LUALINUX_ERRNO(COMM), LUALINUX_ERRNO(PROTO), LUALINUX_ERRNO(MULTIHOP),
	LUALINUX_ERRNO(DOTDOT), LUALINUX_ERRNO(BADMSG), LUALINUX_ERRNO(OVERFLOW),
	LUALINUX_ERRNO(NOTUNIQ), LUALINUX_ERRNO(BADFD), LUALINUX_ERRNO(REMCHG),
	LUALINUX_ERRNO(LIBACC), LUALINUX_ERRNO(LIBBAD), LUALINUX_ERRNO(LIBSCN),
	LUALINUX_ERRNO(LIBMAX), LUALINUX_ERRNO(LIBEXEC), LUALINUX_ERRNO(ILSEQ),
	LUALINUX_ERRNO(RESTART), LUALINUX_ERRNO(STRPIPE), LUALINUX_ERRNO(USERS),
	LUALINUX_ERRNO(NOTSOCK), LUALINUX_ERRNO(DESTADDRREQ), LUALINUX_ERRNO(MSGSIZE),
	LUALINUX_ERRNO(PROTOTYPE), LUALINUX_ERRNO(NOPROTOOPT), LUALINUX_ERRNO(PROTONOSUPPORT),
	LUALINUX_ERRNO(SOCKTNOSUPPORT), LUALINUX_ERRNO(OPNOTSUPP), LUALINUX_ERRNO(PFNOSUPPORT),
	LUALINUX_ERRNO(AFNOSUPPORT), LUALINUX_ERRNO(ADDRINUSE), LUALINUX_ERRNO(ADDRNOTAVAIL),
	LUALINUX_ERRNO(NETDOWN), LUALINUX_ERRNO(NETUNREACH), LUALINUX_ERRNO(NETRESET),
	LUALINUX_ERRNO(CONNABORTED), LUALINUX_ERRNO(CONNRESET), LUALINUX_ERRNO(NOBUFS),
	LUALINUX_ERRNO(ISCONN), LUALINUX_ERRNO(NOTCONN), LUALINUX_ERRNO(SHUTDOWN),
	LUALINUX_ERRNO(TOOMANYREFS), LUALINUX_ERRNO(TIMEDOUT), LUALINUX_ERRNO(CONNREFUSED),
	LUALINUX_ERRNO(HOSTDOWN), LUALINUX_ERRNO(HOSTUNREACH), LUALINUX_ERRNO(ALREADY),
	LUALINUX_ERRNO(INPROGRESS), LUALINUX_ERRNO(STALE), LUALINUX_ERRNO(UCLEAN),
	LUALINUX_ERRNO(NOTNAM), LUALINUX_ERRNO(NAVAIL), LUALINUX_ERRNO(ISNAM),
	LUALINUX_ERRNO(REMOTEIO), LUALINUX_ERRNO(DQUOT), LUALINUX_ERRNO(NOMEDIUM),
	LUALINUX_ERRNO(MEDIUMTYPE), LUALINUX_ERRNO(CANCELED), LUALINUX_ERRNO(NOKEY),
	LUALINUX_ERRNO(KEYEXPIRED), LUALINUX_ERRNO(KEYREVOKED), LUALINUX_ERRNO(KEYREJECTED),
	LUALINUX_ERRNO(OWNERDEAD), LUALINUX_ERRNO(NOTRECOVERABLE), LUALINUX_ERRNO(RFKILL),
	LUALINUX_ERRNO(HWPOISON),
};

static void lualinux_newconsts(lua_State *L, const char *field,
			       const struct lualinux_const *consts, int n)
{
	int i;

	lua_createtable(L, 0, n);
	for (i = 0; i < n; i++) {
		lua_pushinteger(L, consts[i].value);
		lua_setfield(L, -2, consts[i].name);
	}
	lua_setfield(L, -2, field);
}

int luaopen_linux(lua_State *L)
{
	luaL_newlib(L, lualinux_lib);
	lualinux_newconsts(L, "stat", lualinux_stat, ARRAY_SIZE(lualinux_stat));
	lualinux_newconsts(L, "task", lualinux_task, ARRAY_SIZE(lualinux_task));
	lualinux_newconsts(L, "errno", lualinux_errno, ARRAY_SIZE(lualinux_errno));
	return 1;
}
EXPORT_SYMBOL_GPL(luaopen_linux);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Lunatik: the Lua library 'linux'");
