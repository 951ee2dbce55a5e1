#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# Stands in for the unit tests when configure did not find Check.
echo "SKIP: the unit tests need Check: install the Debian package check and rerun ./configure" >&2
exit 77
