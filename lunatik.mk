# SPDX-License-Identifier: GPL-2.0
#
# lunatik.mk: for the Kbuild file of a module that uses Lunatik's C API.
# Set LUNATIK to Lunatik's tree (built) or to where 'make install' put its
# headers (/usr/src/lunatik), then include this file; build the module
# with KBUILD_EXTRA_SYMBOLS=$(LUNATIK)/Module.symvers.
ccflags-y += -I$(LUNATIK) -I$(LUNATIK)/lua -I$(LUNATIK)/build/lua -I$(LUNATIK)/lua/libc
