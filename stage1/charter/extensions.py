"""Where an upper app tells the charter what the document is (its number, status and approvals), so charter never imports it.

Review and approval sit above the charter: they freeze approved charters. The
review app registers one provider from its AppConfig.ready(); without one the
charter is a draft whose status comes from readiness alone.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DocumentState:
    # What the document calls itself: "Draft 0.3", "Version 1.0".
    label: str
    status: str
    approved: bool = False
    # Neither in review nor approved: the charter's status then says whether it is ready for review.
    draft: bool = True
    # dicts of name, role, decided_at: approvals given in the app, printed in the sign-off block.
    approvals: list = field(default_factory=list)
    # Changes whenever any of the above would: part of the rendered charter's cache key.
    cache_key: str = ""


DocumentProvider = Callable[[object], DocumentState]

_provider: list[DocumentProvider] = []


def provides_document_state(provider: DocumentProvider) -> DocumentProvider:
    _provider[:] = [provider]
    return provider


def document_state_for(project) -> DocumentState | None:
    return _provider[0](project) if _provider else None
