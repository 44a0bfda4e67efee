#!/usr/bin/env bash
# The project's documents travel with it: every relative link of the README and of
# docs/ names a file of the repository, and no source points outside it (a clone has
# no ../shared/).
set -euo pipefail
cd "$(dirname "$0")/../.."
bad=0
for doc in README.md docs/*.md; do
  dir=$(dirname "$doc")
  # [text](target) links that are not URLs or anchors.
  while read -r target; do
    target=${target%%#*}
    [ -z "$target" ] && continue
    [ -e "$dir/$target" ] || { echo "FAIL: $doc links to $target, which is not in the repository"; bad=1; }
  done < <(grep -o '](\([^)]*\))' "$doc" | sed 's/^](//; s/)$//' | grep -v '^[a-z]*://' || true)
done
[ -f docs/cli.md ] && [ -f docs/design.md ] || { echo "FAIL: docs/cli.md or docs/design.md is missing"; bad=1; }
if grep -rn '\.\./shared/' README.md docs sim ui crypto tests/unit tests/integration tools Makefile \
   | grep -v 'tests/integration/docs_links.sh' | grep -v 'shared/vectors'; then
  echo "FAIL: the lines above point outside the repository"; bad=1
fi
[ "$bad" = 0 ] && echo "docs links: ok"
exit "$bad"
