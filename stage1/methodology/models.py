"""The method teams follow: stages, golden rules, useful material, evaluation questions.

All of it is data edited by methodology owners in the admin, never text in
templates, so that it can be corrected and translated without a release.
What projects see of it is a published MethodologyVersion, a frozen copy.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stage1.methodology.markdown import render_markdown


class Stage(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("stage")
        verbose_name_plural = _("stages")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class RuleQuerySet(models.QuerySet):
    def for_stage(self, number: int = 1) -> "RuleQuerySet":
        return self.filter(stage__number=number)


class Rule(models.Model):
    """One golden rule. Its slug ties it to the wizard step that implements it."""

    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="rules", verbose_name=_("stage"))
    number = models.PositiveSmallIntegerField(_("number"))
    slug = models.SlugField(_("slug"), help_text=_("Ties the rule to its wizard step. Do not change it."))
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("short summary"), max_length=300, help_text=_("One sentence shown on the task list."))
    guidance = models.TextField(
        _("guidance"),
        blank=True,
        help_text=_(
            "Shown at the top of the step. Markdown: blank line between paragraphs, '- ' for bullets, [text](https://link) for links."
        ),
    )

    objects = RuleQuerySet.as_manager()

    class Meta:
        ordering = ["stage__number", "number"]
        verbose_name = _("golden rule")
        verbose_name_plural = _("golden rules")
        constraints = [
            models.UniqueConstraint(fields=["stage", "number"], name="rule_unique_number_per_stage"),
            models.UniqueConstraint(fields=["stage", "slug"], name="rule_unique_slug_per_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.number:02d}. {self.title}"

    @property
    def guidance_html(self):
        return render_markdown(self.guidance)


class Action(models.Model):
    """A concrete thing the team does to follow a rule."""

    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="actions", verbose_name=_("rule"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("action"), max_length=500)

    class Meta:
        ordering = ["rule", "order", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.text


class UsefulMaterial(models.Model):
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="materials", verbose_name=_("stage"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("link"), blank=True)
    phases = models.CharField(
        _("phases or stages it names"), max_length=500, blank=True, help_text=_("The parts of that framework that match this stage.")
    )
    description = models.TextField(_("description"), blank=True)
    rules = models.ManyToManyField(Rule, related_name="materials", blank=True, verbose_name=_("rules it helps with"))

    class Meta:
        ordering = ["stage__number", "order", "name"]
        verbose_name = _("useful material")
        verbose_name_plural = _("useful material")

    def __str__(self) -> str:
        return self.name


class EvaluationQuestion(models.Model):
    rule = models.ForeignKey(Rule, on_delete=models.PROTECT, related_name="questions", verbose_name=_("rule"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("question"), max_length=500)
    hint = models.TextField(_("hint"), blank=True, help_text=_("What a good answer looks like, or what evidence to give."))
    framework = models.CharField(
        _("grounded in"), max_length=200, blank=True, help_text=_("The framework or standard the question comes from.")
    )
    # Links the question to the checks of a project's data (stage1.evaluation.findings) that can
    # contradict an answer to it, the way a rule's slug links it to its wizard step.
    key = models.SlugField(
        _("data check key"),
        max_length=50,
        blank=True,
        help_text=_("Ties the question to the checks of the project's data that can contradict an answer. Do not change it."),
    )
    # Questions are retired rather than deleted: answers and published versions point at them.
    retired = models.BooleanField(
        _("no longer asked"), default=False, help_text=_("Left out of the next published version. Answers already given are kept.")
    )

    class Meta:
        ordering = ["rule__stage__number", "rule__number", "order", "id"]
        verbose_name = _("evaluation question")
        verbose_name_plural = _("evaluation questions")

    def __str__(self) -> str:
        return self.text


class MethodologyVersion(models.Model):
    """A published, frozen copy of a stage's rules and evaluation questions.

    Projects follow one version, so later edits in the admin change nothing
    they see or answered until they are moved to a newer version on purpose.
    ``content`` is written once by ``methodology_publish`` and never changed.
    """

    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="versions", verbose_name=_("stage"))
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published on"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("published by")
    )
    notes = models.TextField(_("what changed"), blank=True, help_text=_("A few words for teams on what this version changes."))
    content = models.JSONField(_("content"), editable=False)
    # Answers point at questions by id: a question in a published version may not be deleted.
    questions = models.ManyToManyField(EvaluationQuestion, through="VersionQuestion", related_name="versions", editable=False)

    class Meta:
        ordering = ["stage__number", "-number"]
        get_latest_by = "number"
        verbose_name = _("methodology version")
        verbose_name_plural = _("methodology versions")
        constraints = [models.UniqueConstraint(fields=["stage", "number"], name="methodology_version_unique_number_per_stage")]

    def __str__(self) -> str:
        return _("Version %(number)s") % {"number": self.number}

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A published methodology version cannot be changed.")
        super().save(*args, **kwargs)


class VersionQuestion(models.Model):
    """A question a version asks: keeps the question row, which answers point at, from being deleted."""

    version = models.ForeignKey(MethodologyVersion, on_delete=models.CASCADE)
    question = models.ForeignKey(EvaluationQuestion, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("question of a methodology version")
        verbose_name_plural = _("questions of a methodology version")
        constraints = [models.UniqueConstraint(fields=["version", "question"], name="version_question_once")]

    def __str__(self) -> str:
        return f"{self.version}: {self.question}"
