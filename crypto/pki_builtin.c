#include "crypto/pki_builtin.h"

bool pki_load_builtin(pki *p, tls_err *err)
{
    return pki_load_texts(p, pki_builtin_cert_pem, pki_builtin_key_pem, err);
}
