/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * files.h - the inputs of a run: FILE operands, --files-from lists and
 * the files under directories, in a deterministic order (CLI only).
 */
#ifndef WN_FILES_H
#define WN_FILES_H

#include <stddef.h>

struct files {
	char **v; /* the inputs' names, in order; owned */
	size_t n, cap;
	int status; /* the exit status a directory that could not be
				   read calls for (66), or 0 */
};

/* Fill *f with the inputs: the operands[0..n), then the names the file
 * list holds ("-": standard input; one a line, or NUL-separated when
 * null is set), each directory among them replaced by the files under
 * it (files.c says in which order).  Returns 0, or the exit status after
 * saying why (66: the list cannot be read; 74: out of memory); *f is
 * then empty.  Free with files_free(). */
int files_collect(
    struct files *f, char *const *operands, int n, const char *list, int null);

/* Frees what f holds; f is empty after. */
void files_free(struct files *f);

#endif
