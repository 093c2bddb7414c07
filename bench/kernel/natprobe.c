// SPDX-License-Identifier: GPL-2.0
/*
 * natprobe.c: the native C probe that make bench holds a Lua probe to: a
 * kprobe on getpid(2)'s entry point that counts its hits in a per-CPU
 * counter (bench/lua/probe.lua counts in a Lua table).
 */
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/percpu.h>

static DEFINE_PER_CPU(unsigned long, natprobe_hits);

static int natprobe_pre(struct kprobe *kp, struct pt_regs *regs)
{
	this_cpu_inc(natprobe_hits);
	return 0;
}

static struct kprobe natprobe = {
	.symbol_name = "__x64_sys_getpid",
	.pre_handler = natprobe_pre,
};

static int __init natprobe_init(void)
{
	return register_kprobe(&natprobe);
}

static void __exit natprobe_exit(void)
{
	unsigned long hits = 0;
	int cpu;

	unregister_kprobe(&natprobe);
	for_each_possible_cpu(cpu)
		hits += per_cpu(natprobe_hits, cpu);
	pr_info("natprobe: %lu hits\n", hits);
}

module_init(natprobe_init);
module_exit(natprobe_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Lunatik benchmarks: a native kprobe that counts getpid(2)");
