#!/usr/bin/env bash
# Determinism: the same seed gives a byte-identical trace, another seed does not;
# and one seeded scenario's records are pinned in tests/vectors/golden/ so that any
# change to what goes on the wire is noticed (regenerate with UPDATE_GOLDEN=1 only
# when the change is intended, and say why in the commit).
set -euo pipefail
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
golden="$(dirname "$0")/../vectors/golden/seed42-records.txt"
run() { "$TLSSIM" run --time 2026-01-01 --json - "$@"; }
run --seed 42 >"$d/a.json"
run --seed 42 >"$d/b.json"
run --seed 43 >"$d/c.json"
cmp "$d/a.json" "$d/b.json" || { echo "the same seed gave two different traces"; exit 1; }
if cmp -s "$d/a.json" "$d/c.json"; then echo "seeds 42 and 43 gave the same trace"; exit 1; fi
# One line per record: sender, then the bytes.
python3 - "$d/a.json" >"$d/records.txt" <<'PY'
import json, sys
for e in json.load(open(sys.argv[1]))["events"]:
    if e["kind"] == "record":
        print(e["actor"], e["bytes"])
PY
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$d/records.txt" "$golden"; fi
diff -q "$golden" "$d/records.txt" >/dev/null || { echo "records differ from $golden"; diff <(cut -c1-80 "$golden") <(cut -c1-80 "$d/records.txt") | head; exit 1; }
echo "golden: $(wc -l <"$golden") records identical"
