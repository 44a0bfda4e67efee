#!/usr/bin/env bash
# `tlssim lesson --check lessons/`: every lesson of the course loads, runs its
# scenarios and evaluates every reference and answer (for seeds 1 and 2). And --check
# is no rubber stamp: a lesson that no longer fits the engine fails it, named by
# file and line, and so does one with a mistake in its format.
set -euo pipefail
cd "$(dirname "$0")/../.."
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT

n=$(ls lessons/*.lesson | wc -l)
"$TLSSIM" lesson --check lessons/ >"$d/check.out" || { echo "lesson --check lessons/ failed"; exit 1; }
grep -qx "$n lessons\? in lessons/: all good" "$d/check.out" || { cat "$d/check.out"; exit 1; }

# An answer naming a field that does not exist: the question's line.
lesson=lessons/01-records-map.lesson
mkdir "$d/bad"
sed 's/carrier(server, public)/carrier(server, pubkey)/' "$lesson" >"$d/bad/x.lesson"
line=$(grep -n "carrier(server, pubkey)" "$d/bad/x.lesson" | cut -d: -f1)
q=$(awk -v l="$line" 'NR < l && /^@question/ { n = NR } END { print n }' "$d/bad/x.lesson")
# A step pointing at an event this run does not have: the @goto's line.
sed 's/^@goto client:record.Finished$/@goto client:record.Finishd/' "$lesson" | sed 's/^id: .*/id: y/' >"$d/bad/y.lesson"
gline=$(grep -n "^@goto client:record.Finishd" "$d/bad/y.lesson" | cut -d: -f1)
# A format mistake: an unknown question kind.
printf -- '---\nid: z\ntitle: Z\n---\n@scenario main\n## S\n@question essay\nWhy?\n' >"$d/bad/z.lesson"
# requires: a lesson of the folder or a built-in one (records-map is); not one that is none.
printf -- '---\nid: w\ntitle: W\nrequires: records-map, y, nope\n---\n@scenario main\n## S\n' >"$d/bad/w.lesson"
set +e
"$TLSSIM" lesson --check "$d/bad" >"$d/bad.out" 2>"$d/bad.err"; st=$?
set -e
[ "$st" = 2 ] || { echo "--check of broken lessons: exit $st, want 2"; cat "$d/bad.err"; exit 1; }
want() { grep -qF "$1" "$d/bad.err" || { echo "missing: $1"; cat "$d/bad.err"; exit 1; }; }
want "$d/bad/x.lesson:$q: @answer carrier(server, pubkey): the server sent no message with a field 'pubkey'"
want "$d/bad/y.lesson:$gline: @goto no event 'record.Finishd' in this run (ids: record.ClientHello,"
want "$d/bad/z.lesson:7: unknown question kind 'essay'"
want "$d/bad/w.lesson:4: requires 'nope': no lesson has that id"
if grep -q "requires 'records-map'\|requires 'y'" "$d/bad.err"; then echo "requires: a lesson that exists was refused"; exit 1; fi
want "4 of 4 lessons in $d/bad with problems"
# A teacher's folder with its own PKI: a relative --pki or --cafile is read beside the
# lesson, from whatever folder tlssim runs in.
mkdir -p "$d/course"
"$TLSSIM" pki --out "$d/course/pki" --seed 77 >/dev/null
sed 's|^@scenario main .*|@scenario main --pki pki --cafile pki/root-ca.pem|' "$lesson" >"$d/course/own.lesson"
(cd / && "$TLSSIM" lesson --check "$d/course" >/dev/null) || { echo "a lesson's relative --pki was not found beside it"; exit 1; }
# Its server certificate and root are both the folder's (another seed than the built-in
# PKI): were either read from elsewhere, the chain would fail and the lesson's client
# Finished, which a step points at, would not exist.
"$TLSSIM" lesson records-map --lessons "$d/course" --key --seed 1 >"$d/own.key"
grep -q "^scenario main: --pki pki --cafile pki/root-ca.pem (seed 1)" "$d/own.key" || { cat "$d/own.key"; exit 1; }

# Where `make install` puts the binary and the lessons (PREFIX/bin, PREFIX/share/tlssim/
# lessons, the Makefile's install target), the binary finds the course from any folder.
mkdir -p "$d/inst/bin" "$d/inst/share/tlssim/lessons"
cp "$TLSSIM" "$d/inst/bin/tlssim"
cp -r lessons/. "$d/inst/share/tlssim/lessons/"
got=$(cd / && "$d/inst/bin/tlssim" list lessons | wc -l)
[ "$got" = "$n" ] || { echo "installed tlssim lists $got lessons, want $n"; exit 1; }
(cd / && "$d/inst/bin/tlssim" lesson records-map --key --seed 3 >/dev/null) ||
    { echo "installed tlssim cannot open records-map"; exit 1; }

echo "lessons check: $n lesson(s) good; broken ones named by file and line"
