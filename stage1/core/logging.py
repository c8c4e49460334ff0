"""Request ids in every log line, and the security event log."""

import contextvars
import json
import logging

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
security_logger = logging.getLogger("stage1.security")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def security_event(event: str, *, request=None, user=None, **fields) -> None:
    """Log one security event as a single JSON line.

    Values are JSON-encoded, so text a user controls (a username, a path)
    can never start a new log line or pose as another field.
    """
    if user is None and request is not None and getattr(request, "user", None) is not None and request.user.is_authenticated:
        user = request.user
    record = {
        "event": event,
        "user": getattr(user, "username", None) if user is not None else None,
        "user_id": getattr(user, "pk", None) if user is not None else None,
        "ip": _client_ip(request),
        "path": request.path[:300] if request is not None else None,
        "request_id": request_id_var.get(),
        **{
            key: (str(value)[:300] if not isinstance(value, int | float | bool) and value is not None else value)
            for key, value in fields.items()
        },
    }
    security_logger.info(json.dumps(record, ensure_ascii=True, sort_keys=True))
