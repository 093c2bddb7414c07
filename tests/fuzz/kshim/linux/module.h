/* SPDX-License-Identifier: GPL-2.0 */
#ifndef kshim_module_h
#define kshim_module_h

struct module;

#endif
