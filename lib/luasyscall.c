// SPDX-License-Identifier: GPL-2.0
/*
 * luasyscall.c: the Lua library 'syscall', the system calls' numbers and
 * entry points.
 *
 * The list of system calls is the one the kernel builds its own table
 * from (x86_64's generated syscalls_64.h; arm64's syscall_table_64.h,
 * or asm-generic's unistd.h before 6.11).  An entry point's address is
 * found by registering a kprobe on its symbol (kallsyms_lookup_name is
 * not exported), disabled, for all of them at once, the first time one
 * is asked for: one grace period unregisters them all.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/version.h>

#include "lunatik.h"

struct luasyscall {
	int nr;
	const char *symbol;	/* "sys_<name>" */
};

static const struct luasyscall luasyscall_table[] = {
#undef __SYSCALL
#define __SYSCALL(nr, symbol)	{nr, #symbol},
#define __SYSCALL_WITH_COMPAT(nr, symbol, compat)	__SYSCALL(nr, symbol)
#define __SYSCALL_NORETURN(nr, symbol)	__SYSCALL(nr, symbol)	/* 6.12: exit, exit_group */
#if defined(CONFIG_X86_64)
#define LUASYSCALL_PREFIX	"__x64_"
#include <asm/syscalls_64.h>
#elif defined(CONFIG_ARM64)
#define LUASYSCALL_PREFIX	"__arm64_"
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
#include <asm/syscall_table_64.h>
#else
#include <asm/unistd.h>
#endif
#else
#error "the 'syscall' library knows the system calls of x86_64 and arm64 only"
#endif
#undef __SYSCALL
};

#define LUASYSCALL_COUNT	ARRAY_SIZE(luasyscall_table)

/* the entry points, found once; 0 where the kernel has none to probe */
static unsigned long luasyscall_addresses[LUASYSCALL_COUNT];
static bool luasyscall_found;
static DEFINE_MUTEX(luasyscall_mutex);

static bool luasyscall_implemented(const struct luasyscall *sc)
{
	return strcmp(sc->symbol, "sys_ni_syscall") != 0;
}

/* 0, or -EAGAIN if an entry point could not be looked for (memory): then again next time */
static int luasyscall_find(void)
{
	struct kprobe **kps;
	struct kprobe *kp;
	size_t i;
	int ret = 0;
	int err;
	int n = 0;

	kp = kcalloc(LUASYSCALL_COUNT, sizeof(*kp), GFP_KERNEL);
	kps = kcalloc(LUASYSCALL_COUNT, sizeof(*kps), GFP_KERNEL);
	if (kp == NULL || kps == NULL) {
		kfree(kp);
		kfree(kps);
		return -ENOMEM;
	}
	for (i = 0; i < LUASYSCALL_COUNT; i++) {
		char *symbol;

		if (!luasyscall_implemented(&luasyscall_table[i]))
			continue;
		symbol = kasprintf(GFP_KERNEL, LUASYSCALL_PREFIX "%s", luasyscall_table[i].symbol);
		if (symbol == NULL) {
			ret = -EAGAIN;
			continue;
		}
		kp[i].symbol_name = symbol;
		kp[i].flags = KPROBE_FLAG_DISABLED;
		/* (one that the kernel refuses to probe has no entry point for us) */
		err = register_kprobe(&kp[i]);
		if (err == 0) {
			luasyscall_addresses[i] = (unsigned long)kp[i].addr;
			kps[n++] = &kp[i];
		} else if (err == -ENOMEM) {
			ret = -EAGAIN;
		}
	}
	unregister_kprobes(kps, n);
	for (i = 0; i < LUASYSCALL_COUNT; i++)
		kfree(kp[i].symbol_name);
	kfree(kps);
	kfree(kp);
	return ret;
}

/* syscall.address(number) */
static int luasyscall_address(lua_State *L)
{
	lua_Integer nr = luaL_checkinteger(L, 1);
	unsigned long address = 0;
	size_t i;
	int ret = 0;

	if (!lunatik_cansleep(L))
		return luaL_error(L, "syscall.address cannot run where the runtime may not sleep");
	if (mutex_lock_killable(&luasyscall_mutex) != 0)
		return luaL_error(L, "interrupted by a fatal signal");
	if (!luasyscall_found) {
		ret = luasyscall_find();
		luasyscall_found = ret == 0;
	}
	mutex_unlock(&luasyscall_mutex);
	lunatik_checktime(L);
	if (ret == -ENOMEM)
		return luaL_error(L, "not enough memory");
	for (i = 0; i < LUASYSCALL_COUNT; i++)
		if (luasyscall_table[i].nr == nr)
			address = luasyscall_addresses[i];
	if (address == 0)
		return luaL_error(L, "no entry point to probe for system call %I", nr);
	lua_pushinteger(L, (lua_Integer)address);
	return 1;
}

static const luaL_Reg luasyscall_lib[] = {
	{"address", luasyscall_address},
	{"numbers", NULL},
	{NULL, NULL}
};

int luaopen_syscall(lua_State *L)
{
	size_t i;

	luaL_newlib(L, luasyscall_lib);
	lua_createtable(L, 0, LUASYSCALL_COUNT);
	for (i = 0; i < LUASYSCALL_COUNT; i++) {
		if (!luasyscall_implemented(&luasyscall_table[i]))
			continue;
		lua_pushinteger(L, luasyscall_table[i].nr);
		/* "sys_<name>": the name */
		lua_setfield(L, -2, luasyscall_table[i].symbol + 4);
	}
	lua_setfield(L, -2, "numbers");
	return 1;
}
EXPORT_SYMBOL_GPL(luaopen_syscall);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Lunatik: the Lua library 'syscall', system calls' numbers and entry points");
