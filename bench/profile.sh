#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# make profile: where winnow's instructions go on 5 MB of the bench corpus.
#
# usage: profile.sh [--shared DIR] [--corpus real|synthetic] [--dir DIR]
#                   [--mb 5] [--seed 1] WINNOW [WINNOW OPTION]...
#
# Takes the first --mb MB (default 5, as make bench's callgrind slice) of
# the real-text corpus (gen_real.py on --shared, default ../shared beside
# the source tree) or of the synthetic one (gen.py), in text form: from
# make bench's corpus in --dir (default bench/out) when it is there, else
# generated (a generator's output for a smaller size is the start of its
# output for a larger one, so the slice is the same).  Runs winnow on it
# under callgrind, one thread, no compression, with the options given,
# and prints the instructions per input byte and the top 25 functions by
# inclusive and by self instructions (callgrind_annotate).  The callgrind
# file stays in DIR/profile/ for callgrind_annotate or kcachegrind.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
shared=$here/../../shared
corpus=real
dir=bench/out
mb=5
seed=1
while [ $# -gt 0 ]; do
	case $1 in
	--shared) shared=$2; shift 2 ;;
	--corpus) corpus=$2; shift 2 ;;
	--dir) dir=$2; shift 2 ;;
	--mb) mb=$2; shift 2 ;;
	--seed) seed=$2; shift 2 ;;
	--) shift; break ;;
	-*) echo "profile.sh: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
if [ $# -lt 1 ]; then
	echo "usage: profile.sh [--shared DIR] [--corpus real|synthetic] [--dir DIR] [--mb 5] [--seed 1] WINNOW [OPTION]..." >&2
	exit 2
fi
winnow=$1
shift
for tool in valgrind callgrind_annotate python3; do
	command -v $tool > /dev/null || { echo "profile.sh: $tool not found" >&2; exit 1; }
done
case $corpus in
real)
	if [ ! -d "$shared/data/bbc" ]; then
		echo "profile.sh: $shared/data not found: profiling the synthetic corpus instead" >&2
		corpus=synthetic
	fi ;;
synthetic) ;;
*) echo "profile.sh: --corpus is real or synthetic" >&2; exit 2 ;;
esac
p=$dir/profile
mkdir -p "$p"
bytes=$(python3 -c "import sys; print(int(float(sys.argv[1]) * 1000000))" "$mb")
if [ $corpus = real ]; then
	full=$dir/real/corpus.txt
	stamp=$dir/real/corpus.mb
	gen="python3 $here/gen_real.py --shared $shared"
else
	full=$dir/corpus.txt
	stamp=$dir/corpus.mb
	gen="python3 $here/gen.py"
fi
# make bench's corpus has this seed when its stamp starts "MB SEED"
if [ -f "$full" ] && [ -f "$stamp" ] && [ "$(cut -d' ' -f2 "$stamp")" = "$seed" ] &&
    [ "$(wc -c < "$full")" -ge "$bytes" ]; then
	src=$full
else
	src=$p/$corpus.txt
	echo "generating $mb MB of the $corpus corpus (seed $seed)..." >&2
	$gen --seed "$seed" --mb "$(python3 -c "import sys; print(float(sys.argv[1]) * 1.02 + 0.1)" "$mb")" \
	    --format text "$src" /dev/null
fi
slice=$p/$corpus-slice.txt
head -c "$bytes" "$src" > "$slice"
out=$p/callgrind.$corpus.out
valgrind --tool=callgrind --callgrind-out-file="$out" "$winnow" --no-compress --threads=1 "$@" "$slice" \
    > /dev/null 2> "$p/valgrind.log"
ir=$(sed -n 's/.*Collected : *//p' "$p/valgrind.log" | tail -n 1)
echo "## callgrind: winnow --no-compress --threads=1${*:+ $*} on $mb MB of the $corpus corpus ($slice)"
echo "$ir instructions, $(python3 -c "import sys; print('%.1f' % (int(sys.argv[1]) / int(sys.argv[2])))" "$ir" "$bytes") per input byte"
# the table of callgrind_annotate, the object file names left out
top() {
	callgrind_annotate "$@" "$out" 2> /dev/null | sed -n '/file:function/,$p' | sed -n '3,27p' |
	    sed -e 's/ \[[^]]*\]$//' -e "s|$(cd "$here/.." && pwd)/||"
}
echo
echo "### top 25 by inclusive instructions"
top --inclusive=yes
echo
echo "### top 25 by self instructions"
top --inclusive=no
echo
echo "(callgrind file: $out)"
