#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# --state: runs that remember each other, and a state that survives kills,
# broken pipes, full disks, concurrent runs and corruption (issue 5).
. "${srcdir:-.}/tests/cli/lib.sh"

# Documents of generated sentences: awk's rand() with a fixed seed, so the
# inputs are the same on every run of the test.  gen SEED DOCS FILE
gen() {
	awk -v seed="$1" -v docs="$2" 'BEGIN {
		srand(seed);
		split("the a river town council voted on sunday to rebuild " \
		    "stone bridge that has carried traffic across water since " \
		    "after campaign lasted most of year engineers will survey " \
		    "old piers and work is expected begin in spring when level " \
		    "mayor said would keep footpath open for as long it was " \
		    "safe do so ferry run while closed people who took part", w, " ");
		n = 0; for (k in w) n++;
		for (d = 0; d < docs; d++) {
			for (p = 0; p < 6; p++) {
				line = "";
				len = 14 + int(rand() * 20);
				for (i = 0; i < len; i++)
					line = line (i ? " " : "") w[1 + int(rand() * n)];
				print toupper(substr(line, 1, 1)) substr(line, 2) ".";
			}
			print "\f";
		}
	}' > "$3"
}
gen 1 40 a.txt
gen 2 40 b.txt
cat a.txt b.txt > ab.txt

# run(A) then run(B) with one state writes what one run over A then B
# writes; replaying A writes nothing
"$WINNOW" --no-compress --state=s a.txt > ra.jsonl || fail "run A: $?"
"$WINNOW" --no-compress --state=s b.txt > rb.jsonl || fail "run B: $?"
"$WINNOW" --no-compress a.txt b.txt > rab.jsonl || fail "run A B: $?"
cat ra.jsonl rb.jsonl > seq.jsonl
same rab.jsonl seq.jsonl
[ -s rb.jsonl ] || fail "run B wrote nothing"
"$WINNOW" --no-compress --state=s a.txt > again.jsonl || fail "replay: $?"
[ -s again.jsonl ] && fail "replaying A wrote $(wc -l < again.jsonl) records"
"$WINNOW" state info s > info.txt || fail "state info: $?"
grep -q "checksums verified" info.txt || fail "info: $(cat info.txt)"
[ ! -e s.tmp ] || fail "a temporary file was left"

# the same with templates and near duplicates: seeds as JSONL with URLs
i=0
for f in "$SEEDS"/0*.txt; do
	i=$((i + 1))
	jq -cRs --arg u "https://site.example/$i" --arg id "seed$i" \
	    '{id: $id, url: $u, text: .}' "$f"
done > seeds.jsonl 2>/dev/null || skip "jq missing"
head -3 seeds.jsonl > s1.jsonl
tail -2 seeds.jsonl > s2.jsonl
"$WINNOW" --no-compress --state=t s1.jsonl > t1.jsonl
"$WINNOW" --no-compress --state=t s2.jsonl > t2.jsonl
"$WINNOW" --no-compress seeds.jsonl > t12.jsonl
cat t1.jsonl t2.jsonl > tseq.jsonl
same t12.jsonl tseq.jsonl

# a broken pipe or a full disk: non-zero exit, state byte for byte the same
cp s s.before
gen 3 200 c.txt
"$WINNOW" --no-compress --state=s c.txt > /dev/full 2> err && fail "/dev/full exited 0"
cmp -s s s.before || fail "/dev/full changed the state"
grep -q "not updated" err || fail "no message: $(cat err)"
( "$WINNOW" --no-compress --state=s c.txt 2> err; echo $? > status ) | head -c 100 > /dev/null
[ "$(cat status)" -eq 74 ] || fail "| head exited $(cat status)"
cmp -s s s.before || fail "| head changed the state"

# a second run waits for the lock, or exits 75 at once
command -v flock > /dev/null || skip "flock(1) missing"
flock s.lock sleep 2 &
sleep 0.5
"$WINNOW" --no-compress --state=s a.txt > /dev/null 2> err
st=$?
[ $st -eq 75 ] || fail "locked state: exit $st"
grep -q "locked by another run" err || fail "lock message: $(cat err)"
"$WINNOW" --no-compress --state=s --lock-timeout=10 a.txt > waited.jsonl ||
    fail "--lock-timeout: exit $?"
[ -s waited.jsonl ] && fail "the waiting run did not see the state"
wait

# a truncated, bit-flipped or foreign state is refused with 65 and kept
cp s.before s
for bad in truncate flip foreign empty; do
	cp s.before x
	case $bad in
	truncate) head -c 150 s.before > x ;;
	flip) printf '\377' | dd of=x bs=1 seek=140 conv=notrunc 2> /dev/null ;;
	foreign) printf 'not a state at all, just some text\n' > x ;;
	empty) : > x ;;
	esac
	cp x x.before
	"$WINNOW" --no-compress --state=x a.txt > out 2> err
	st=$?
	[ $st -eq 65 ] || fail "$bad state: exit $st"
	[ -s out ] && fail "$bad state: output written"
	cmp -s x x.before || fail "$bad state: file changed"
	grep -q "^winnow: x: .*refused" err || fail "$bad state: $(cat err)"
	expect_status 65 "$WINNOW" state info x 2> /dev/null
done
# other parameters are refused
"$WINNOW" --no-compress --state=s --shingle=7 a.txt > out 2> err
[ $? -eq 65 ] || fail "--shingle=7 accepted a state made with 5"
grep -q "shingle=5" err || fail "mismatch message: $(cat err)"

# expiry: made on 2026-01-01, 60 days later with --max-age=30 it is gone
"$WINNOW" --no-compress --state=e --date=2026-01-01 a.txt > /dev/null
"$WINNOW" --no-compress --state=e --date=2026-01-20 --max-age=30 a.txt > e1.jsonl
[ -s e1.jsonl ] && fail "expired too early"
"$WINNOW" --no-compress --state=e --date=2026-03-01 --max-age=30 b.txt > /dev/null
"$WINNOW" state info --date=2026-03-01 e | grep "^paragraph keys" > einfo.txt
"$WINNOW" --no-compress --state=eb --date=2026-03-01 b.txt > /dev/null
"$WINNOW" state info --date=2026-03-01 eb | grep "^paragraph keys" > ebinfo.txt
same ebinfo.txt einfo.txt
"$WINNOW" --no-compress --state=e --date=2026-03-02 --max-age=30 a.txt > e2.jsonl
# (but for the day each run writes as "added")
sed 's/,"added":"[0-9-]*"//' ra.jsonl > ra-undated.jsonl
sed 's/,"added":"[0-9-]*"//' e2.jsonl > e2-undated.jsonl
same ra-undated.jsonl e2-undated.jsonl
# prune drops by age without a run
"$WINNOW" state prune --date=2026-05-01 --max-age=30 e || fail "prune: $?"
"$WINNOW" state info e | grep -q "^paragraph keys *0 " || fail "prune kept entries"

# a steady feed for 60 days with --max-age=10: the state stops growing
d=0
while [ $d -lt 60 ]; do
	gen $((100 + d)) 5 day.txt
	date=$(date -u -d "@$((1767225600 + d * 86400))" +%F)
	"$WINNOW" --no-compress --state=y --date="$date" --max-age=10 day.txt > /dev/null ||
	    fail "day $d: exit $?"
	[ $d -eq 20 ] && cp y y20
	d=$((d + 1))
done
"$WINNOW" state info --date="$date" y | awk '/^paragraph keys/ { print $3 }' > n60
"$WINNOW" state info y20 | awk '/^paragraph keys/ { print $3 }' > n20
[ "$(cat n60)" -le $((11 * 30)) ] || fail "60 days kept $(cat n60) keys"
# (within a day's 30 paragraphs: days differ in how many are text)
[ "$(cat n60)" -le $(($(cat n20) + 30)) ] || fail "the state grew from day 20 ($(cat n20)) to 60 ($(cat n60))"

# merge: shards' states united; other parameters refused
"$WINNOW" --no-compress --state=m1 a.txt > /dev/null
"$WINNOW" --no-compress --state=m2 b.txt > /dev/null
"$WINNOW" state merge m m1 m2 || fail "merge: $?"
"$WINNOW" --no-compress --state=m a.txt b.txt > mm.jsonl
[ -s mm.jsonl ] && fail "the merged state forgot a shard"
"$WINNOW" --no-compress --state=m3 --shingle=7 a.txt > /dev/null
expect_status 65 "$WINNOW" state merge m4 m1 m3 2> /dev/null
[ -e m4 ] && fail "a refused merge wrote its output"

# kill -9 at random moments of a run with a large state: the state is
# the old one or the new one, it verifies, and the next run works
gen 4 30000 big.txt
"$WINNOW" --no-compress --state=k big.txt > /dev/null || fail "big run"
cp k k.old
"$WINNOW" --no-compress --state=k c.txt > /dev/null
tail -c +129 k > k.newbody
kills=${WINNOW_KILLS:-40}
n=0 old=0 new=0 tmp=0
while [ $n -lt "$kills" ]; do
	n=$((n + 1))
	cp k.old k
	"$WINNOW" --no-compress --state=k c.txt > /dev/null 2>&1 &
	pid=$!
	# 0 to 80 ms, the length of the run (with a 5 MB state): loading,
	# cleaning, writing and renaming the state
	sleep "0.$(awk -v s=$n 'BEGIN { srand(s); printf "%03d", rand() * 80 }')"
	kill -9 $pid 2> /dev/null
	wait $pid 2> /dev/null
	[ -e k.tmp ] && tmp=$((tmp + 1))
	if cmp -s k k.old; then
		old=$((old + 1))
	else
		tail -c +129 k | cmp -s - k.newbody || fail "kill $n: state neither old nor new"
		new=$((new + 1))
	fi
	"$WINNOW" state info k > /dev/null || fail "kill $n: state does not verify"
	"$WINNOW" --no-compress --state=k a.txt > /dev/null || fail "kill $n: next run failed"
	[ ! -e k.tmp ] || fail "kill $n: the next run left k.tmp"
done
echo "kill -9 x$kills: $old old, $new new, $tmp during the write"
exit 0
