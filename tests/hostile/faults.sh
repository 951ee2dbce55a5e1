#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# Faults (issue 7): an input that fails in the middle of a read, a run
# stopped and continued while it reads and writes; each gives its
# documented exit status and message, and a state kept as it was.
. "${srcdir:-.}/tests/cli/lib.sh"
need python3

# a TCP connection as standard input: two whole documents, the start of
# a third, then a reset
cat > rst.py <<'PY'
import socket, struct, subprocess, sys, time
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(1)
cli = socket.create_connection(srv.getsockname())
conn, _ = srv.accept()
p = subprocess.Popen(sys.argv[1:], stdin=cli.fileno())
cli.close()
conn.sendall(b"First document, whole.\n\f\nSecond document, whole.\n\f\nThird doc")
time.sleep(0.5)
conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
conn.close()
sys.exit(p.wait())
PY
"$WINNOW" --no-compress --keep-boilerplate --state=s /dev/null > /dev/null || fail "empty state"
cp s s.before
python3 rst.py "$WINNOW" --no-compress --keep-boilerplate --to=text --state=s > out 2> err
st=$?
[ $st -eq 74 ] || fail "reset input: exit $st"
grep -q "^winnow: stdin: read error: Connection reset by peer" err || fail "message: $(cat err)"
grep -q "unfinished last record (9 bytes) was dropped" err || fail "no drop message: $(cat err)"
[ "$(grep -c 'whole\.$' out)" -eq 2 ] || fail "the whole documents: $(cat out)"
grep -q "Third" out && fail "the cut document was written"
cmp -s s s.before || fail "the state changed after a failed read"

# stopped and continued while reading a slow pipe and writing to a slow
# reader: every record arrives, exit 0
( for i in 1 2 3 4 5 6; do printf 'Document %d of the slow feed.\n\f\n' $i; sleep 0.2; done ) |
    "$WINNOW" --no-compress --keep-boilerplate > slow.jsonl &
pid=$!
sleep 0.3
pkill -STOP -f "$WINNOW --no-compress --keep-boilerplate" 2> /dev/null ||
    kill -STOP $pid 2> /dev/null
sleep 0.5
pkill -CONT -f "$WINNOW --no-compress --keep-boilerplate" 2> /dev/null ||
    kill -CONT $pid 2> /dev/null
wait $pid
st=$?
[ $st -eq 0 ] || fail "stopped and continued: exit $st"
[ "$(wc -l < slow.jsonl)" -eq 6 ] || fail "stopped and continued: $(wc -l < slow.jsonl) records"
exit 0
