#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# contrib/winnow-slurm on a running Slurm cluster (Debian's slurm-wlm runs
# on one node; skipped where sinfo finds no cluster): six jobs chained with
# --dependency=afterok write what one winnow run writes, and its state.
. "${srcdir:-.}/tests/cli/lib.sh"
need sbatch
need zstd
sinfo -h > /dev/null 2>&1 || skip "no Slurm cluster answers (sinfo)"
# a node that can take jobs now (a cluster whose nodes are down or
# drained would leave the jobs pending)
sinfo -h -t idle,mix,alloc -o %n 2>/dev/null | grep -q . ||
    skip "no Slurm node is up"
day=--date=2026-11-05
# the jobs run on the nodes: the work must be on a path they see
corpus c.jsonl 31 0.3
corpus old.jsonl 32 0.1
"$WINNOW" --state=S0 --date=2026-11-01 old.jsonl > /dev/null || fail "S0"
cp S0 S1
cp S0 S2
"$WINNOW" $day --state=S1 c.jsonl | zstd -dc > single.out || fail "single run"
last=$("$srcdir/contrib/winnow-slurm" -w "$T/work" -n 3 --winnow="$WINNOW" \
    $day --state="$T/S2" -o "$T/slurm.zst" c.jsonl) || fail "submitting"
i=0
while squeue -h -j "$last" 2>/dev/null | grep -q .; do
	i=$((i + 1))
	[ "$i" -lt 300 ] || fail "the jobs did not finish in 300 s"
	sleep 1
done
[ -e slurm.zst ] || { cat work/slurm-*.log >&2; fail "no output"; }
zstd -dc slurm.zst > slurm.out
same single.out slurm.out
tail -c +129 S1 > want.body
tail -c +129 S2 > got.body
same want.body got.body
exit 0
