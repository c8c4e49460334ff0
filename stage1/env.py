"""Typed readers for environment variables.

Each helper fails loudly with ImproperlyConfigured when a value cannot be
understood, so a typo in production configuration stops the process at
start-up instead of silently falling back to a development default.
"""

import os
from urllib.parse import unquote

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import URLValidator, validate_email

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value is None else value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false, yes/no, on/off), got {value!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {value!r}") from exc
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {number}")
    return number


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_url(name: str, *, schemes: tuple[str, ...] = ("https",)) -> str | None:
    """A web or email address, or None when unset or blank.

    Only the given schemes are accepted ("https", "mailto"): a page links to
    this value, so a typo or a `javascript:` address must stop start-up.
    """
    value = (os.environ.get(name) or "").strip()
    if not value:
        return None
    scheme, _, rest = value.partition(":")
    readable = " or ".join("mailto:" if allowed == "mailto" else f"{allowed}://" for allowed in schemes)
    problem = ImproperlyConfigured(f"{name} must be a {readable} address, got {value!r}")
    if scheme not in schemes:
        raise problem
    try:
        if scheme == "mailto":
            # mailto:team@example.org?subject=Feedback: the address is what must be valid.
            validate_email(unquote(rest.partition("?")[0]))
        else:
            URLValidator(schemes=[scheme])(value)
    except ValidationError as exc:
        raise problem from exc
    return value


def env_email(name: str) -> str | None:
    """An email address, or None when unset or blank."""
    value = (os.environ.get(name) or "").strip()
    if not value:
        return None
    try:
        validate_email(value)
    except ValidationError as exc:
        raise ImproperlyConfigured(f"{name} must be an email address, got {value!r}") from exc
    return value
