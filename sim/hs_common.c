/* Framing shared by every handshake message, and names for what appears in them. */
#include <stdio.h>

#include "base/alert.h"
#include "sim/hs_msg.h"

static const struct {
    uint8_t type;
    const char *name;
} types[] = {
    {0, "HelloRequest"},       {HS_CLIENT_HELLO, "ClientHello"},
    {HS_SERVER_HELLO, "ServerHello"}, {HS_NEW_SESSION_TICKET, "NewSessionTicket"},
    {HS_CERTIFICATE, "Certificate"},
    {HS_SERVER_KEY_EXCHANGE, "ServerKeyExchange"},
    {HS_CERTIFICATE_REQUEST, "CertificateRequest"},
    {HS_SERVER_HELLO_DONE, "ServerHelloDone"},
    {HS_CERTIFICATE_VERIFY, "CertificateVerify"},
    {HS_CLIENT_KEY_EXCHANGE, "ClientKeyExchange"}, {HS_FINISHED, "Finished"},
};

const char *hs_type_name(uint8_t type)
{
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (types[i].type == type)
            return types[i].name;
    return "unknown handshake message";
}

const char *hs_group_name(uint16_t group)
{
    switch (group) {
    case 23: return "secp256r1";
    case 24: return "secp384r1";
    case 25: return "secp521r1";
    case 29: return "x25519";
    case 30: return "x448";
    case 256: return "ffdhe2048";
    case 257: return "ffdhe3072";
    default: return "unknown group";
    }
}

const char *hs_extension_name(uint16_t type)
{
    switch (type) {
    case 0: return "server_name";
    case 5: return "status_request";
    case 10: return "supported_groups";
    case 11: return "ec_point_formats";
    case 13: return "signature_algorithms";
    case 16: return "application_layer_protocol_negotiation";
    case 18: return "signed_certificate_timestamp";
    case 21: return "padding";
    case 22: return "encrypt_then_mac";
    case 23: return "extended_master_secret";
    case 35: return "session_ticket";
    case 43: return "supported_versions";
    case 45: return "psk_key_exchange_modes";
    case 51: return "key_share";
    case 0xff01: return "renegotiation_info";
    default: return "unknown extension";
    }
}

wr_mark hs_begin(writer *w, uint8_t type)
{
    wr_u8(w, type, "msg_type");
    wr_describe(w, "%u (%s)", type, hs_type_name(type));
    return wr_open(w, 3, "body");
}

void hs_end(writer *w, wr_mark m)
{
    wr_close(w, m);
}

bool hs_open(reader *r, uint8_t type, reader *body)
{
    uint8_t got = rd_u8(r, "msg_type");
    rd_describe(r, "%u (%s)", got, hs_type_name(got));
    if (rd_ok(r) && got != type) {
        rd_fail(r, ALERT_UNEXPECTED_MESSAGE, "msg_type", "%s expected, %s found",
                hs_type_name(type), hs_type_name(got));
        return false;
    }
    return rd_vec(r, 3, 0, 0xffffff, "body", body);
}

bool hs_close(reader *r, reader *body)
{
    return rd_close(body) && rd_close(r);
}
