"""Values derived from a project's saved content, cached under everything they are derived from.

A project's revision is bumped by every saved change of its content (step
answers, items, their order, checklist answers, actions, a move to another
methodology version: `project_touch`). A value computed from that content, in
one language, by one version of the code, is therefore the same for as long as
its key exists, wherever it is computed: the key is the project (its id and
when it was created, so a reused id never meets an older entry), its revision,
its methodology version, the language, the shape of the step registry and a
fingerprint of the code, templates and translations.

Such values may live in each process's own memory: two gunicorn workers, or two
servers on one database, compute the same value under the same key, and a save
makes a new key everywhere at once, because the revision is read from the
shared database on every request. Nothing here has to be shared, so the
`derived` cache is Django's bounded local-memory cache (settings.CACHES): a read
costs no query, where the database cache would cost one a read, which is what
these caches exist to save. Entries are never invalidated, only outgrown: the
least recently used go when the cache is full.

Comments and reviews do not bump the revision; they bump the project's
review revision instead (stage1.review.signals), and what pages show of them
is kept under a name that carries it. What changes without either
(memberships, a newer methodology version, the methodology's useful material)
is never cached here: pages read it on every request.
"""

import hashlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import get_language

from stage1.projects.steps import STEPS

CACHE_ALIAS = "derived"


@cache
def code_fingerprint() -> str:
    """A digest of the code, templates and compiled translations this process runs with.

    A local-memory cache starts empty with each process anyway; the fingerprint
    keeps the keys right should the cache ever be one that outlives a deployment.
    """
    digest = hashlib.blake2b(digest_size=8)
    root = Path(settings.BASE_DIR)
    for pattern in ("stage1/**/*.py", "templates/**/*.html", "locale/**/*.mo"):
        for path in sorted(root.glob(pattern)):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _registry_shape() -> str:
    # A step registered at run time (a later stage's app, a test) changes what every derived value holds.
    return ".".join(f"{step.slug}:{','.join(kind.slug for kind in step.items)}" for step in STEPS)


def project_key(project) -> str:
    """Everything a value derived from the project's content depends on, as one cache key prefix."""
    created = project.created_at.timestamp() if project.created_at else ""
    shape = hashlib.blake2b(_registry_shape().encode(), digest_size=6).hexdigest()
    return f"{project.pk}@{created}:r{project.revision}:m{project.methodology_version_id}:{get_language()}:{shape}:{code_fingerprint()}"


def derived_cache():
    return caches[CACHE_ALIAS]


def cached(key: str, compute: Callable[[], object]):
    """The value under key, computed and stored on a miss. Values are never None (None means a miss)."""
    store = derived_cache()
    value = store.get(key)
    if value is None:
        value = compute()
        store.set(key, value, timeout=None)
    return value


def project_cache_key(project, name: str) -> str:
    """The key of the value `name` derived from the project, for a caller that reads and stores it at different times."""
    return f"{name}:{project_key(project)}"


def project_cached(project, name: str, compute: Callable[[], object]):
    return cached(project_cache_key(project, name), compute)


def review_cached(project, name: str, compute: Callable[[], object]):
    """project_cached() for what pages show of the project's comments and reviews: kept per review revision too."""
    return project_cached(project, f"{name}:review-{project.review_revision}", compute)
