# SPDX-License-Identifier: GPL-2.0
#
# make            build the modules (for KDIR)
# make check      install what the tests need, then run them in the test guest
# make guest      boot the test guest with Lunatik loaded, and get its shell
# make deps       install the build and test dependencies (Debian, as root)
# make lua-patch  turn changes made in build/lua into lua/lua-5.4.4.patch

# The running kernel's build tree, or else Debian's packaged headers.
DEBIAN_KDIR := $(lastword $(sort $(wildcard /usr/src/linux-headers-*-amd64)))
KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) $(DEBIAN_KDIR))

LUA_DIR := build/lua
LUA_STAMP := $(LUA_DIR)/.stamp

.PHONY: all modules lua lua-patch check guest deps clean distclean

all: modules

lua: $(LUA_STAMP)

$(LUA_STAMP): lua/fetch.sh lua/lua-5.4.4.patch lua/exports.sh
	lua/fetch.sh $(LUA_DIR)
	lua/exports.sh $(LUA_DIR)/lua.h $(LUA_DIR)/lauxlib.h $(LUA_DIR)/lualib.h \
		> $(LUA_DIR)/lkexport.h
	touch $@

lua-patch: $(LUA_STAMP)
	cd build && LC_ALL=C diff -ruN -x .stamp -x lkexport.h lua.orig lua | \
		sed -e 's|^--- lua.orig/\([^\t]*\).*|--- a/src/\1|' \
		    -e 's|^+++ lua/\([^\t]*\).*|+++ b/src/\1|' -e '/^diff /d' \
		> ../lua/lua-5.4.4.patch; test $$? -le 1

modules: $(LUA_STAMP)
	@test -d "$(KDIR)" || { echo "no kernel build tree: install linux-headers-amd64 (make deps) or set KDIR" >&2; exit 1; }
	@if [ -f build/.kdir ] && [ "$$(cat build/.kdir)" != "$(KDIR)" ]; then \
		$(MAKE) -C "$$(cat build/.kdir)" M=$(CURDIR) clean; fi
	@echo "$(KDIR)" > build/.kdir
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

check:
	tests/check.sh

guest:
	tests/guest.sh

deps:
	tests/deps.sh

clean:
	@if [ -f build/.kdir ]; then $(MAKE) -C "$$(cat build/.kdir)" M=$(CURDIR) clean; fi
	rm -rf build/guest build/.kdir

distclean: clean
	rm -rf build
