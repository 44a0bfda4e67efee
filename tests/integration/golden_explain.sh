#!/usr/bin/env bash
# Field explanations: every field that has one keeps its words (sim/field_explain.c
# holds them for the handshake, crypto/x509_oid.c for certificates). Seeded runs of
# every suite, with and without mutual TLS, both kinds of resumption and every fault
# are pinned in tests/vectors/golden/field-explain.txt: one line per field path and
# explanation, with how many fields in all the runs have it. A field that loses its
# explanation, gets another one, or gets one in another situation (an empty
# session_id explained as a full one) changes a count or a line. Regenerate with
# UPDATE_GOLDEN=1 only when the change of words is intended, and say why.
set -euo pipefail
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
golden="$(dirname "$0")/../vectors/golden/field-explain.txt"
i=0
run() { # OPTIONS...: one seeded run's JSON into $d; a failed handshake is fine (faults)
  i=$((i + 1))
  "$TLSSIM" run --time 2026-01-01 --seed 7 --json "$d/run$i.json" "$@" >/dev/null || true
  [ -s "$d/run$i.json" ] || { echo "no JSON for: run $*"; exit 1; }
}
for s in $("$TLSSIM" list suites | awk '{print $1}'); do
  run --suite "$s"
  run --suite "$s" --client-auth
done
run --resume ticket
run --resume id
run --resume ticket --client-auth --no-ems
for f in $("$TLSSIM" list faults | awk '{print $1}'); do
  run --fault "$f"
done
python3 - "$d"/run*.json >"$d/explain.txt" <<'PY'
import collections, json, sys
count = collections.Counter()
for name in sys.argv[1:]:
    for e in json.load(open(name))["events"]:
        for f in e.get("fields", []):
            if f.get("explain") is not None:
                count[(f["path"], f["explain"])] += 1
for (path, text), n in sorted(count.items()):
    print(f"{n}\t{path}\t{text}")
PY
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$d/explain.txt" "$golden"; fi
diff -u "$golden" "$d/explain.txt" >"$d/diff" || {
  echo "field explanations differ from $golden:"; head -40 "$d/diff"; exit 1; }
echo "golden explain: $(wc -l <"$golden") path/explanation pairs in $i runs unchanged"
