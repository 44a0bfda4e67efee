#!/usr/bin/env bash
# `tlssim run` and `tlssim pki` on bad input and unwritable outputs: a clear message
# and exit status 2, decided before anything runs (a listener must not spend a
# connection first), outputs written whole or not at all, nothing leaked.
set -euo pipefail
. "$(dirname "$0")/../lib/openssl_peers.sh"

# expect2 NAME PATTERN ARGS...: tlssim exits 2 (within 10 s) saying PATTERN on stderr.
expect2() {
  local name=$1 pattern=$2; shift 2
  local st=0
  timeout 10 "$TLSSIM" "$@" >out.log 2>err.log </dev/null || st=$?
  check "$name: exit 2 (got $st)" "$([ $st = 2 ] && grep -q -- "$pattern" err.log && echo yes)" err.log
}

# Ports: 16 bits, never wrapped (70000 used to listen on 4464).
expect2 "--listen 70000" "not a number from 1 to 65535" run --listen 70000
expect2 "--listen 0" "not a number from 1 to 65535" run --listen 0
expect2 "--connect 127.0.0.1:65536" "not a number from 1 to 65535" run --connect 127.0.0.1:65536
expect2 "--connect without a port says so" "has no port" run --connect localhost
expect2 "--timeout 0" "from 1 to" run --timeout 0
expect2 "--max-connections without --listen" "goes with --listen" run --max-connections 2

# Outputs are checked before the run: /proc takes no new files, and a directory is no file.
expect2 "--pcap /proc/version" "/proc/version" run --pcap /proc/version --quiet
expect2 "--json into a missing directory" "no-such-dir" run --json no-such-dir/t.json --quiet
mkdir -p adir
expect2 "--keylog onto a directory" "is a directory" run --keylog adir --quiet
port=$((port + 1))
expect2 "--listen with an unwritable --pcap never listens" "/proc/version" \
  run --listen "$port" --pcap /proc/version --quiet
check "... and printed nothing about listening" "$(grep -q listening err.log || echo yes)" err.log

# Written whole or not at all: a write that fails halfway (a 1 KiB file size limit)
# leaves the file as it was, and no temporary file behind.
echo old >keep.json
st=0
(ulimit -f 1; trap '' XFSZ; exec "$TLSSIM" run --quiet --json keep.json) >out.log 2>err.log || st=$?
check "a JSON write that fails halfway: exit 2 (got $st), the old file intact" \
  "$([ $st = 2 ] && [ "$(cat keep.json)" = old ] && ! compgen -G '.tlssim-*' >/dev/null && echo yes)" err.log
st=0; "$TLSSIM" run --quiet --json new.json --pcap new.pcap --keylog new.keys >out.log 2>&1 || st=$?
check "outputs that can be written are (status $st)" \
  "$([ $st = 0 ] && jq -e '.result.outcome == "ok"' new.json >/dev/null && [ -s new.pcap ] && [ -s new.keys ] && echo yes)" out.log

# --cafile errors free what was loaded (ASan fails the run with status 1 on a leak;
# without ASan, valgrind checks the same).
echo garbage >bad.pem
expect2 "--cafile missing" "cannot open" run --cafile no-such.pem --quiet
expect2 "--cafile without a certificate" "no CERTIFICATE" run --cafile bad.pem --quiet
# (ldd's output is read whole first: `ldd | grep -q` under pipefail fails when grep
# stops reading early, which ran valgrind on the ASan build.)
libs=$(ldd "$TLSSIM" 2>/dev/null || true)
if command -v valgrind >/dev/null && [[ $libs != *libasan* ]]; then
  for f in no-such.pem bad.pem; do
    st=0
    valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=9 \
      "$TLSSIM" run --cafile "$f" --quiet >out.log 2>&1 || st=$?
    check "--cafile $f: nothing leaked (valgrind; status $st)" "$([ $st = 2 ] && echo yes)" out.log
  done
fi

# pki --out: all or nothing.
mkdir -p blocked/root-ca.key
expect2 "pki --out with a directory where a key goes" "root-ca.key" pki --out blocked
check "... wrote nothing there" "$([ "$(ls -A blocked)" = root-ca.key ] && echo yes)"
expect2 "pki --out under /proc" "nothing was written" pki --out /proc/tlssim-pki
mkdir -p varblock && touch varblock/variants
expect2 "pki --out --variants with a file where variants/ goes" "variants" pki --out varblock --variants
check "... wrote nothing there" "$([ "$(ls -A varblock)" = variants ] && echo yes)"

echo "run errors: $((cases - failures)) of $cases checks passed"
[ "$failures" -eq 0 ]
