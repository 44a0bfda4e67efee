#!/usr/bin/env bash
# The glossary: `tlssim glossary TERM` explains a term and names its RFC sections;
# an unknown term is a usage error naming close terms; in the TUI, g opens the
# entry of the current step's term, whole at 80x24.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }

out=$("$TLSSIM" glossary nonce)
[ "$(head -1 <<<"$out")" = nonce ] || fail "the entry does not start with its term: $out"
grep -q "used once" <<<"$out" || fail "nonce is not explained: $out"
grep -qx "  see: RFC 5246 6.2.3.3; RFC 5288 3; RFC 7905 2" <<<"$out" || fail "no RFC sections: $out"
awk 'length > 80 { exit 1 }' <<<"$out" || fail "a line wider than 80 columns: $out"
# Another spelling finds the same entry.
[ "$("$TLSSIM" glossary master_secret | head -1)" = "master secret" ] || fail "master_secret"
# Every alert of RFC 5246 7.2 has an entry.
for a in close_notify unexpected_message bad_record_mac decryption_failed_RESERVED \
  record_overflow decompression_failure handshake_failure no_certificate_RESERVED \
  bad_certificate unsupported_certificate certificate_revoked certificate_expired \
  certificate_unknown illegal_parameter unknown_ca access_denied decode_error decrypt_error \
  export_restriction_RESERVED protocol_version insufficient_security internal_error \
  user_canceled no_renegotiation unsupported_extension; do
  "$TLSSIM" glossary "$a" | grep -q "RFC 5246 7.2" || fail "alert $a"
done
# Unknown: exit 2, close terms named, nothing on stdout.
set +e
err=$("$TLSSIM" glossary nonse 2>&1 >/dev/null); rc=$?
set -e
[ "$rc" = 2 ] || fail "unknown term: exit $rc"
grep -q "'nonse' is not in the glossary; close terms: 'nonce'" <<<"$err" || fail "no close term: $err"
set +e
err=$("$TLSSIM" glossary --bogus 2>&1 >/dev/null); rc=$?
set -e
[ "$rc" = 2 ] && grep -q "unknown option '--bogus'" <<<"$err" || fail "--bogus: exit $rc: $err"
# The list: one line per term, with its sections.
"$TLSSIM" glossary | grep -q "^forward secrecy  *RFC 5246 F.1.1.2" || fail "the list lacks forward secrecy"

# The TUI: g on the key block step explains the key block, whole at 80x24.
source "$(dirname "$0")/../lib/tmux_ui.sh"
ui_start 80x24 --seed 1
ui_keys Home
for ((i = 0; i < 80; i++)); do
  ui_screen | grep -q "expands the master secret into the key block" && break
  ui_press Right || true
done
ui_press g || fail "g did nothing"
screen=$ui_shown
grep -qF "glossary: key block (any key closes)" <<<"$screen" || { echo "$screen"; fail "g did not open the key block"; }
grep -qF "see RFC 5246 6.3" <<<"$screen" || { echo "$screen"; fail "the box lacks its RFC section"; }
# The whole text shows: its last words are on the screen.
grep -qF "implicit IV from it." <<<"$screen" || { echo "$screen"; fail "the entry is cut at 80x24"; }
ui_press x || fail "a key did not close the glossary"
grep -qF "glossary:" <<<"$ui_shown" && fail "the glossary stayed open"
echo "glossary: ok"
