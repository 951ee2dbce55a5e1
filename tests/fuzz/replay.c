/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* replay.c - run a fuzz target over files, without libFuzzer: what
 * make check does with the seed corpora and the regression inputs. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *b;
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0) {
		perror(path);
		return 1;
	}
	rewind(f);
	if ((b = malloc((size_t)n + 1)) == NULL ||
	    fread(b, 1, (size_t)n, f) != (size_t)n) {
		perror(path);
		return 1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(b, (size_t)n);
	free(b);
	return 0;
}

int
main(int argc, char **argv)
{
	int i, files = 0, bad = 0;

	for (i = 1; i < argc; i++) {
		struct stat sb;
		DIR *d;
		struct dirent *de;

		if (stat(argv[i], &sb) != 0) {
			perror(argv[i]);
			return 1;
		}
		if (!S_ISDIR(sb.st_mode)) {
			bad += run_file(argv[i]);
			files++;
			continue;
		}
		if ((d = opendir(argv[i])) == NULL) {
			perror(argv[i]);
			return 1;
		}
		while ((de = readdir(d)) != NULL) {
			char p[4096];

			if (de->d_name[0] == '.')
				continue;
			snprintf(p, sizeof(p), "%s/%s", argv[i], de->d_name);
			bad += run_file(p);
			files++;
		}
		closedir(d);
	}
	printf("%s: %d inputs replayed\n", argv[0], files);
	return bad ? 1 : 0;
}
