#include "base/alert.h"

#include <stddef.h>

static const struct {
    int code;
    const char *name;
} alert_names[] = {
    {ALERT_CLOSE_NOTIFY, "close_notify"},
    {ALERT_UNEXPECTED_MESSAGE, "unexpected_message"},
    {ALERT_BAD_RECORD_MAC, "bad_record_mac"},
    {ALERT_RECORD_OVERFLOW, "record_overflow"},
    {ALERT_HANDSHAKE_FAILURE, "handshake_failure"},
    {ALERT_BAD_CERTIFICATE, "bad_certificate"},
    {ALERT_UNSUPPORTED_CERTIFICATE, "unsupported_certificate"},
    {ALERT_CERTIFICATE_REVOKED, "certificate_revoked"},
    {ALERT_CERTIFICATE_EXPIRED, "certificate_expired"},
    {ALERT_CERTIFICATE_UNKNOWN, "certificate_unknown"},
    {ALERT_ILLEGAL_PARAMETER, "illegal_parameter"},
    {ALERT_UNKNOWN_CA, "unknown_ca"},
    {ALERT_ACCESS_DENIED, "access_denied"},
    {ALERT_DECODE_ERROR, "decode_error"},
    {ALERT_DECRYPT_ERROR, "decrypt_error"},
    {ALERT_PROTOCOL_VERSION, "protocol_version"},
    {ALERT_INSUFFICIENT_SECURITY, "insufficient_security"},
    {ALERT_INTERNAL_ERROR, "internal_error"},
    {ALERT_INAPPROPRIATE_FALLBACK, "inappropriate_fallback"},
    {ALERT_USER_CANCELED, "user_canceled"},
    {ALERT_NO_RENEGOTIATION, "no_renegotiation"},
    {ALERT_MISSING_EXTENSION, "missing_extension"},
    {ALERT_UNSUPPORTED_EXTENSION, "unsupported_extension"},
    {ALERT_UNRECOGNIZED_NAME, "unrecognized_name"},
    {ALERT_BAD_CERTIFICATE_STATUS_RESPONSE, "bad_certificate_status_response"},
    {ALERT_UNKNOWN_PSK_IDENTITY, "unknown_psk_identity"},
    {ALERT_CERTIFICATE_REQUIRED, "certificate_required"},
    {ALERT_NO_APPLICATION_PROTOCOL, "no_application_protocol"},
};

const char *alert_name(int code)
{
    for (size_t i = 0; i < sizeof alert_names / sizeof alert_names[0]; i++)
        if (alert_names[i].code == code)
            return alert_names[i].name;
    return "unknown_alert";
}
