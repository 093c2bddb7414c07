/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lunatik_compat.h: what differs between the kernels Lunatik builds for
 * (6.1 to 6.12), in one place.  Each entry names the kernel interface as
 * the newest kernel has it and says when that changed.
 */
#ifndef lunatik_compat_h
#define lunatik_compat_h

#include <linux/version.h>

/* 6.4: class_create() lost its owner */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
#define lunatik_class_create(name)	class_create(name)
#else
#define lunatik_class_create(name)	class_create(THIS_MODULE, name)
#endif

/* 6.2: a class's devnode() takes its device as const */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define lunatik_devnode_device	const struct device
#else
#define lunatik_devnode_device	struct device
#endif

/* 6.12: kvrealloc() finds the old size itself */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
#define lunatik_kvrealloc(p, oldsize, newsize, gfp)	kvrealloc(p, newsize, gfp)
#else
#define lunatik_kvrealloc(p, oldsize, newsize, gfp)	kvrealloc(p, oldsize, newsize, gfp)
#endif

/* 6.12: the unaligned accessors moved from asm/ to linux/ */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

#endif
