/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* fuzz.h - what the fuzz targets share: libFuzzer's entry point, and a
 * reader run that checks chunk invariance. */
#ifndef WN_FUZZ_H
#define WN_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read data[0..size) as format fmt, whole and then split at a point
 * chosen by its first byte; abort() unless both give the same records
 * (count, texts and ids). */
void fuzz_reader(enum input_format fmt, const uint8_t *data, size_t size);

#endif
