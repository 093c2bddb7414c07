// SPDX-License-Identifier: GPL-2.0
/*
 * lunatik_test.c: tests of the C API, and the runner of the Lua suites.
 *
 * Loading the module runs what its parameters ask and prints a TAP line
 * per test ("ok - ..." or "not ok - ..."), which tests/check.sh counts.
 *   capi=1          the C API, used as the spec's mydevice example does
 *   suites=a,b      the Lua suites /lib/modules/lua/tests/{a,b}.lua
 *   enomem=1        lunatik_runtime() fails with -ENOMEM (a tiny max_memory)
 *   pin=1           keep a runtime that uses lunatik_testlib until unloaded
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "lunatik.h"

static bool capi;
module_param(capi, bool, 0444);
static bool enomem;
module_param(enomem, bool, 0444);
static bool pin;
module_param(pin, bool, 0444);
static char *suites[32];
static int nsuites;
module_param_array(suites, charp, &nsuites, 0444);

static lunatik_runtime_t *pinned;

static __printf(2, 3) void tap(bool ok, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	pr_info("%s - %pV\n", ok ? "ok" : "not ok", &vaf);
	va_end(args);
}

#define expect(cond)	tap((cond), "capi: %s", #cond)

/* the spec's example: a handler that calls the script's 'myread' */
static int l_read(lua_State *L, char *buf, size_t len, loff_t *off)
{
	size_t llen;
	const char *lbuf;

	lua_getglobal(L, "myread");
	lua_pushinteger(L, len);
	lua_pushinteger(L, *off);
	if (lua_pcall(L, 2, 2, 0) != LUA_OK) {
		pr_err("%s\n", lua_tostring(L, -1));
		return -ECANCELED;
	}
	lbuf = lua_tolstring(L, -2, &llen);
	if (lbuf == NULL)
		return -EINVAL;
	llen = min(len, llen);
	memcpy(buf, lbuf, llen);
	*off = (loff_t)luaL_optinteger(L, -1, *off + llen);
	return (ssize_t)llen;
}

static int l_gettop(lua_State *L)
{
	return lua_gettop(L);
}

static int l_push(lua_State *L, int n)
{
	while (n--)
		lua_pushinteger(L, n);
	return lua_gettop(L);
}

static int l_unprotected(lua_State *L, const char *msg)
{
	return luaL_error(L, "%s", msg);
}

static int l_isglobal(lua_State *L, const char *name)
{
	return lua_getglobal(L, name) != LUA_TNIL;
}

static int l_isruntime(lua_State *L, lunatik_runtime_t *runtime)
{
	return lunatik_toruntime(L) == runtime;
}

/* lua_arith's division is floor division; there is no exponentiation */
static int l_arith(lua_State *L, int op, lua_Integer a, lua_Integer b)
{
	lua_pushinteger(L, a);
	lua_pushinteger(L, b);
	lua_arith(L, op);
	return (int)lua_tointeger(L, -1);
}

static void test_capi_run(lunatik_runtime_t *runtime, bool sleep)
{
	char buf[8] = "";
	loff_t off = 0;
	ssize_t n;
	int ret;

	lunatik_run(runtime, l_read, n, buf, sizeof(buf), &off);
	tap(n == 2 && memcmp(buf, "42", 2) == 0 && off == 2,
	    "capi: lunatik_run calls the handler (sleep=%d)", sleep);
	lunatik_run(runtime, l_push, ret, 5);
	lunatik_run(runtime, l_gettop, n);
	tap(ret == 5 && n == 0, "capi: lunatik_run restores the stack (sleep=%d)", sleep);
	lunatik_run(runtime, l_isruntime, ret, runtime);
	tap(ret == 1, "capi: lunatik_toruntime gives the runtime (sleep=%d)", sleep);
	lunatik_run(runtime, l_isglobal, ret, "lunatik");
	tap(ret == sleep, "capi: the lunatik library is open only if sleep (sleep=%d)", sleep);
	lunatik_run(runtime, l_unprotected, ret, "unprotected");
	lunatik_run(runtime, l_read, n, buf, sizeof(buf), &off);
	tap(ret == -ECANCELED && n == 2,
	    "capi: an unprotected error gives -ECANCELED, the runtime goes on (sleep=%d)", sleep);
}

static void test_capi(void)
{
	static const char *const badnames[] = {
		"../tests/capi", "/lib/modules/lua/tests/capi", "tests/../tests/capi",
		"tests/..", "", "tests/missing", "tests/syntaxerror", "tests/runerror",
	};
	lunatik_runtime_t *runtime = NULL;
	lunatik_runtime_t *other;
	int ret;
	int i;

	for (i = 0; i < ARRAY_SIZE(badnames); i++) {
		other = NULL;
		ret = lunatik_runtime(&other, badnames[i], true);
		tap(ret == -EINVAL && other == NULL,
		    "capi: lunatik_runtime(\"%s\") gives -EINVAL", badnames[i]);
	}

	ret = lunatik_runtime(&runtime, "tests/capi", true);
	expect(ret == 0 && runtime != NULL);
	if (runtime == NULL)
		return;
	test_capi_run(runtime, true);
	lunatik_run(runtime, l_arith, ret, LUA_OPDIV, -7, 2);
	expect(ret == -4);

	lunatik_get(runtime);
	expect(kref_read(&runtime->kref) == 2);
	ret = lunatik_stop(runtime);
	expect(ret == 0);
	lunatik_run(runtime, l_gettop, ret);
	expect(ret == -ENXIO);
	ret = lunatik_put(runtime);
	expect(ret == 1);

	ret = lunatik_runtime(&runtime, "tests/capi", false);
	expect(ret == 0);
	if (ret != 0)
		return;
	test_capi_run(runtime, false);
	lunatik_run(runtime, l_arith, ret, LUA_OPPOW, 2, 3);
	expect(ret == -ECANCELED);
	ret = lunatik_stop(runtime);
	expect(ret == 1);
}

/*
 * runs case 'i' of the suite (tests/tap.lua): 1 passed, -1 failed, 0 no
 * such case.  A case 'limited' must end in "time limit exceeded" before
 * twice the runtime's limit has passed since it was entered.
 */
static int l_case(lua_State *L, int i, char *name, size_t namesize, char *msg, size_t msgsize)
{
	u64 entered = ktime_get_ns();
	u64 late;
	const char *fails;
	int status;
	int c;

	lua_getglobal(L, "require");
	lua_pushliteral(L, "tests.tap");
	if (lua_pcall(L, 1, 1, 0) != LUA_OK || lua_rawgeti(L, -1, i) != LUA_TTABLE)
		return 0;
	c = lua_gettop(L);
	lua_getfield(L, c, "name");
	strscpy(name, lua_tostring(L, -1) ? lua_tostring(L, -1) : "?", namesize);
	lua_getfield(L, c, "fails");
	fails = lua_tostring(L, -1);
	lua_getfield(L, c, "fn");
	status = lua_pcall(L, 0, 0, 0);
	strscpy(msg, status == LUA_OK ? "no error" :
		     lua_tostring(L, -1) ? lua_tostring(L, -1) : "(error object is not a string)",
		msgsize);
	if (lua_getfield(L, c, "limited") == LUA_TBOOLEAN) {
		late = ktime_get_ns() - entered;
		pr_info("# %s: ended %llu ms after it was entered (limit %llu ms)\n", name,
			late / NSEC_PER_MSEC, lunatik_toruntime(L)->timeout_ns / NSEC_PER_MSEC);
		if (late > 2 * lunatik_toruntime(L)->timeout_ns) {
			snprintf(msg, msgsize, "ended %llu ms after it was entered", late / NSEC_PER_MSEC);
			return -1;
		}
	}
	if (fails != NULL)
		return status != LUA_OK && strstr(msg, fails) != NULL ? 1 : -1;
	return status == LUA_OK ? 1 : -1;
}

static void test_suite(const char *suite)
{
	lunatik_runtime_t *runtime;
	char script[64];
	char name[128];
	char msg[256];
	int ret;
	int i;

	snprintf(script, sizeof(script), "tests/%s", suite);
	ret = lunatik_runtime(&runtime, script, true);
	tap(ret == 0, "%s: the suite loads", suite);
	if (ret != 0)
		return;
	for (i = 1;; i++) {
		lunatik_run(runtime, l_case, ret, i, name, sizeof(name), msg, sizeof(msg));
		if (ret == 0)
			break;
		tap(ret > 0, "%s: %s", suite, name);
		if (ret < 0)
			pr_info("# %s\n", msg);
	}
	lunatik_stop(runtime);
}

static int __init lunatik_test_init(void)
{
	int i;

	if (capi)
		test_capi();
	if (enomem) {
		lunatik_runtime_t *runtime = NULL;
		int ret = lunatik_runtime(&runtime, "tests/capi", true);

		tap(ret == -ENOMEM && runtime == NULL,
		    "capi: lunatik_runtime gives -ENOMEM beyond max_memory");
	}
	for (i = 0; i < nsuites; i++)
		test_suite(suites[i]);
	if (pin)
		tap(lunatik_runtime(&pinned, "tests/pin", true) == 0,
		    "pin: a runtime keeps lunatik_testlib");
	return 0;
}

static void __exit lunatik_test_exit(void)
{
	if (pinned != NULL)
		lunatik_stop(pinned);
}

module_init(lunatik_test_init);
module_exit(lunatik_test_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Lunatik tests: the C API and the Lua suites");
