"""Optimistic locking and history for everything a team saves: one rule for every write.

A saved row carries a version. A form carries the version it was rendered
from; a write first claims the row with a conditional UPDATE (… WHERE
version = base) and applies only if the row is still at that version,
whoever saved in between, the same person in another tab included. Only one
of several writers from the same version can win that UPDATE, on SQLite and
PostgreSQL alike; the others get a Conflict and nothing of theirs is applied.
After a save the page is rendered again from the new version, so saving the
same page again and again always works.
"""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from stage1.core.logging import request_id_var


class Versioned(models.Model):
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Every saved change of every step record, item and answer is kept, with
    # who and when, for the project's History page and for restoring a step.
    history = HistoricalRecords(inherit=True, excluded_fields=["updated_at"])

    class Meta:
        abstract = True


class Conflict(Exception):
    """The row changed since the user's form was rendered; `current` is the row as it is now."""

    def __init__(self, current):
        super().__init__("conflicting edit")
        self.current = current


def claim(instance: models.Model, *, base_version: int | None) -> None:
    """Take the row from base_version to base_version + 1, or raise Conflict.

    Any row with a `version` counter obeys it: every Versioned model, and
    memberships, which keep a version but no history. A base_version of None
    (a page that did not say, readably, which version it showed) is a
    conflict too: nobody can tell what the user saw.
    Call it inside the write's transaction, before changing anything: when it
    raises, the transaction rolls back and nothing of the write is applied.
    """
    model = type(instance)
    # F("version") + 1, not base_version + 1: a tampered base at the column's
    # largest value must find no row, not overflow the integer in the query.
    if base_version is not None and model.objects.filter(pk=instance.pk, version=base_version).update(version=F("version") + 1):
        instance.version = base_version + 1
        return
    current = model.objects.filter(pk=instance.pk)
    if issubclass(model, Versioned):
        # The conflict page names who saved in between.
        current = current.select_related("updated_by")
    raise Conflict(current.first())


@receiver(pre_create_historical_record)
def _tag_with_request(sender, history_instance, **kwargs):
    """Rows written during one request share its id (as the change reason): that is how one save is grouped in the history."""
    request_id = request_id_var.get()
    history_instance.history_change_reason = None if request_id == "-" else request_id
