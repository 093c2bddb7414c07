// SPDX-License-Identifier: GPL-2.0
/*
 * lunatik_run.c: runs /lib/modules/lua/lunatik.lua, the driver of
 * /dev/lunatik, in a runtime that may sleep, for as long as it is loaded.
 * Its lunatik.runtime makes runtimes as lunatik_runtime() does (those of
 * sbin/lunatik's --run and --spawn): see lunatik_driver().
 */
#include <linux/module.h>

#include "lunatik.h"

static lunatik_runtime_t *lunatik_run_runtime;

static int __init lunatik_run_init(void)
{
	return lunatik_driver(&lunatik_run_runtime, "lunatik");
}

static void __exit lunatik_run_exit(void)
{
	lunatik_stop(lunatik_run_runtime);
}

module_init(lunatik_run_init);
module_exit(lunatik_run_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Lunatik: /dev/lunatik, from lunatik.lua");
MODULE_SOFTDEP("pre: luadevice lualinux luathread");
