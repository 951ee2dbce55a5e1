# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# Shared by the Python tests: where the sources, the winnow command and
# the layout program are (tests/python/run.sh sets them; each test that
# needs one is skipped without it).
import json
import os
import subprocess

import pytest

SRCDIR = os.environ.get("srcdir") or os.path.join(os.path.dirname(__file__), "..", "..")


@pytest.fixture
def srcdir():
    return SRCDIR


@pytest.fixture
def cli():
    """run(args, input=None) -> (exit status, stdout bytes, stderr str)
    of the winnow command ($WINNOW)."""
    path = os.environ.get("WINNOW")
    if not path or not os.access(path, os.X_OK):
        pytest.skip("WINNOW does not name the winnow command")

    def run(args, input=None, cwd=None):
        p = subprocess.run(
            [path] + list(args), input=input, capture_output=True, cwd=cwd
        )
        return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")

    return run


def jsonl(data):
    return [json.loads(line) for line in data.decode().splitlines() if line]
