"""Turn DATABASE_URL into Django's DATABASES entry.

Only SQLite (for trying the product on one machine) and PostgreSQL (for
production) are supported; anything else is a configuration error.
"""

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

# The web server and the PDF worker write to one file: a transaction takes the
# write lock when it begins (instead of failing with "database is locked" when
# it first writes), waits up to 20 s for it, and readers never block the writer (WAL).
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def database_from_url(url: str, *, base_dir: Path, pool_max_size: int, pool_timeout: int = 1) -> dict:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        # sqlite:///relative.db or sqlite:////absolute/path.db
        raw = unquote(parts.path)
        if raw in ("", "/"):
            raise ImproperlyConfigured("DATABASE_URL for SQLite needs a file name, e.g. sqlite:///db.sqlite3")
        # sqlite:///db.sqlite3 is relative to the project, sqlite:////abs/db.sqlite3 absolute.
        path = Path(raw[1:])
        if not path.is_absolute():
            path = base_dir / path
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path), "OPTIONS": SQLITE_OPTIONS}
    if scheme in ("postgres", "postgresql"):
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured("DATABASE_URL for PostgreSQL needs a database name")
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        options: dict = {}
        if pool_max_size > 0:
            # A pool reuses connections across requests; Django requires
            # CONN_MAX_AGE=0 with it. With CONN_HEALTH_CHECKS Django has the pool
            # check each connection it hands out, so one that died while idle (the
            # server restarted) is replaced instead of failing the request.
            options["pool"] = {
                "min_size": 1,
                "max_size": pool_max_size,
                # How long a request waits for a connection before the service
                # answers 503: short, because people wait behind it.
                "timeout": pool_timeout,
                # The pool retries a failed connection with a doubling delay;
                # giving up soon lets the next request start a fresh attempt at
                # once, so recovery never waits behind a long back-off.
                "reconnect_timeout": pool_timeout,
            }
        if "sslmode" in query:
            options["sslmode"] = query["sslmode"]
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            # A host given as ?host=/path selects a Unix socket directory.
            "HOST": query.get("host") or unquote(parts.hostname or ""),
            "PORT": str(parts.port or query.get("port") or ""),
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ImproperlyConfigured(f"DATABASE_URL must start with sqlite:// or postgres://, got scheme {scheme!r}")
