#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# contrib/winnow-parallel (GNU parallel) writes what one winnow run writes:
# JSON Lines split at line ends, text files grouped whole, standard input,
# gzip input, a state, --explain; a failed step leaves the state alone and
# a rerun finishes the work; a held lock is exit 75.  And the Hadoop/Spark
# mapper's pass, run the way a framework would run it.
. "${srcdir:-.}/tests/cli/lib.sh"
need parallel
need zstd
need flock
P="$srcdir/contrib/winnow-parallel"
day=--date=2026-11-05

corpus c.jsonl 21 0.4
corpus old.jsonl 22 0.2
"$WINNOW" --state=S0 --date=2026-11-01 old.jsonl > /dev/null || fail "S0"

"$WINNOW" $day c.jsonl | zstd -dc > single.out || fail "single run"
for n in 1 3 8; do
	"$P" -j 2 -n "$n" --winnow="$WINNOW" $day c.jsonl | zstd -dc > par.out ||
	    fail "winnow-parallel -n $n"
	same single.out par.out
done
# standard input, and gzip input (decompressed, then split)
"$P" -j 2 -n 3 --winnow="$WINNOW" $day < c.jsonl | zstd -dc > par.out ||
    fail "standard input"
same single.out par.out
gzip -c c.jsonl > c.jsonl.gz
"$P" -j 2 -n 3 --winnow="$WINNOW" $day c.jsonl.gz | zstd -dc > par.out ||
    fail "gzip input"
same single.out par.out

# a state, an output file and --explain
cp S0 S1
cp S0 S2
"$WINNOW" $day --state=S1 --explain=ex1 -o one.zst c.jsonl || fail "single, state"
"$P" -j 2 -n 4 -S 2/: --winnow="$WINNOW" $day --state=S2 --explain=ex2 -o par.zst \
    c.jsonl || fail "parallel, state"
zstd -dc one.zst > a.out
zstd -dc par.zst > b.out
same a.out b.out
same ex1 ex2
tail -c +129 S1 > want.body
tail -c +129 S2 > got.body
same want.body got.body
[ -e S2.next ] && fail "S2.next left behind"

# text files, grouped whole (their record ids hold the file names)
mkdir txt
python3 - <<'PY' || fail "text files"
import json
for i, line in enumerate(open("c.jsonl")):
    if i == 30:
        break
    open("txt/%02d.txt" % i, "w").write(json.loads(line)["text"])
PY
for to in jsonl text; do
	"$WINNOW" $day --to=$to --no-compress txt/*.txt > single.txt
	"$P" -n 4 --winnow="$WINNOW" $day --to=$to --no-compress txt/*.txt > par.txt ||
	    fail "text files, --to=$to"
	same single.txt par.txt
done
"$WINNOW" $day --to=text txt/*.txt | zstd -dc > single.txt
"$P" -n 4 --winnow="$WINNOW" $day --to=text txt/*.txt | zstd -dc > par.txt
same single.txt par.txt

# a step fails: the state is untouched, no output; the rerun finishes
cat > flaky <<FLAKY
#!/bin/sh
# fails the filter pass of shard 2 while the file 'broken' exists
for a in "\$@"; do
	case \$a in --prior=*/2.scan.prior) [ -e "$T/broken" ] && exit 74 ;; esac
done
exec "$WINNOW" "\$@"
FLAKY
chmod +x flaky
cp S0 S3
touch broken
"$P" -j 2 -n 4 -w "$T/work" --winnow="$T/flaky" $day --state=S3 -o rerun.zst \
    c.jsonl 2> err && fail "a failed step was not reported"
cmp -s S0 S3 || fail "a failed run changed the state"
[ -e rerun.zst ] && fail "a failed run wrote its output"
[ -e work/done.scan ] || fail "the scans were not kept for the rerun"
rm broken
"$P" -j 2 -n 4 -w "$T/work" --winnow="$T/flaky" $day --state=S3 -o rerun.zst \
    c.jsonl || fail "the rerun failed"
zstd -dc rerun.zst > c.out
same a.out c.out
tail -c +129 S3 > got.body
same want.body got.body
# other arguments with the same work directory are refused
expect_status 64 "$P" -n 4 -w "$T/work" --winnow="$WINNOW" $day c.jsonl

# a held lock: exit 75, nothing written
flock S1.lock sleep 5 &
sleep 1
expect_status 75 "$P" -n 2 --winnow="$WINNOW" $day --state=S1 -o locked.zst c.jsonl
[ -e locked.zst ] && fail "a locked run wrote output"
wait

# a shard that reaches --memory forgets in another order than one run:
# said (the equality holds only without forgetting)
if [ "${WINNOW_VALGRIND:-0}" != 1 ]; then
	corpus big.jsonl 23 12
	"$P" -j 2 -n 2 --winnow="$WINNOW" $day --memory=1M big.jsonl \
	    > /dev/null 2> warn || fail "the --memory=1M run failed"
	grep -q "shard 1 reached --memory" warn || fail "no warning of forgetting"
	"$P" -j 2 -n 2 --winnow="$WINNOW" $day c.jsonl > /dev/null 2> warn
	grep -q "reached --memory" warn && fail "a warning without forgetting"
fi

# the mapper: the last pass on standard input, split by split
"$P" --prepare -w "$T/m" -n 3 --winnow="$WINNOW" $day c.jsonl > k ||
    fail "--prepare"
[ "$(cat k)" = 3 ] || fail "--prepare printed $(cat k), not 3"
for s in hosts merge-hosts scan merge; do
	case $s in
	merge*) "$P" --step=$s -w "$T/m" || fail "step $s" ;;
	*) for i in 1 2 3; do "$P" --step=$s -w "$T/m" $i || fail "step $s $i"; done ;;
	esac
done
"$WINNOW" $day --no-compress c.jsonl > single.out
: > mapped.out
for i in 1 2 3; do
	"$srcdir/contrib/winnow-mapper" "$T/m" $i < m/piece.00000$((i - 1)) >> mapped.out ||
	    fail "winnow-mapper $i"
done
same single.out mapped.out
exit 0
