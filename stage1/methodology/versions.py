"""Published methodology versions: their frozen content, read back as objects, and compared.

A version's content is plain JSON, written once when it is published:

    {"stage": {"number", "slug", "title"},
     "rules": [{"slug", "number", "title", "summary", "guidance", "actions": [text, ...]}],
     "questions": [{"id", "rule", "order", "text", "hint", "framework", "key"}]}

A question's id is the EvaluationQuestion primary key that answers point at,
so an answer stays attached to the question it answered in every version.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from stage1.methodology.markdown import render_markdown
from stage1.methodology.models import Action, EvaluationQuestion, MethodologyVersion, Stage


@dataclass(frozen=True)
class FrozenRule:
    """A rule as a version recorded it; reads like a Rule in templates."""

    slug: str
    number: int
    title: str
    summary: str = ""
    guidance: str = ""
    actions: tuple[str, ...] = ()

    @property
    def guidance_html(self):
        return render_markdown(self.guidance)


@dataclass(frozen=True)
class FrozenQuestion:
    """A question as a version recorded it; reads like an EvaluationQuestion in templates and forms."""

    pk: int
    rule: FrozenRule
    order: int
    text: str
    hint: str = ""
    framework: str = ""
    key: str = ""


def stage_content(stage: Stage) -> dict:
    """The stage's live rules and questions, in the form a version stores them."""
    rules = list(
        stage.rules.order_by("number").prefetch_related(
            Prefetch("actions", queryset=Action.objects.order_by("order", "id")),
            Prefetch("questions", queryset=EvaluationQuestion.objects.filter(retired=False).order_by("order", "id")),
        )
    )
    return {
        "stage": {"number": stage.number, "slug": stage.slug, "title": stage.title},
        "rules": [
            {
                "slug": rule.slug,
                "number": rule.number,
                "title": rule.title,
                "summary": rule.summary,
                "guidance": rule.guidance,
                "actions": [action.text for action in rule.actions.all()],
            }
            for rule in rules
        ],
        "questions": [
            {"id": q.pk, "rule": rule.slug, "order": q.order, "text": q.text, "hint": q.hint, "framework": q.framework, "key": q.key}
            for rule in rules
            for q in rule.questions.all()
        ],
    }


def frozen_rules(content: dict, *, keys: dict[int, str] | None = None) -> list[tuple[FrozenRule, list[FrozenQuestion]]]:
    """The content's rules in order, each with its questions in order.

    keys: question id → data check key, for versions frozen before questions had keys
    (a key is not wording: it may be read from the live question).
    """
    rules = [
        FrozenRule(r["slug"], r["number"], r["title"], r.get("summary", ""), r.get("guidance", ""), tuple(r.get("actions", ())))
        for r in sorted(content.get("rules", []), key=lambda r: r["number"])
    ]
    questions = {rule.slug: [] for rule in rules}
    by_slug = {rule.slug: rule for rule in rules}
    for q in sorted(content.get("questions", []), key=lambda q: (q["order"], q["id"])):
        rule = by_slug[q["rule"]]
        key = q.get("key") or (keys or {}).get(q["id"], "")
        questions[rule.slug].append(FrozenQuestion(q["id"], rule, q["order"], q["text"], q.get("hint", ""), q.get("framework", ""), key))
    return [(rule, questions[rule.slug]) for rule in rules]


def question_ids(content: dict) -> set[int]:
    return {q["id"] for q in content.get("questions", [])}


def latest_version(stage_number: int = 1) -> MethodologyVersion | None:
    return MethodologyVersion.objects.filter(stage__number=stage_number).order_by("-number").first()


def newer_version(current: MethodologyVersion | None, stage_number: int = 1) -> MethodologyVersion | None:
    """The latest version, if it is newer than `current` (None: the live methodology, older than any version)."""
    newest = latest_version(stage_number)
    return newest if newest is not None and (current is None or newest.number > current.number) else None


def live_content(stage_number: int = 1) -> dict:
    """What the admin holds now, published or not: empty if the stage does not exist."""
    stage = Stage.objects.filter(number=stage_number).first()
    return stage_content(stage) if stage else {"rules": [], "questions": []}


@dataclass
class Comparison:
    """What changes for a team going from one version's content to another's."""

    new: list[FrozenQuestion] = field(default_factory=list)
    reworded: list[tuple[FrozenQuestion, FrozenQuestion]] = field(default_factory=list)  # (before, after)
    dropped: list[FrozenQuestion] = field(default_factory=list)
    guidance_changed: list[FrozenRule] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not (self.new or self.reworded or self.dropped or self.guidance_changed)


def _questions_by_id(content: dict) -> dict[int, FrozenQuestion]:
    return {q.pk: q for _rule, questions in frozen_rules(content) for q in questions}


def compare(before: dict, after: dict) -> Comparison:
    """Questions are matched by id: the same question reworded is "reworded", not dropped and new."""
    old, new = _questions_by_id(before), _questions_by_id(after)
    old_rules = {rule.slug: rule for rule, _questions in frozen_rules(before)}
    return Comparison(
        new=[q for pk, q in new.items() if pk not in old],
        reworded=[(old[pk], q) for pk, q in new.items() if pk in old and old[pk].text != q.text],
        dropped=[q for pk, q in old.items() if pk not in new],
        guidance_changed=[
            rule
            for rule, _questions in frozen_rules(after)
            if rule.slug in old_rules and (old_rules[rule.slug].guidance, old_rules[rule.slug].actions) != (rule.guidance, rule.actions)
        ],
    )
