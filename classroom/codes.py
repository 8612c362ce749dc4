"""Class codes a room can read aloud and type, and the secrets that stay in one browser."""

from __future__ import annotations

import hashlib
import hmac
import secrets

# no 0/O, 1/I/L: a code read from the back of a room is typed right; 31⁶ ≈ 8.9 × 10⁸ codes
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6


def new_code() -> str:
    """A random class code (the store refuses one already in use; the caller draws again)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalised_code(text: object) -> str | None:
    """A code as typed (any case, spaces or dashes) in its canonical form, or None."""
    code = "".join(str(text).split()).replace("-", "").upper()[: CODE_LENGTH + 1]
    if len(code) != CODE_LENGTH or any(symbol not in ALPHABET for symbol in code):
        return None
    return code


def new_secret() -> str:
    """A teacher key or a student's id: 192 random bits, URL-safe."""
    return secrets.token_urlsafe(24)


def digest(secret: str) -> str:
    """What the store keeps of a teacher key: its SHA-256 (the key itself stays with the
    teacher's browser)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def same_secret(secret: object, kept_digest: str) -> bool:
    """Whether ``secret`` is the key whose digest was kept (in constant time)."""
    if not isinstance(secret, str) or not secret:
        return False
    return hmac.compare_digest(digest(secret), kept_digest)
