"""Every change to a project's reviews, decisions, approved versions and comments bumps its review_revision.

They are not the project's content, so they leave `revision` alone; what the task list and the step
pages show of them (open threads, comment counts, the document's state) is kept in the derived cache
per revision and review revision. Signals rather than a call in each service: the admin, the demo
loader and the tests write these rows too, and a page must never show a stale count. Bulk updates
bypass signals; the one there is (the worker storing an approved version's PDF) changes nothing
those pages show.
"""

from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from stage1.projects.models import Project
from stage1.review.models import ApprovedVersion, Comment, Decision, Review


def _project_id(instance) -> int | None:
    if isinstance(instance, Decision):
        return Review.objects.filter(pk=instance.review_id).values_list("project_id", flat=True).first()
    return instance.project_id


@receiver(post_save, sender=Review)
@receiver(post_save, sender=Decision)
@receiver(post_save, sender=ApprovedVersion)
@receiver(post_save, sender=Comment)
@receiver(post_delete, sender=Review)
@receiver(post_delete, sender=Decision)
@receiver(post_delete, sender=ApprovedVersion)
@receiver(post_delete, sender=Comment)
def _review_changed(sender, instance, origin=None, **kwargs):
    if isinstance(origin, Project):
        return  # the project itself is being deleted
    project_id = _project_id(instance)
    if project_id is not None:
        Project.objects.filter(pk=project_id).update(review_revision=F("review_revision") + 1)
