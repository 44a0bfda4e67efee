#!/usr/bin/env bash
# Stable identifiers: lessons name events and fields by id and path (lessons/README.md),
# so one seeded run's ids, and the paths of its ServerHello, are pinned in
# tests/vectors/golden/. A changed title that lands on another id, or a renamed field,
# shows up here before it breaks a lesson. Regenerate with UPDATE_GOLDEN=1 only when
# the change is intended, and fix the lessons that use the old names (tlssim lesson
# --check lessons/ finds them).
set -euo pipefail
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
golden="$(dirname "$0")/../vectors/golden/seed42-ids.txt"
"$TLSSIM" run --time 2026-01-01 --seed 42 --client-auth --json "$d/run.json" >/dev/null
python3 - "$d/run.json" >"$d/ids.txt" <<'PY'
import json, sys
events = json.load(open(sys.argv[1]))["events"]
for e in events:
    print(e["actor"], e["kind"], e["id"])
for e in events:
    if e["id"] in ("ServerHello", "ServerKeyExchange", "record.ServerHello"):
        for f in e["fields"]:
            print("path", f["path"])
PY
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$d/ids.txt" "$golden"; fi
diff -u "$golden" "$d/ids.txt" >"$d/diff" || { echo "ids or paths differ from $golden:"; head -30 "$d/diff"; exit 1; }
echo "golden ids: $(grep -vc '^path' "$golden") event ids and $(grep -c '^path' "$golden") paths unchanged"
