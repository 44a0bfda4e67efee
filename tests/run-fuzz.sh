#!/usr/bin/env bash
# Builds each libFuzzer target (clang, with ASan+UBSan) and runs it for FUZZ_SECONDS.
# Seeds come from tests/fuzz/corpus/<target>/ when present.
set -eu
cd "$(dirname "$0")/.."
secs=${FUZZ_SECONDS:-60}
[ $# -gt 0 ] || { echo "fuzz: no targets"; exit 0; }
out=build-fuzz
flags="-std=c11 -g -O1 -D_GNU_SOURCE -DGMP_DESC -DUSE_GMP -I. -fsanitize=fuzzer,address,undefined"
pk="libtomcrypt gmp libsodium jansson libpcap"
mkdir -p "$out"
lib_src=$(ls sim/*.c crypto/*.c 2>/dev/null)
passed=0 failed=0
for src in "$@"; do
  name=$(basename "$src" .c)
  # shellcheck disable=SC2086
  clang $flags $(pkg-config --cflags $pk) "$src" $lib_src $(pkg-config --libs $pk) -lm -o "$out/$name"
  corpus="$out/corpus-$name"
  mkdir -p "$corpus"
  [ -d "tests/fuzz/corpus/$name" ] && cp -n tests/fuzz/corpus/"$name"/* "$corpus"/ 2>/dev/null || true
  if "$out/$name" -max_total_time="$secs" -print_final_stats=0 "$corpus" >"$out/$name.log" 2>&1; then
    passed=$((passed + 1)); echo "ok    fuzz $name (${secs}s, $(ls "$corpus" | wc -l) inputs in corpus)"
  else
    failed=$((failed + 1)); echo "FAIL  fuzz $name"; tail -40 "$out/$name.log"
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
