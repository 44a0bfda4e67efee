#!/usr/bin/env bash
# Answer keys are computed from the trace: `tlssim lesson records-map --key --seed N`
# for two seeds gives different hex answers, and every value answer equals what
# `tlssim run --json` shows for the same scenario and seed, read here by Python
# straight from the JSON (not by the lesson code).
set -euo pipefail
cd "$(dirname "$0")/../.."
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT

lesson=lessons/01-records-map.lesson
opts=$(sed -n 's/^@scenario main //p' "$lesson")
for seed in 5 6; do
  "$TLSSIM" lesson records-map --key --seed "$seed" >"$d/key$seed.txt"
  # shellcheck disable=SC2086
  "$TLSSIM" run $opts --seed "$seed" --json "$d/run$seed.json" >/dev/null
  python3 - "$d/key$seed.txt" "$d/run$seed.json" <<'PY'
import json, re, sys
key = open(sys.argv[1]).read().split("\n")
events = json.load(open(sys.argv[2]))["events"]

def event(side, eid):
    for e in events:
        if e["id"] == eid and (side is None or e["actor"] == side):
            return e
    sys.exit(f"no event {eid}")

def field(path):
    side = None
    if ":" in path:
        side, path = path.split(":", 1)
    for e in events:
        if side and e["actor"] != side:
            continue
        for f in e.get("fields", []):
            if f["path"] == path:
                raw = bytes.fromhex(e["bytes"])
                return e, f, raw[f["offset"]:f["offset"] + f["length"]]
    sys.exit(f"no field {path}")

def reference(expr):
    """What the JSON says the answer to expr is (the expressions this lesson uses)."""
    m = re.fullmatch(r"bytes\((\S+), (\d+), (\d+)\)", expr)
    if m:
        return field(m[1])[2][int(m[2]):int(m[2]) + int(m[3])].hex()
    m = re.fullmatch(r"uint\((\S+)\)", expr)
    if m:
        return str(int.from_bytes(field(m[1])[2], "big"))
    m = re.fullmatch(r"sender\((\S+)\)", expr)
    if m:
        return event(None, m[1])["actor"]
    m = re.fullmatch(r"count\((\w+):record\)", expr)
    if m:
        return str(sum(1 for e in events if e["kind"] == "record" and e["actor"] == m[1]))
    m = re.fullmatch(r"carrier\((\w+), (\w+)\)", expr)
    if m:
        for e in events:
            if e["kind"] == "message" and e["actor"] == m[1] and \
               any(f["name"] == m[2] for f in e.get("fields", [])):
                return e["id"]
    m = re.fullmatch(r"(\S+\.\S+)", expr)  # a field: select questions give its place
    if m:
        e, f, _ = field(m[1])
        return f"bytes {f['offset']}+{f['length']} of step #{e['seq']} ({e['id']})"
    sys.exit(f"the test does not know how to check {expr}")

checked = 0
for i, line in enumerate(key):
    if line.startswith("  computed: "):
        expr = line[len("  computed: "):]
        got = key[i - 1].removeprefix("  answer: ")
        want = reference(expr)
        if got != want:
            sys.exit(f"{expr}: the key says {got}, the run's JSON {want}")
        checked += 1
if checked < 6:
    sys.exit(f"only {checked} computed answers in the key")
PY
done
# The hex answers (the randoms) differ between the seeds; everything else is the same.
grep "^  answer: [0-9a-f]\{8\}$" "$d/key5.txt" >"$d/hex5"
grep "^  answer: [0-9a-f]\{8\}$" "$d/key6.txt" >"$d/hex6"
[ "$(wc -l <"$d/hex5")" -ge 2 ] || { echo "no hex answers in the key"; exit 1; }
while read -r a && read -r b <&3; do
  [ "$a" != "$b" ] || { echo "seeds 5 and 6 gave the same answer: $a"; exit 1; }
done <"$d/hex5" 3<"$d/hex6"

# list lessons shows it; --key of an unknown lesson is an input error.
"$TLSSIM" list lessons | grep -q "^records-map "
set +e
"$TLSSIM" lesson nope --key --seed 1 2>/dev/null; st=$?
set -e
[ "$st" = 2 ] || { echo "unknown lesson: exit $st, want 2"; exit 1; }
echo "lesson keys: $(grep -c computed "$d/key5.txt") answers match the JSON for seeds 5 and 6"
