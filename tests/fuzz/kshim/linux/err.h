/* SPDX-License-Identifier: GPL-2.0 */
#ifndef kshim_err_h
#define kshim_err_h

#define MAX_ERRNO	4095
#define IS_ERR(ptr)	((unsigned long)(ptr) >= (unsigned long)-MAX_ERRNO)
#define PTR_ERR(ptr)	((long)(ptr))
#define ERR_PTR(err)	((void *)(long)(err))

#endif
