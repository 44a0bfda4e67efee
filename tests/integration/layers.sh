#!/usr/bin/env bash
# Layers point one way (docs/design.md): base <- crypto <- sim <- ui. A file may
# include only from its own folder and the folders below it.
set -euo pipefail
cd "$(dirname "$0")/../.."
st=0
# allowed FOLDER: the folders FOLDER may include from.
allowed() {
  case $1 in
  base) echo "base" ;;
  crypto) echo "base crypto" ;;
  sim) echo "base crypto sim" ;;
esac
}
for dir in base crypto sim; do
  ok=" $(allowed $dir) "
  while IFS=: read -r file line inc; do
    target=${inc#*\"}
    target=${target%%/*}
    if [[ $ok != *" $target "* ]]; then
      echo "FAIL  $file:$line includes $inc: $dir/ may include from $(allowed $dir) only"
      st=1
    fi
  done < <(grep -n '^#include "[a-z]*/' $dir/*.c $dir/*.h || true)
done
# Chain validation says what is wrong in OpenSSL's codes; the TLS alert for it is
# chosen in sim/ (sim/cert_alerts.c), so the validator knows no alerts.
if grep -n 'alert\.h\|ALERT_' crypto/x509_verify*.[ch]; then
  echo "FAIL  crypto/x509_verify*: the validator returns X509_V_ERR_* codes; alerts belong in sim/cert_alerts.c"
  st=1
fi
# Faults reach the protocol only through the actor's hook table (sim/actor_hooks.h),
# which the fault plan fills in: the protocol's files never name the plan.
if grep -n '#include "sim/fault_\(plan\|wire\|mitm\|eavesdrop\)\.h"' \
  sim/actor*.c sim/actor*.h sim/client.c sim/server.c sim/resume.c; then
  echo "FAIL  the actors include the fault plan: they should call their hooks (sim/actor_hooks.h)"
  st=1
fi
# The front end calls the commands; a command calls only the shared helpers
# (ui/cli_common.h), never back into ui/cli.c.
if grep -n '#include "ui/cli\.h"' ui/cmd_ui.c ui/cli_common.[ch] ui/cmd_ui.h; then
  echo "FAIL  ui/cmd_ui.c includes ui/cli.h: the helpers it needs are in ui/cli_common.h"
  st=1
fi
[ $st -eq 0 ] && echo "layers: base <- crypto <- sim <- ui, no include points back; actors reach faults through hooks"
exit $st
