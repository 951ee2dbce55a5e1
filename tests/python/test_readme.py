# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# README.md's Python example runs as written (from a directory holding
# the seeds), twice: the second run's state has seen everything.
import os
import re
import shutil
import subprocess
import sys

from conftest import SRCDIR


def readme_python():
    with open(os.path.join(SRCDIR, "README.md"), encoding="utf-8") as f:
        text = f.read()
    section = text[text.index("## From programs"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_readme_example(tmp_path):
    shutil.copytree(os.path.join(SRCDIR, "seeds"), tmp_path / "seeds")
    code = readme_python()
    assert "winnow.Cleaner" in code
    runs = []
    for _ in range(2):
        p = subprocess.run([sys.executable, "-c", code], cwd=tmp_path,
                           capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        runs.append(p.stdout.splitlines())
    assert (tmp_path / "seeds.state").exists()
    first, second = runs
    assert len(first) == 6 and "None" not in first[0]
    assert "rebuild the old stone bridge" in first[5]
    assert all(line.endswith(" None") for line in second)
