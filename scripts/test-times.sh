#!/bin/sh
# Prints the table `make test` ends with: each part's wall time and CPU time (user +
# system, of every process the part waited for), then the CPU time of the whole run,
# builds included. DIR holds NAME.wall (milliseconds) and NAME.cpu (the output of the
# shell's `times`: its own line, then its children's) for each part, and all.cpu.
# Usage: scripts/test-times.sh DIR
dir=$1
cpu() { # FILE: the children's user + system seconds from `times` output
  awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); t += a[1] * 60 + a[2] } printf "%.1f", t }' "$1"
}
echo "make test: time per part (wall, CPU user+sys; parts run side by side):"
for c in "$dir"/*.cpu; do
  name=$(basename "$c" .cpu)
  [ "$name" = all ] || [ ! -e "$dir/$name.wall" ] && continue
  printf '  %-28s %6.1f s wall %7s s CPU\n' "$name" "$(awk '{ printf "%.1f", $1 / 1000 }' "$dir/$name.wall")" "$(cpu "$c")"
done
[ -e "$dir/all.cpu" ] && printf '  %-28s %6s        %7s s CPU\n' "all (with the builds)" "" "$(cpu "$dir/all.cpu")"
exit 0
