/* SPDX-License-Identifier: GPL-2.0 */
#ifndef kshim_string_h
#define kshim_string_h

#include <string.h>

#endif
