# Runs independent jobs side by side and reports each one whole, in the order queued.
# Source it, queue jobs with `job_add NAME COMMAND...`, then `job_run_all REPORT`:
# REPORT is called as `REPORT NAME STATUS LOG` for each job, in queue order, as soon
# as that job and every one before it have ended (LOG holds its output, stdout and
# stderr; it is removed afterwards).
#
# How many at once: under make (a recipe line marked `+`, so make hands over its
# jobserver pipe), the first job runs on the slot make gave this runner and each
# further one on a token taken from make's pipe, given back when it ends: `make -j2`
# never runs more than two things at a time, however many runners it starts. Run by
# hand, at most $TEST_JOBS (default 2) jobs run at once.

job_names=() job_cmds=()
job_add() { # NAME COMMAND...
  job_names+=("$1"); shift
  job_cmds+=("$(printf '%q ' "$@")")
}

# make 4.3 passes its pipe as --jobserver-auth=R,W in MAKEFLAGS; the fds are open
# only for recipe lines make knows to be recursive. make keeps the read end
# non-blocking: a token is taken with a plain read that fails at once when there is
# none (a read with a timeout could be cut off after taking one, and lose it).
job_server_r="" job_server_w=""
for _a in ${MAKEFLAGS:-}; do
  case $_a in --jobserver-auth=*,*) _a=${_a#*=}; job_server_r=${_a%,*}; job_server_w=${_a#*,} ;; esac
done
unset _a
case "$job_server_r,$job_server_w" in *[!0-9,]* | ,* | *,) job_server_r="" ;; esac
if [ -n "$job_server_r" ]; then
  _flags=$(sed -n 's/^flags:[[:space:]]*//p' "/proc/$$/fdinfo/$job_server_r" 2>/dev/null)
  if ! { : >&"$job_server_w"; } 2>/dev/null || [ -z "$_flags" ] || ! ((8#$_flags & 8#4000)); then
    job_server_r=""
  fi
  unset _flags
fi

job_tokens=() # the tokens taken from make's pipe, given back as jobs end
job_give_back() {
  while [ "${#job_tokens[@]}" -gt "$1" ]; do
    printf '%s' "${job_tokens[-1]}" >&"$job_server_w"
    unset 'job_tokens[-1]'
  done
}
trap 'job_give_back 0' EXIT

# job_can_start RUNNING: true if one more job may start now.
job_can_start() {
  [ "$1" -eq 0 ] && return 0
  if [ -z "$job_server_r" ]; then
    [ "$1" -lt "${TEST_JOBS:-2}" ]
    return
  fi
  local tok=""
  IFS= read -r -N 1 -u "$job_server_r" tok 2>/dev/null || true
  [ -n "$tok" ] || return 1
  job_tokens+=("$tok")
}

job_run_all() { # REPORT
  local report=$1 n=${#job_names[@]} next=0 shown=0 running=0 gave=0 held i dir ended byte
  local -a pids=() status=()
  dir=$(mktemp -d)
  # Each job writes a byte here as it ends (one byte: a read that times out cannot
  # leave half a message behind), after its status file: a wait with no race.
  mkfifo "$dir/ended"
  exec {ended}<>"$dir/ended"
  while [ "$shown" -lt "$n" ]; do
    # A token just given back is left to make for one look (make takes it at once if
    # it waits for one: the builds go on while test jobs keep coming).
    while [ "$next" -lt "$n" ] && { [ "$gave" = 0 ] || [ "$running" -eq 0 ]; } &&
      job_can_start "$running"; do
      { (exec {ended}>&- && eval "${job_cmds[next]}") </dev/null >"$dir/$next.log" 2>&1
        echo $? >"$dir/$next.status.tmp"; mv "$dir/$next.status.tmp" "$dir/$next.status"
        printf . >&"$ended"; } &
      pids[next]=$!
      running=$((running + 1)) next=$((next + 1))
    done
    if [ "$next" -lt "$n" ] && [ -n "$job_server_r" ]; then
      # A job may start as soon as make frees a token: look again in 0.05 s.
      read -r -N 1 -t 0.05 -u "$ended" byte || true
    else
      read -r -N 1 -u "$ended" byte
    fi
    held=${#job_tokens[@]}
    for ((i = shown; i < next; i++)); do
      [ -z "${status[i]:-}" ] && [ -e "$dir/$i.status" ] || continue
      wait "${pids[i]}" 2>/dev/null || true
      status[i]=$(<"$dir/$i.status")
      running=$((running - 1))
      job_give_back $((running > 0 ? running - 1 : 0))
    done
    gave=0; [ "${#job_tokens[@]}" -lt "$held" ] && gave=1
    while [ "$shown" -lt "$next" ] && [ -n "${status[shown]:-}" ]; do
      "$report" "${job_names[shown]}" "${status[shown]}" "$dir/$shown.log"
      shown=$((shown + 1))
    done
  done
  exec {ended}>&-
  rm -rf "$dir"
}
