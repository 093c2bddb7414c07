// SPDX-License-Identifier: GPL-2.0
/*
 * lunatik_test.c: tests of the C API, and the runner of the Lua suites.
 *
 * Loading the module runs what its parameters ask and prints a TAP line
 * per test ("ok - ..." or "not ok - ..."), which tests/check.sh counts.
 *   capi=1          the C API, used as the spec's mydevice example does, and
 *                   the contexts it may be used in
 *   suites=a,b      the Lua suites /lib/modules/lua/tests/{a,b}.lua
 *   enomem=1        lunatik_runtime() fails with -ENOMEM (a tiny max_memory)
 *   pin=1           keep a runtime that uses lunatik_testlib until unloaded
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/hrtimer.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/moduleparam.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/timer.h>
#include <linux/utsname.h>

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
		if (other != NULL)
			lunatik_stop(other);
	}

	ret = lunatik_runtime(&runtime, "tests/capi", true);
	expect(ret == 0 && runtime != NULL);
	if (runtime == NULL)
		return;
	test_capi_run(runtime, true);
	lunatik_run(runtime, l_arith, ret, LUA_OPDIV, -7, 2);
	expect(ret == -4);

	lunatik_get(runtime);
	expect(kref_read(&runtime->object.kref) == 2);
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
 * The contexts a runtime is entered from: lunatik_enter() refuses, with
 * -EPERM, those where its lock may not be taken.
 */
enum test_where { IN_SPINLOCK, IN_RCU, IN_NOPREEMPT, IN_SOFTIRQ, IN_HARDIRQ };

static const char *const test_wheres[] = {
	[IN_SPINLOCK] = "a spinlock_t section with interrupts off",
	[IN_RCU] = "an RCU read section",
	[IN_NOPREEMPT] = "a section with preemption off",
	[IN_SOFTIRQ] = "a timer (softirq)",
	[IN_HARDIRQ] = "a hard interrupt (hrtimer)",
};

static struct test_context {
	lunatik_runtime_t *runtime;
	spinlock_t lock;
	struct timer_list timer;
	struct hrtimer hrtimer;
	struct completion done;
	ssize_t ret;
} test_context;

/* the spec's handler, which runs the script's Lua: 2 bytes ("42") */
static ssize_t test_context_run(lunatik_runtime_t *runtime)
{
	char buf[8];
	loff_t off = 0;
	ssize_t n;

	lunatik_run(runtime, l_read, n, buf, sizeof(buf), &off);
	return n;
}

static void test_context_softirq(struct timer_list *timer)
{
	struct test_context *ctx = from_timer(ctx, timer, timer);

	ctx->ret = test_context_run(ctx->runtime);
	complete(&ctx->done);
}

static enum hrtimer_restart test_context_hardirq(struct hrtimer *hrtimer)
{
	struct test_context *ctx = container_of(hrtimer, struct test_context, hrtimer);

	ctx->ret = test_context_run(ctx->runtime);
	complete(&ctx->done);
	return HRTIMER_NORESTART;
}

static ssize_t test_context_in(lunatik_runtime_t *runtime, enum test_where where)
{
	struct test_context *ctx = &test_context;
	unsigned long flags;
	ssize_t ret = -ETIME;

	ctx->runtime = runtime;
	ctx->ret = -ETIME;
	init_completion(&ctx->done);
	switch (where) {
	case IN_SPINLOCK:
		spin_lock_irqsave(&ctx->lock, flags);
		ret = test_context_run(runtime);
		spin_unlock_irqrestore(&ctx->lock, flags);
		break;
	case IN_RCU:
		rcu_read_lock();
		ret = test_context_run(runtime);
		rcu_read_unlock();
		break;
	case IN_NOPREEMPT:
		preempt_disable();
		ret = test_context_run(runtime);
		preempt_enable();
		break;
	case IN_SOFTIRQ:
		timer_setup(&ctx->timer, test_context_softirq, 0);
		mod_timer(&ctx->timer, jiffies + 1);
		wait_for_completion_timeout(&ctx->done, 10 * HZ);
		del_timer_sync(&ctx->timer);
		ret = ctx->ret;
		break;
	case IN_HARDIRQ:
		hrtimer_init(&ctx->hrtimer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
		ctx->hrtimer.function = test_context_hardirq;
		hrtimer_start(&ctx->hrtimer, ms_to_ktime(1), HRTIMER_MODE_REL_HARD);
		wait_for_completion_timeout(&ctx->done, 10 * HZ);
		hrtimer_cancel(&ctx->hrtimer);
		ret = ctx->ret;
		break;
	}
	return ret;
}

/*
 * A runtime that may not sleep serves every context, but on PREEMPT_RT,
 * where its spinlock_t sleeps, those that may not be preempted; one that
 * may sleep serves none of these.
 */
static void test_contexts(void)
{
	lunatik_runtime_t *nosleep = NULL, *sleep = NULL;
	enum test_where where;
	ssize_t expected, ret;

	spin_lock_init(&test_context.lock);
	if (lunatik_runtime(&nosleep, "tests/capi", false) != 0 ||
	    lunatik_runtime(&sleep, "tests/capi", true) != 0)
		goto out;
	for (where = IN_SPINLOCK; where <= IN_HARDIRQ; where++) {
		expected = IS_ENABLED(CONFIG_PREEMPT_RT) &&
			   (where == IN_NOPREEMPT || where == IN_HARDIRQ) ? -EPERM : 2;
		ret = test_context_in(nosleep, where);
		tap(ret == expected, "capi: in %s, a runtime that may not sleep %s (gave %zd)",
		    test_wheres[where], expected == 2 ? "runs the handler" :
		    "gives -EPERM (PREEMPT_RT)", ret);
		/*
		 * Without CONFIG_PREEMPT_COUNT (Debian's arm64 kernels) an RCU
		 * read section and preempt_disable() leave no trace that
		 * lunatik_enter() could see: these rows are not run, and give
		 * no result (tests/plan counts two fewer).
		 */
		if (!IS_ENABLED(CONFIG_PREEMPT_COUNT) &&
		    (where == IN_RCU || where == IN_NOPREEMPT)) {
			pr_info("# capi: in %s, a runtime that may sleep: not run, the kernel does not count preemption\n",
				test_wheres[where]);
			continue;
		}
		ret = test_context_in(sleep, where);
		tap(ret == -EPERM, "capi: in %s, a runtime that may sleep gives -EPERM (gave %zd)",
		    test_wheres[where], ret);
	}
out:
	tap(nosleep != NULL && sleep != NULL, "capi: runtimes for the contexts");
	if (nosleep != NULL)
		lunatik_stop(nosleep);
	if (sleep != NULL)
		lunatik_stop(sleep);
}

/*
 * the suite's cases (tests/tap.lua): their names, or an error in 'msg';
 * tells the suite its runtime's memory limit (tap.memory), its time
 * limit in ms (tap.timeout) and the kernel's architecture (tap.arch, as
 * uname -m gives it)
 */
struct lunatik_test_plan {
	int ncases;
	char **names;
};

/* pushes require("tests.tap"), the suite's cases, or its error; true if a table */
static bool l_pushtap(lua_State *L)
{
	lua_getglobal(L, "require");
	lua_pushliteral(L, "tests.tap");
	return lua_pcall(L, 1, 1, 0) == LUA_OK && lua_istable(L, -1);
}

static int l_plan(lua_State *L, struct lunatik_test_plan *plan, char *msg, size_t msgsize)
{
	int top;
	int i;

	if (!l_pushtap(L)) {
		strscpy(msg, lua_isstring(L, -1) ? lua_tostring(L, -1) :
			     "require(\"tests.tap\") gave no table", msgsize);
		return 0;
	}
	lua_pushinteger(L, lunatik_toruntime(L)->max_memory);
	lua_setfield(L, -2, "memory");
	lua_pushstring(L, init_utsname()->machine);
	lua_setfield(L, -2, "arch");
	lua_pushinteger(L, lunatik_toruntime(L)->sleep_timeout_ns / NSEC_PER_MSEC);
	lua_setfield(L, -2, "timeout");
	plan->ncases = min_t(lua_Unsigned, lua_rawlen(L, -1), INT_MAX / sizeof(char *));
	plan->names = kcalloc(plan->ncases, sizeof(char *), GFP_KERNEL);
	if (plan->ncases > 0 && plan->names == NULL) {
		strscpy(msg, "no memory for the plan", msgsize);
		return 0;
	}
	top = lua_gettop(L);
	for (i = 0; i < plan->ncases; i++) {
		const char *name = NULL;

		if (lua_rawgeti(L, top, i + 1) == LUA_TTABLE && lua_getfield(L, -1, "name") == LUA_TSTRING)
			name = lua_tostring(L, -1);
		plan->names[i] = kasprintf(GFP_KERNEL, "%s", name ? name : "(a case with no name)");
		lua_settop(L, top);
		if (plan->names[i] == NULL) {
			strscpy(msg, "no memory for the plan", msgsize);
			return 0;
		}
	}
	return 1;
}

static void lunatik_test_freeplan(struct lunatik_test_plan *plan)
{
	int i;

	for (i = 0; plan->names != NULL && i < plan->ncases; i++)
		kfree(plan->names[i]);
	kfree(plan->names);
}

/*
 * runs case 'i' of the suite: 1 passed, 0 failed (why in 'msg').  A case
 * 'limited' must end in "time limit exceeded" before twice the runtime's
 * limit has passed since it was entered.
 */
static int l_case(lua_State *L, int i, char *msg, size_t msgsize)
{
	u64 entered = ktime_get_ns();
	u64 timeout = lunatik_toruntime(L)->timeout_ns;
	u64 late;
	const char *fails;
	int status;
	int c;

	if (!l_pushtap(L) || lua_rawgeti(L, -1, i) != LUA_TTABLE) {
		strscpy(msg, "the case is gone from tests.tap", msgsize);
		return 0;
	}
	c = lua_gettop(L);
	lua_getfield(L, c, "fails");
	fails = lua_tostring(L, -1);
	lua_getfield(L, c, "fn");
	status = lua_pcall(L, 0, 0, 0);
	strscpy(msg, status == LUA_OK ? "no error" :
		     lua_tostring(L, -1) ? lua_tostring(L, -1) : "(error object is not a string)",
		msgsize);
	if (lua_getfield(L, c, "limited") == LUA_TBOOLEAN) {
		late = ktime_get_ns() - entered;
		pr_info("# ended %llu ms after it was entered (limit %llu ms)\n",
			late / NSEC_PER_MSEC, timeout / NSEC_PER_MSEC);
		if (late > 2 * timeout) {
			snprintf(msg, msgsize, "ended %llu ms after it was entered", late / NSEC_PER_MSEC);
			return 0;
		}
	}
	if (fails != NULL)
		return status != LUA_OK && strstr(msg, fails) != NULL;
	return status == LUA_OK;
}

/* one line per case planned, whatever happens to the runtime */
static void test_cases(lunatik_runtime_t *runtime, const char *suite,
		       struct lunatik_test_plan *plan)
{
	char msg[256];
	int ret;
	int i;

	for (i = 0; i < plan->ncases; i++) {
		lunatik_run(runtime, l_case, ret, i + 1, msg, sizeof(msg));
		if (ret < 0)
			snprintf(msg, sizeof(msg), "lunatik_run() gave %d", ret);
		tap(ret > 0, "%s: %s", suite, plan->names[i]);
		if (ret <= 0)
			pr_info("# %s\n", msg);
	}
}

static void test_suite(const char *suite)
{
	struct lunatik_test_plan plan = {0};
	lunatik_runtime_t *runtime = NULL;
	char script[64];
	char msg[256] = "loaded";
	int ret;

	snprintf(script, sizeof(script), "tests/%s", suite);
	ret = lunatik_runtime(&runtime, script, true);
	if (ret == 0)
		lunatik_run(runtime, l_plan, ret, &plan, msg, sizeof(msg));
	if (ret < 0)
		snprintf(msg, sizeof(msg), "lunatik_%s() gave %d", runtime ? "run" : "runtime", ret);
	tap(ret > 0 && plan.ncases > 0, "%s: the suite loads and plans its cases", suite);
	pr_info("# %s: %s, 1..%d\n", suite, msg, plan.ncases);
	if (ret > 0)
		test_cases(runtime, suite, &plan);
	lunatik_test_freeplan(&plan);
	if (runtime != NULL)
		lunatik_stop(runtime);
}

static int __init lunatik_test_init(void)
{
	int i;

	if (capi) {
		test_capi();
		test_contexts();
	}
	if (enomem) {
		lunatik_runtime_t *runtime = NULL;
		int ret = lunatik_runtime(&runtime, "tests/capi", true);

		tap(ret == -ENOMEM && runtime == NULL,
		    "capi: lunatik_runtime gives -ENOMEM beyond max_memory");
		if (runtime != NULL)
			lunatik_stop(runtime);
	}
	for (i = 0; i < nsuites; i++)
		test_suite(suites[i]);
	if (pin)
		tap(lunatik_runtime(&pinned, "tests/pin", true) == 0,
		    "capi: a runtime keeps lunatik_testlib (pin=1)");
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
