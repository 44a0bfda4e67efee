/* libFuzzer: record headers and record decryption under each protection. The
 * first input byte picks the protection; the rest is a record as from the wire. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim/record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    tls12_keys k;
    memset(&k, 0x5a, sizeof k);
    static const struct {
        rec_protection kind;
        aead_alg aead;
        hash_alg mac;
        size_t mac_len, key_len, iv_len;
    } kinds[] = {{REC_PLAINTEXT, AEAD_NONE, HASH_NONE, 0, 0, 0},
                 {REC_AEAD, AEAD_AES128_GCM, HASH_NONE, 0, 16, 4},
                 {REC_AEAD, AEAD_CHACHA20_POLY1305, HASH_NONE, 0, 32, 12},
                 {REC_CBC_HMAC, AEAD_NONE, HASH_SHA256, 32, 16, 0}};
    size_t c = data[0] % 4;
    k.mac_len = kinds[c].mac_len;
    k.key_len = kinds[c].key_len;
    k.iv_len = kinds[c].iv_len;
    rec_state s;
    rec_state_from_keys(&s, kinds[c].kind, kinds[c].aead, kinds[c].mac, &k, true);
    tls_err err;
    err_init(&err);
    reader r;
    rd_init(&r, data + 1, size - 1, &err, NULL, "record");
    rec_header h;
    const uint8_t *frag = rec_read_header(&r, &h) ? rd_bytes(&r, h.length, "fragment") : NULL;
    if (!frag) {
        rec_state_free(&s);
        return 0;
    }
    uint8_t *out = malloc(h.length ? h.length : 1);
    size_t n = 0;
    if (out && rec_open(&s, &h, frag, h.length, out, &n, &err) && n > h.length)
        abort(); /* plaintext can never be longer than the fragment */
    free(out);
    rec_state_free(&s);
    return 0;
}
