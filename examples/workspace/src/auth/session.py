"""Session tokens for the auth service."""

import hmac
import secrets

TOKEN_BYTES = 32


def new_token():
    return secrets.token_urlsafe(TOKEN_BYTES)


def tokens_equal(a, b):
    # constant-time comparison to avoid timing attacks
    return hmac.compare_digest(a, b)

