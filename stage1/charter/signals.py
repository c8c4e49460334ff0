"""Stored PDFs stop being current when the methodology changes.

A charter prints the rules' titles and the evaluation questions; an edit in
the admin changes no project's revision, so the cache key alone would serve
the old wording. Stored charters keep their PDF but lose their etag: they are
never served as current again, only offered as an older copy while the
worker renders the new one. Blank checklists of the live methodology (no
published version) are dropped; those of a published version cannot change.
Methodology edits are rare: marking every stored PDF is simpler than
tracking which ones are affected.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from stage1.charter.models import RenderedCharter, RenderedChecklist
from stage1.methodology.models import Action, EvaluationQuestion, Rule, Stage, UsefulMaterial

METHODOLOGY_MODELS = (Stage, Rule, Action, UsefulMaterial, EvaluationQuestion)


def _stored_pdfs_not_current(sender, **kwargs):
    if kwargs.get("raw"):
        return  # loaddata: the fixture is being loaded, nothing is stored yet
    RenderedCharter.objects.exclude(etag="").update(etag="")
    RenderedChecklist.objects.filter(methodology_version=None).delete()


for _model in METHODOLOGY_MODELS:
    receiver(post_save, sender=_model, dispatch_uid=f"charter-cache-{_model.__name__}-save")(_stored_pdfs_not_current)
    receiver(post_delete, sender=_model, dispatch_uid=f"charter-cache-{_model.__name__}-delete")(_stored_pdfs_not_current)
