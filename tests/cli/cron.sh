#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# The cron recipe of README.md, run as written (its paths moved into the
# test's directory): a day with a missing input commits nothing and
# leaves no output, its rerun emits the day whole; a day with a bad
# record commits; a second run of a finished day is refused and changes
# nothing; a refused (corrupt) state makes the recipe fail.
. "${srcdir:-.}/tests/cli/lib.sh"
need zstd
need gzip

# the recipe: the first code block after "## Daily runs from cron"
awk '/^## Daily runs from cron/ { on = 1 } on && /^```/ { n++; next }
	on && n == 1 { print }' "$srcdir/README.md" > recipe.in
grep -q "^winnow --state=" recipe.in || fail "no recipe in README.md"
mkdir -p bin data/clean data/scrape log
ln -s "$WINNOW" bin/winnow
sed -e "s|/data/|$T/data/|g" -e "s|/var/log/winnow/|$T/log/|g" \
    -e "s|^day=.*|day=\$DAY|" recipe.in > recipe.sh
cron() { DAY=$1 PATH="$T/bin:$PATH" sh recipe.sh > /dev/null 2> cron.err; }

day() {	# day DAY N: N records of that day's scrape (gzip'd JSONL), each
	# a paragraph of random words of its own
	mkdir -p data/scrape/$1
	awk -v d=$1 -v n=$2 'BEGIN { srand(length(d) * 1000 + substr(d, 9) * 7 + n)
	    split("the of a council river market school vote rain bridge " \
	    "mayor price train court farm story city night green open", w)
	    for (i = 1; i <= n; i++) {
		t = "Story"
		for (k = 0; k < 14; k++) t = t " " w[1 + int(rand() * 20)] int(rand() * 1000)
		printf "{\"id\":\"%s-%d\",\"text\":\"%s.\"}\n", d, i, t
	    } }' | gzip > data/scrape/$1/a.jsonl.gz
}
records() { zstd -dc "data/clean/$1.jsonl.zst" | wc -l; }

day 2026-11-01 50
cron 2026-11-01 || fail "day 1: $(cat cron.err)"
[ "$(records 2026-11-01)" -eq 50 ] || fail "day 1: records"
"$WINNOW" state info data/winnow.state > info1 || fail "state info"

# day 2: one input is missing (a broken link): nothing committed
day 2026-11-02 40
ln -s "$T/nowhere.jsonl.gz" data/scrape/2026-11-02/b.jsonl.gz
cp data/winnow.state state.before
cron 2026-11-02 && fail "day 2 with a missing input succeeded"
[ -e data/clean/2026-11-02.jsonl.zst ] && fail "day 2: output made"
cmp -s data/winnow.state state.before || fail "day 2: the state changed"
rm data/scrape/2026-11-02/b.jsonl.gz
cron 2026-11-02 || fail "day 2 rerun: $(cat cron.err)"
[ "$(records 2026-11-02)" -eq 40 ] || fail "day 2 rerun: $(records 2026-11-02) of 40 records"
[ -s log/2026-11-02.json ] || fail "day 2: no stats"

# a second run of a finished day is refused and changes nothing
cp data/winnow.state state.before
cron 2026-11-02 && fail "a finished day ran again"
cmp -s data/winnow.state state.before || fail "the rerun of a finished day changed the state"
[ "$(records 2026-11-02)" -eq 40 ] || fail "the finished day's output changed"

# day 3: a bad record is skipped (65) and the day commits
day 2026-11-03 30
printf 'not json\n' | gzip >> data/scrape/2026-11-03/a.jsonl.gz
cron 2026-11-03 || fail "day 3 (a bad record): $(cat cron.err)"
[ "$(records 2026-11-03)" -eq 30 ] || fail "day 3: records"
grep -q "a.jsonl.gz:31:" cron.err || fail "day 3: the bad record was not listed: $(cat cron.err)"

# a corrupt state: the recipe fails, nothing is written
day 2026-11-04 10
printf 'garbage' >> data/winnow.state
cron 2026-11-04 && fail "a corrupt state: the recipe succeeded"
[ -e data/clean/2026-11-04.jsonl.zst ] && fail "a corrupt state: output made"
exit 0
