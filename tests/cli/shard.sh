#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# Sharded runs (winnow(1), MORE THAN ONE MACHINE): for 1 to 8 shards cut
# at random record boundaries, the three passes and two merges give, shard
# outputs concatenated, byte for byte what one run gives, with and without
# a prior state, and the next state one run would write.
. "${srcdir:-.}/tests/cli/lib.sh"
need zstd
day=--date=2026-11-05

corpus c.jsonl 11 0.6
corpus old.jsonl 12 0.3
records=$(wc -l < c.jsonl)

# the state of an earlier day
"$WINNOW" --state=S0 --date=2026-11-01 old.jsonl > /dev/null ||
    fail "making S0"

# cut N: c.jsonl into piece.1 .. piece.N at N-1 random line ends
cut_pieces() {
	rm -f piece.*
	python3 - "$1" "$records" <<'PY' || fail "cutting"
import random, sys
n, records = int(sys.argv[1]), int(sys.argv[2])
rnd = random.Random(n * 7919)
cuts = sorted(rnd.sample(range(1, records), n - 1)) + [records]
lines = open("c.jsonl").readlines()
start = 0
for i, end in enumerate(cuts):
    with open("piece.%d" % (i + 1), "w") as f:
        f.writelines(lines[start:end])
    start = end
PY
}

# sharded N [STATE] [OPTION...]: the five steps over piece.1 .. piece.N,
# the outputs concatenated into sharded.out, the next state into next
sharded() {
	n=$1 state=$2
	shift 2
	i=1
	while [ "$i" -le "$n" ]; do
		"$WINNOW" "$@" $day --scan-hosts=piece.$i.h piece.$i ||
		    fail "--scan-hosts of piece $i"
		i=$((i + 1))
	done
	set -- "$@"
	hs= ss=
	i=1
	while [ "$i" -le "$n" ]; do hs="$hs piece.$i.h"; ss="$ss piece.$i.s"; i=$((i + 1)); done
	"$WINNOW" shard merge $day ${state:+--state=$state} $hs ||
	    fail "merging the host scans"
	i=1
	while [ "$i" -le "$n" ]; do
		"$WINNOW" "$@" $day --prior=piece.$i.h.prior --scan=piece.$i.s \
		    piece.$i || fail "--scan of piece $i"
		i=$((i + 1))
	done
	rm -f next
	"$WINNOW" shard merge $day ${state:+--state=$state --next=next} $ss ||
	    fail "merging the scans"
	i=1
	: > sharded.out
	while [ "$i" -le "$n" ]; do
		"$WINNOW" "$@" $day --prior=piece.$i.s.prior piece.$i |
		    zstd -dc >> sharded.out || fail "filtering piece $i"
		i=$((i + 1))
	done
}

# body FILE: a state without its header (which holds the time written)
body() {
	tail -c +129 "$1"
}

"$WINNOW" $day c.jsonl | zstd -dc > single.out || fail "single run"
cp S0 S1
"$WINNOW" $day --state=S1 c.jsonl | zstd -dc > single-state.out ||
    fail "single run with a state"
cmp -s single.out single-state.out && fail "the state changed nothing"

for n in 1 2 3 4 5 6 7 8; do
	cut_pieces "$n"
	sharded "$n" ""
	same single.out sharded.out
	sharded "$n" S0
	same single-state.out sharded.out
	body S1 > want.body
	body next > got.body
	same want.body got.body
done
# without the state, the shards' outputs differ from one run's: the test
# can fail
cut_pieces 4
: > naive.out
for i in 1 2 3 4; do "$WINNOW" $day piece.$i | zstd -dc >> naive.out; done
cmp -s naive.out single.out && fail "independent shards gave one run's output"

# other options travel with each step: exact-only, --doc-near, strict
for opts in "--near=0" "--doc-near=0.6" "--boilerplate=strict"; do
	"$WINNOW" $opts $day c.jsonl | zstd -dc > single.out || fail "$opts"
	cut_pieces 5
	sharded 5 "" $opts
	same single.out sharded.out
done

# The hosts pass is needed: page 3 of a site (shard 2) holds a line that
# pages 1 and 2 (shard 1) had after a comment heading, so it is a site
# template there, not text; a fourth page on another site (shard 3) quotes
# the line, which one run has never counted as seen.
T='The Gazette has been owned by its readers since 1901 and every story is checked by two of our editors before it goes out.'
{
	printf '{"id":"p1","url":"https://gazette.example/1","text":"Town council votes to rebuild the old bridge over the river after a long debate about the cost and the design of the new crossing.\\nThe mayor said the work would start in the spring and that the bridge would stay open for people on foot while it was being built.\\nPost a Comment\\n%s"}\n' "$T"
	printf '{"id":"p2","url":"https://gazette.example/2","text":"Local school wins national science prize for a project on clean water that the pupils built with help from the university nearby.\\nTeachers said the pupils spent most of their weekends on the project and that the prize money will go to new laboratory equipment.\\nPost a Comment\\n%s"}\n' "$T"
	printf '{"id":"p3","url":"https://gazette.example/3","text":"Farmers say the dry summer has cut the wheat harvest by a third, and prices at the market have already gone up in the last month.\\n%s\\nThe regional farming union asked the government for help, saying that many small farms would not survive another year like this one."}\n' "$T"
	printf '{"id":"q1","url":"https://other.example/1","text":"A reader wrote to us about the local paper.\\nShe quoted its motto in full, which she said she had framed on her kitchen wall for years.\\n%s\\nShe said the words still meant something to her today, long after she had moved away from the town."}\n' "$T"
} > t.jsonl
"$WINNOW" $day t.jsonl | zstd -dc > single.out || fail "template case"
grep -q 'framed on her kitchen wall for years.\\n'"$T" single.out ||
    fail "one run did not keep the quoted line on the other site"
head -2 t.jsonl > piece.1
sed -n 3p t.jsonl > piece.2
tail -1 t.jsonl > piece.3
sharded 3 ""
same single.out sharded.out
# skipping the hosts pass (a scan without the host counts) gets it wrong
for i in 1 2 3; do "$WINNOW" $day --scan=piece.$i.s piece.$i; done
"$WINNOW" shard merge $day piece.1.s piece.2.s piece.3.s
for i in 1 2 3; do "$WINNOW" $day --prior=piece.$i.s.prior piece.$i; done |
    zstd -dc > nohosts.out
cmp -s nohosts.out single.out && fail "the hosts pass made no difference"

# --part: two merges by value range give the same
cut_pieces 3
sharded 3 S0
for p in 1/2 2/2; do
	"$WINNOW" shard merge $day --part=$p --state=S0 --next=next.${p%/*} \
	    piece.1.s piece.2.s piece.3.s || fail "merge --part=$p"
done
: > parts.out
for i in 1 2 3; do
	"$WINNOW" $day --prior=piece.$i.s.prior.1 --prior=piece.$i.s.prior.2 \
	    piece.$i | zstd -dc >> parts.out
done
same single-state.out parts.out
"$WINNOW" state merge --date=2026-11-05 joined next.1 next.2 || fail "state merge"
body S1 > want.body
body joined > got.body
same want.body got.body

# errors: a missing scan (66), a corrupt one (65), one of other
# parameters (65), options that do not go together (64)
expect_status 66 "$WINNOW" shard merge $day piece.1.s missing.s
head -c 200 piece.2.s > cut.s
expect_status 65 "$WINNOW" shard merge $day piece.1.s cut.s
"$WINNOW" $day --shingle=4 --scan=other.s piece.1 || fail "scan --shingle=4"
expect_status 65 "$WINNOW" shard merge $day piece.1.s other.s
expect_status 65 "$WINNOW" $day --prior=other.s piece.1
expect_status 66 "$WINNOW" $day --prior=missing piece.1
expect_status 64 "$WINNOW" --scan=x.s -o out piece.1
expect_status 64 "$WINNOW" --prior=S0 --state=S1 piece.1
expect_status 64 "$WINNOW" shard merge
expect_status 64 "$WINNOW" shard merge --part=3/2 piece.1.s
# a scan stopped by a bad record is not written (its shard's records
# after it were never seen)
{ head -1 piece.1; echo '{"text": broken'; tail -1 piece.1; } > bad.jsonl
expect_status 65 "$WINNOW" --on-error=fail --scan=gone.s bad.jsonl
[ -e gone.s ] && fail "a scan stopped at a bad record was written"
expect_status 65 "$WINNOW" --scan=skipped.s bad.jsonl
[ -e skipped.s ] || fail "a scan that skipped a bad record was not written"
exit 0
