# One tshark run for many captures: tshark spends about 0.6 s of CPU starting (it
# registers every dissector), more than a handshake takes to dissect, so a script
# that checks many captures queues them and runs tshark once over their merge
# (tests/lib/pcap_merge.pl keeps each capture's TCP connections apart).
# Source it, then:
#   tshark_batch_init DIR         the batch keeps its files in DIR (made; the caller
#                                 removes it, e.g. inside its own temporary directory)
#   tshark_batch_add PCAP [KEYS]  queues a capture (copied: reuse the names) and its
#                                 key log; sets $tshark_batch_n to its number (0, 1, ...)
#   tshark_batch_run OUT ARGS...  runs `tshark ARGS...` on the merge of all queued
#                                 captures, with all their key logs, into OUT; then
#                                 ${tshark_batch_stream[N]} is the tcp.stream number
#                                 capture N's first connection has there (its second
#                                 is one more, ...), $tshark_batch_streams the number of
#                                 connections. False if the merge failed. Run it again
#                                 for other fields: the merge is made once.
#   tshark_batch_port N PORT      the port that PORT of capture N has in the merge
tshark_batch_init() { # DIR
  tshark_batch_dir=$1 tshark_batch_n=-1 tshark_batch_stream=() tshark_batch_merged=-1 tshark_batch_streams=0
  mkdir -p "$tshark_batch_dir"
}
_tshark_batch_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tshark_batch_add() { # PCAP [KEYS]
  tshark_batch_n=$((tshark_batch_n + 1))
  cp "$1" "$tshark_batch_dir/$tshark_batch_n.pcap"
  if [ -n "${2:-}" ]; then cat "$2" >>"$tshark_batch_dir/all.keys"; fi
}
tshark_batch_run() { # OUT ARGS...
  local out=$1 i pcaps=(); shift
  if [ "$tshark_batch_merged" != "$tshark_batch_n" ]; then
    touch "$tshark_batch_dir/all.keys"
    for ((i = 0; i <= tshark_batch_n; i++)); do pcaps+=("$tshark_batch_dir/$i.pcap"); done
    mapfile -t tshark_batch_stream < <(PORT_MAP=$tshark_batch_dir/ports perl "$_tshark_batch_lib/pcap_merge.pl" "$tshark_batch_dir/all.pcap" "${pcaps[@]}" ||
      echo failed)
    if [ "${#tshark_batch_stream[@]}" != $((tshark_batch_n + 2)) ]; then
      tshark_batch_stream=()
      echo "tshark_batch: merging the captures failed" >"$out"; return 1
    fi
    tshark_batch_streams=${tshark_batch_stream[-1]}
    unset 'tshark_batch_stream[-1]'
    tshark_batch_merged=$tshark_batch_n
  fi
  tshark -r "$tshark_batch_dir/all.pcap" -o "tls.keylog_file:$tshark_batch_dir/all.keys" "$@" >"$out" 2>/dev/null
}
tshark_batch_port() { # N PORT
  local n old new
  while read -r n old new; do [ "$n $old" = "$1 $2" ] && { echo "$new"; return 0; }; done <"$tshark_batch_dir/ports"
  echo none
}
