#!/usr/bin/env bash
# A run is a value (docs/design.md): base/, crypto/ and sim/ keep no writable
# variable outside the values a run owns, so runs side by side never meet
# (tests/unit/test_runs_apart.c shows it). This lists every writable variable in
# their object files (.data, .bss and thread-local sections: read-only tables are
# elsewhere) and allows only the few that are process-wide by nature.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-build}
[[ $build = /* ]] || build="$root/$build"
# FILE:SYMBOL, each with why it is allowed.
allowed=(
  "crypto/crypto.o:once"       # libtomcrypt's registration, done once (pthread_once)...
  "crypto/crypto.o:init_ok"    # ...and its result, read-only after
  "crypto/crypto.o:chacha_idx" # ...and the index of the PRNG it registered
  "crypto/hash.o:looked_up"    # hash indexes looked up once (pthread_once)...
  "crypto/hash.o:idx"          # ...read-only after
  "crypto/prof.o:enabled"      # bench's profiler: atomic, measures the process
  "crypto/prof.o:total_ns"
  "crypto/prof.o:total_calls"
  "sim/wire_tcp.o:stop_signal" # what a SIGINT/SIGTERM handler sets: all it can reach
)
st=0 seen=0
for dir in base crypto sim; do
  for src in "$root/$dir"/*.c; do
    rel="$dir/$(basename "${src%.c}").o"
    obj="$build/obj/$rel"
    [ -f "$obj" ] || { echo "FAIL  $obj missing: build first"; st=1; continue; }
    seen=$((seen + 1))
    while read -r sym; do
      ok=0
      for a in "${allowed[@]}"; do [ "$a" = "$rel:$sym" ] && ok=1; done
      if [ $ok = 0 ]; then
        echo "FAIL  $rel: writable variable '$sym' is shared by every run in the process; keep it in the run, actor or engine value that owns it"
        st=1
      fi
    done < <(objdump -t "$obj" | awk '$4 ~ /^\.(data|bss|tdata|tbss)/ && $4 !~ /rel\.ro/ && $NF !~ /^\./ {print $NF}' |
      sed 's/\.[0-9]*$//' | sort -u)
  done
done
[ $st -eq 0 ] && echo "no shared state: $seen object files, only the ${#allowed[@]} allowed process-wide variables"
exit $st
