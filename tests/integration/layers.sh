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
[ $st -eq 0 ] && echo "layers: base <- crypto <- sim <- ui, no include points back"
exit $st
