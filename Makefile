# SPDX-License-Identifier: GPL-2.0
#
# make            build the modules (for KDIR) and sbin/lunatik
# make install    install them for KDIR's kernel, lunatik.lua and the headers
# make check      install what the tests need, then run them in the test guest
#   KVER=release  ... on that Debian kernel (installed if need be; also for
#                 make guest and make bench)
#   ARCH=arm64    ... in an arm64 guest (QEMU's virt), Debian's arm64 kernel
# make check-kernels  make check on each kernel of the matrix, the packages'
#                 test, and a table
# make guest      boot the test guest, start Lunatik and get its REPL (ARCH=arm64 too)
#   EXAMPLE=name  ... after running examples/name.lua (e.g. passwd)
#   BOOTLOG=1     ... showing the kernel's boot log on the console
# make deps       install the build and test dependencies (Debian, as root; ARCH=arm64's too)
# make deb        Debian packages: lunatik and lunatik-dkms, in build/deb
# make lua-patch  turn changes made in build/lua into lua/lua-5.4.4.patch
# make fuzz       fuzz the dialect in user space for FUZZ_SECONDS (libFuzzer)
# make check-debug  make check on a kernel with KASAN, lockdep, kmemleak, UBSAN
# make bench      measure Lunatik against native C in the test guest

# The running kernel's build tree, or else the headers of Debian 12's own
# kernel (linux-headers-amd64's)
ifndef KDIR
KDIR := $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(addprefix /usr/src/linux-headers-,$(shell tests/kernels.sh default 2> /dev/null)))
endif

LUA_DIR := build/lua
LUA_STAMP := $(LUA_DIR)/.stamp
LUA_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/lunatik
export LUA_CACHE

KRELEASE = $(shell sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' $(KDIR)/include/generated/utsrelease.h)
PREFIX ?= /usr/local
CFLAGS ?= -O2 -g

.PHONY: all modules lua lua-patch install install-tools install-dkms deb check check-kernels \
	check-debug bench guest deps fuzz clean distclean

all: modules sbin/lunatik

sbin/lunatik: sbin/lunatik.c
	@echo '#include <editline/readline.h>' | $(CC) $(CPPFLAGS) -E -o /dev/null - 2>/dev/null || \
		{ echo "no editline/readline.h: install libedit-dev (make deps)" >&2; exit 1; }
	$(CC) $(CPPFLAGS) $(CFLAGS) -Wall -Wextra $(LDFLAGS) -o $@ $< -ledit

lua: $(LUA_STAMP)

$(LUA_STAMP): lua/fetch.sh lua/lua-5.4.4.patch lua/exports.sh
	lua/fetch.sh $(LUA_DIR)
	lua/exports.sh $(LUA_DIR)/lua.h $(LUA_DIR)/lauxlib.h $(LUA_DIR)/lualib.h \
		> $(LUA_DIR)/lkexport.h
	touch $@

# after editing build/lua: the patch is made anew from it, and build/lua
# stays (no prerequisite, which would apply the old patch over the edits)
lua-patch:
	test -d build/lua.orig
	cd build && LC_ALL=C diff -ruN -x .stamp -x lkexport.h lua.orig lua | \
		sed -e 's|^--- lua.orig/\([^\t]*\).*|--- a/src/\1|' \
		    -e 's|^+++ lua/\([^\t]*\).*|+++ b/src/\1|' -e '/^diff /d' \
		> ../lua/lua-5.4.4.patch; test $$? -le 1
	touch $(LUA_STAMP)

modules: $(LUA_STAMP)
	@test -d "$(KDIR)" || { echo "no kernel build tree: install linux-headers-amd64 (make deps) or set KDIR" >&2; exit 1; }
	@if [ -f build/.kdir ] && [ "$$(cat build/.kdir)" != "$(KDIR)" ]; then \
		$(MAKE) -C "$$(cat build/.kdir)" M=$(CURDIR) clean; fi
	@echo "$(KDIR)" > build/.kdir
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

# the headers a module that uses the C API needs, as lunatik.mk finds them
HEADERS = lunatik.h lunatik.mk lua/lkconf.h lua/lkkernel.h lua/libc/*.h \
	$(addprefix $(LUA_DIR)/,lua.h luaconf.h lauxlib.h lualib.h)

# the modules as they are (not signed: CONFIG_MODULE_SIG_ALL wants the
# kernel's key); depmod unless staged in DESTDIR, where a package's
# installation runs it
MODULES = lunatik.ko luadevice.ko lualinux.ko luanotifier.ko luadata.ko luarcu.ko luathread.ko \
	luaprobe.ko luasyscall.ko lunatik_run.ko

install: all install-tools
	for m in $(MODULES); do \
		install -D -m 0644 $$m $(DESTDIR)/lib/modules/$(KRELEASE)/extra/$$m; done
	$(if $(DESTDIR),,depmod $(KRELEASE))
	install -m 0644 Module.symvers $(DESTDIR)/usr/src/lunatik/Module.symvers

# what is not built for a kernel (the package lunatik's part)
install-tools: sbin/lunatik $(LUA_STAMP)
	install -D -m 0644 lunatik.lua $(DESTDIR)/lib/modules/lua/lunatik.lua
	install -D -m 0644 lib/syscall/table.lua $(DESTDIR)/lib/modules/lua/syscall/table.lua
	install -D -m 0755 sbin/lunatik $(DESTDIR)$(PREFIX)/sbin/lunatik
	install -D -m 0755 sbin/lunatik.sh $(DESTDIR)$(PREFIX)/sbin/lunatik.sh
	for h in $(HEADERS); do install -D -m 0644 $$h $(DESTDIR)/usr/src/lunatik/$$h; done

# the module sources and Lua's, for DKMS (the package lunatik-dkms's part)
DKMS_SOURCES = Kbuild Makefile lunatik.mk lunatik*.c lunatik*.h lib/*.[ch] lua/*.[chS] \
	lua/*.sh lua/*.patch lua/libc
install-dkms:
	mkdir -p $(DESTDIR)/lua/dist
	cp -R --parents $(DKMS_SOURCES) $(DESTDIR)/
	cp $(LUA_CACHE)/lua5.4_5.4.4.orig.tar.gz $(LUA_CACHE)/lua5.4_5.4.4-*.debian.tar.xz \
		$(DESTDIR)/lua/dist/

# Debian packages (lunatik, lunatik-dkms) in build/deb, from a copy of the
# tree with Lua's sources in it
deb: $(LUA_STAMP)
	tests/deb.sh build

# the dialect in user space, with the same adaptation and limits, for libFuzzer
FUZZ_DIR := build/fuzz
FUZZ_SECONDS ?= 600
FUZZ_SOURCES := tests/fuzz/fuzz.c lua/lklua.c lua/lkmath.c lua/lklimits.c \
	lunatik_alloc.c tests/fuzz/kshim/slab.c
# lunatik_alloc.c as it is, on the kernel headers of kshim
FUZZ_HEADERS := lua/lkconf.h lunatik.h lunatik_core.h $(wildcard tests/fuzz/kshim/linux/*.h)

$(FUZZ_DIR)/lunatik_fuzz: $(LUA_STAMP) $(FUZZ_SOURCES) $(FUZZ_HEADERS) $(wildcard $(LUA_DIR)/*.[ch])
	mkdir -p $(FUZZ_DIR)
	clang -g -O1 -Wall -Wextra -Werror -pthread -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=undefined -I$(LUA_DIR) -Ilua -I. -Itests/fuzz/kshim \
		-o $@ $(FUZZ_SOURCES)

fuzz: $(FUZZ_DIR)/lunatik_fuzz
	mkdir -p $(FUZZ_DIR)/corpus
	$< -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -close_fd_mask=1 \
		-dict=tests/fuzz/lua.dict -artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_DIR)/corpus tests/fuzz/corpus

check:
	ARCH=$(ARCH) KVER=$(KVER) tests/check.sh

check-kernels:
	tests/check-kernels.sh

# built once (30 minutes on 2 cores), cached in ~/.cache/lunatik/linux-debug
check-debug:
	LUNATIK_KERNEL=$$(tests/debug-kernel.sh) tests/check.sh

bench:
	BENCH="$(BENCH)" KVER=$(KVER) bench/bench.sh

guest:
	ARCH=$(ARCH) EXAMPLE=$(EXAMPLE) BOOTLOG=$(BOOTLOG) KVER=$(KVER) tests/guest.sh

deps:
	ARCH=$(ARCH) tests/deps.sh

clean:
	@if [ -f build/.kdir ]; then $(MAKE) -C "$$(cat build/.kdir)" M=$(CURDIR) clean; fi
	rm -rf build/guest build/.kdir sbin/lunatik

distclean: clean
	rm -rf build
