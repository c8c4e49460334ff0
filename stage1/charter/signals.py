"""Drop cached charters when the methodology changes.

A charter prints the rules' titles and the evaluation questions; an edit in
the admin changes no project's version, so the cache key alone would serve
the old wording. Methodology edits are rare: clearing every cached PDF is
simpler than tracking which ones are affected.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from stage1.charter.models import RenderedCharter
from stage1.methodology.models import Action, EvaluationQuestion, Rule, Stage, UsefulMaterial

METHODOLOGY_MODELS = (Stage, Rule, Action, UsefulMaterial, EvaluationQuestion)


def _drop_cached_charters(sender, **kwargs):
    if kwargs.get("raw"):
        return  # loaddata: the fixture is being loaded, nothing is cached yet
    RenderedCharter.objects.all().delete()


for _model in METHODOLOGY_MODELS:
    receiver(post_save, sender=_model, dispatch_uid=f"charter-cache-{_model.__name__}-save")(_drop_cached_charters)
    receiver(post_delete, sender=_model, dispatch_uid=f"charter-cache-{_model.__name__}-delete")(_drop_cached_charters)
