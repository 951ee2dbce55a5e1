/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_path.c - wn_path_resolve(): where a name leads, and which links
 * it refuses to follow. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "suites.h"
#include "winnow.h"

static char dir[64];

static void
setup(void)
{
	char p[128];
	FILE *f;

	strcpy(dir, "/tmp/check-path.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(p, sizeof(p), "%s/d", dir);
	ck_assert_int_eq(mkdir(p, 0700), 0);
	snprintf(p, sizeof(p), "%s/d/e", dir);
	ck_assert_int_eq(mkdir(p, 0700), 0);
	snprintf(p, sizeof(p), "%s/d/e/f", dir);
	ck_assert_ptr_nonnull(f = fopen(p, "w"));
	fclose(f);
}

static void
teardown(void)
{
	static const char *const names[] = { "d/e/f", "d/up", "d/rel", "d/abs",
		"d/chain", "d/loop1", "d/loop2", "d/dirlink", "d/dangling",
		"d/theirs", "d/e", "d" };
	char p[128];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
		if (unlink(p) != 0)
			rmdir(p);
	}
	rmdir(dir);
}

/* resolve name (under dir) and compare with want (under dir), or with
 * want as it is when it does not start with '/' and is not "" */
static void
expect(const char *name, const char *want)
{
	char in[160], w[160], *out = NULL;
	struct wn_error e;

	memset(&e, 0, sizeof(e));
	snprintf(in, sizeof(in), "%s/%s", dir, name);
	snprintf(w, sizeof(w), "%s%s%s", dir, want[0] ? "/" : "", want);
	ck_assert_msg(
	    wn_path_resolve(in, &out, &e) == WN_OK, "%s: %s", name, e.msg);
	ck_assert_str_eq(out, w);
	free(out);
}

static void
link_at(const char *target, const char *name)
{
	char p[128];

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	ck_assert_int_eq(symlink(target, p), 0);
}

START_TEST(test_plain)
{
	/* no link: the name, less "." and "//", ".." taken lexically */
	expect("d/e/f", "d/e/f");
	expect("d/./e//f", "d/e/f");
	expect("d/e/../e/f", "d/e/f");
	expect("d/e/", "d/e");
	/* a component that does not exist ends the walk: the rest as is */
	expect("d/e/new", "d/e/new");
	expect("d/none/x/../y", "d/none/x/../y");
}
END_TEST

START_TEST(test_links)
{
	char abs[128];

	/* a relative link is read from its own directory */
	link_at("e/f", "d/rel");
	expect("d/rel", "d/e/f");
	/* an absolute one from the root */
	snprintf(abs, sizeof(abs), "%s/d/e/f", dir);
	link_at(abs, "d/abs");
	expect("d/abs", "d/e/f");
	/* a link to a link, and one with ".." in it */
	link_at("rel", "d/chain");
	expect("d/chain", "d/e/f");
	link_at("e/../e/f", "d/up");
	expect("d/up", "d/e/f");
	/* a directory on the way */
	link_at("e", "d/dirlink");
	expect("d/dirlink/f", "d/e/f");
	expect("d/dirlink/new", "d/e/new");
	expect("d/dirlink/../e/f", "d/e/f");
	/* a link to nothing leads where it points */
	link_at("e/gone", "d/dangling");
	expect("d/dangling", "d/e/gone");
}
END_TEST

START_TEST(test_loop)
{
	char in[128], *out = (char *)1;
	struct wn_error e;

	link_at("loop2", "d/loop1");
	link_at("loop1", "d/loop2");
	memset(&e, 0, sizeof(e));
	snprintf(in, sizeof(in), "%s/d/loop1", dir);
	ck_assert_int_eq(wn_path_resolve(in, &out, &e), WN_EIO);
	ck_assert_int_eq(e.err, ELOOP);
	ck_assert_ptr_null(out);
	/* only checked: the same answer, nothing to free */
	ck_assert_int_eq(wn_path_resolve(in, NULL, &e), WN_EIO);
}
END_TEST

START_TEST(test_relative)
{
	char *out = NULL, cwd[4096];
	struct wn_error e;

	memset(&e, 0, sizeof(e));
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	ck_assert_int_eq(chdir(dir), 0);
	link_at("e/f", "d/rel");
	ck_assert_int_eq(wn_path_resolve("d/rel", &out, &e), WN_OK);
	ck_assert_str_eq(out, "d/e/f");
	free(out);
	ck_assert_int_eq(wn_path_resolve("d/rel", NULL, &e), WN_OK);
	ck_assert_int_eq(wn_path_resolve("./d/../d/e", &out, &e), WN_OK);
	ck_assert_str_eq(out, "d/e");
	free(out);
	ck_assert_int_eq(wn_path_resolve(".", &out, &e), WN_OK);
	ck_assert_str_eq(out, ".");
	free(out);
	ck_assert_int_eq(wn_path_resolve("", &out, &e), WN_EUSAGE);
	ck_assert_int_eq(chdir(cwd), 0);
}
END_TEST

START_TEST(test_theirs)
{
	char in[128], p[128], *out = NULL;
	struct wn_error e;

	/* only root can make a link that another user owns */
	if (geteuid() != 0)
		return;
	link_at("e/f", "d/theirs");
	snprintf(p, sizeof(p), "%s/d/theirs", dir);
	ck_assert_int_eq(lchown(p, 4242, 4242), 0);
	memset(&e, 0, sizeof(e));
	ck_assert_int_eq(wn_path_resolve(p, &out, &e), WN_EDATA);
	ck_assert_ptr_null(out);
	ck_assert_ptr_nonnull(strstr(e.msg, "owned by uid 4242"));
	/* on the way to a name too, named in the message */
	ck_assert_int_eq(unlink(p), 0);
	link_at("e", "d/theirs");
	ck_assert_int_eq(lchown(p, 4242, 4242), 0);
	snprintf(in, sizeof(in), "%s/d/theirs/f", dir);
	ck_assert_int_eq(wn_path_resolve(in, &out, &e), WN_EDATA);
	ck_assert_ptr_nonnull(strstr(e.msg, p));
	/* root's own link is followed */
	ck_assert_int_eq(lchown(p, 0, 0), 0);
	ck_assert_int_eq(wn_path_resolve(in, &out, &e), WN_OK);
	free(out);
}
END_TEST

Suite *
path_suite(void)
{
	Suite *s = suite_create("path");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_plain);
	tcase_add_test(tc, test_links);
	tcase_add_test(tc, test_loop);
	tcase_add_test(tc, test_relative);
	tcase_add_test(tc, test_theirs);
	suite_add_tcase(s, tc);
	return s;
}
