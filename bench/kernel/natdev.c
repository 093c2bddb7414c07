// SPDX-License-Identifier: GPL-2.0
/*
 * natdev.c: the native C devices that the Lua ones are measured against:
 * /dev/natpasswd gives a random printable character per read, as
 * examples/passwd.lua does, and /dev/natpage 4 KiB per read, as
 * bench/lua/page.lua does.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/uaccess.h>

#define NATDEV_PAGE	4096

static char natdev_page[NATDEV_PAGE];

static ssize_t natpasswd_read(struct file *f, char __user *buf, size_t len, loff_t *off)
{
	char c = 32 + get_random_u32() % 95;

	if (len == 0)
		return 0;
	if (copy_to_user(buf, &c, 1))
		return -EFAULT;
	*off += 1;
	return 1;
}

static ssize_t natpage_read(struct file *f, char __user *buf, size_t len, loff_t *off)
{
	len = min_t(size_t, len, NATDEV_PAGE);
	if (copy_to_user(buf, natdev_page, len))
		return -EFAULT;
	*off += len;
	return len;
}

static const struct file_operations natpasswd_fops = {
	.owner = THIS_MODULE,
	.read = natpasswd_read,
};

static const struct file_operations natpage_fops = {
	.owner = THIS_MODULE,
	.read = natpage_read,
};

static struct miscdevice natpasswd = {
	.minor = MISC_DYNAMIC_MINOR, .name = "natpasswd", .fops = &natpasswd_fops, .mode = 0444,
};

static struct miscdevice natpage = {
	.minor = MISC_DYNAMIC_MINOR, .name = "natpage", .fops = &natpage_fops, .mode = 0444,
};

static int __init natdev_init(void)
{
	int ret;

	memset(natdev_page, 'x', NATDEV_PAGE);
	ret = misc_register(&natpasswd);
	if (ret == 0) {
		ret = misc_register(&natpage);
		if (ret != 0)
			misc_deregister(&natpasswd);
	}
	return ret;
}

static void __exit natdev_exit(void)
{
	misc_deregister(&natpage);
	misc_deregister(&natpasswd);
}

module_init(natdev_init);
module_exit(natdev_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Lunatik benchmarks: native C devices");
