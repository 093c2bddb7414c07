/* SPDX-License-Identifier: GPL-2.0 */
/* <stdlib.h> for Lua in the kernel: what Lua calls outside its own allocator */
#ifndef _LUNATIK_LIBC_STDLIB_H
#define _LUNATIK_LIBC_STDLIB_H

#include <linux/types.h>

/* luaL_newstate allocates with realloc and free (lklibc.c) */
void *luai_realloc(void *ptr, size_t size);
void luai_free(void *ptr);

#define realloc(p,n)	luai_realloc(p,n)
#define free(p)		luai_free(p)

/* there is no environment */
#define getenv(name)	((void)(name), (char *)NULL)

#endif
