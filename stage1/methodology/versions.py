"""Published methodology versions: their frozen content, read back as objects, and compared.

A version's content is plain JSON, written once when it is published. Every
text is frozen in all its languages, as a mapping from language code to text
(a language nobody has translated yet is left out):

    {"stage": {"number", "slug", "title": {"en": ..., "pt": ...}},
     "rules": [{"slug", "number", "title": {lang: text}, "summary": {...}, "guidance": {...},
                "actions": [{lang: text}, ...]}],
     "questions": [{"id", "rule", "order", "text": {lang: text}, "hint": {...}, "framework", "key"}]}

Reading a version gives each text in the active language, or in English when
that language has none (settings.MODELTRANSLATION_FALLBACK_LANGUAGES), the
way the live rows read through django-modeltranslation.

A question's id is the EvaluationQuestion primary key that answers point at,
so an answer stays attached to the question it answered in every version.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db.models import Prefetch
from modeltranslation import settings as translation_settings
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order

from stage1.methodology.markdown import render_markdown
from stage1.methodology.models import Action, EvaluationQuestion, MethodologyVersion, Stage

LANGUAGES = tuple(translation_settings.AVAILABLE_LANGUAGES)
DEFAULT_LANGUAGE = translation_settings.DEFAULT_LANGUAGE


def texts_of(obj, field_name: str) -> dict[str, str]:
    """Every language's text of one translated field of a live row, untranslated languages left out."""
    texts = {lang: getattr(obj, build_localized_fieldname(field_name, lang)) for lang in LANGUAGES}
    return {lang: text for lang, text in texts.items() if text}


def in_language(texts: Mapping[str, str] | str | None, language: str | None = None) -> str:
    """The text in `language` (default: the active one), else in its fallback languages, else ""."""
    if isinstance(texts, str):  # content frozen before the method had languages: English
        return texts
    texts = texts or {}
    order = resolution_order(language or get_language(), translation_settings.FALLBACK_LANGUAGES)
    return next((texts[lang] for lang in order if texts.get(lang)), "")


def _as_texts(value: Mapping[str, str] | str | None) -> dict[str, str]:
    if isinstance(value, str):
        return {DEFAULT_LANGUAGE: value} if value else {}
    return dict(value or {})


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
    """The stage's live rules and questions, every text in every language, in the form a version stores them."""
    rules = list(
        stage.rules.order_by("number").prefetch_related(
            Prefetch("actions", queryset=Action.objects.order_by("order", "id")),
            Prefetch("questions", queryset=EvaluationQuestion.objects.filter(retired=False).order_by("order", "id")),
        )
    )
    return {
        "stage": {"number": stage.number, "slug": stage.slug, "title": texts_of(stage, "title")},
        "rules": [
            {
                "slug": rule.slug,
                "number": rule.number,
                "title": texts_of(rule, "title"),
                "summary": texts_of(rule, "summary"),
                "guidance": texts_of(rule, "guidance"),
                "actions": [texts_of(action, "text") for action in rule.actions.all()],
            }
            for rule in rules
        ],
        "questions": [
            {
                "id": q.pk,
                "rule": rule.slug,
                "order": q.order,
                "text": texts_of(q, "text"),
                "hint": texts_of(q, "hint"),
                "framework": q.framework,
                "key": q.key,
            }
            for rule in rules
            for q in rule.questions.all()
        ],
    }


def frozen_rules(content: dict, *, keys: dict[int, str] | None = None) -> list[tuple[FrozenRule, list[FrozenQuestion]]]:
    """The content's rules in order, each with its questions in order, in the active language.

    keys: question id → data check key, for versions frozen before questions had keys
    (a key is not wording: it may be read from the live question).
    """
    rules = [
        FrozenRule(
            r["slug"],
            r["number"],
            in_language(r["title"]),
            in_language(r.get("summary")),
            in_language(r.get("guidance")),
            tuple(in_language(action) for action in r.get("actions", ())),
        )
        for r in sorted(content.get("rules", []), key=lambda r: r["number"])
    ]
    questions = {rule.slug: [] for rule in rules}
    by_slug = {rule.slug: rule for rule in rules}
    for q in sorted(content.get("questions", []), key=lambda q: (q["order"], q["id"])):
        rule = by_slug[q["rule"]]
        key = q.get("key") or (keys or {}).get(q["id"], "")
        questions[rule.slug].append(
            FrozenQuestion(q["id"], rule, q["order"], in_language(q["text"]), in_language(q.get("hint")), q.get("framework", ""), key)
        )
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
    """What changes for a team going from one version's content to another's.

    A question is reworded, and a rule's guidance or actions changed, when its
    text changed in any language both versions have: a Portuguese team reads
    the Portuguese wording. A translation added or removed is not a rewording
    (the reader had the English text before); it is listed in `translated`.
    """

    new: list[FrozenQuestion] = field(default_factory=list)
    reworded: list[tuple[FrozenQuestion, FrozenQuestion]] = field(default_factory=list)  # (before, after)
    dropped: list[FrozenQuestion] = field(default_factory=list)
    guidance_changed: list[FrozenRule] = field(default_factory=list)
    translated: list[str] = field(default_factory=list)  # languages, other than English, whose text changed in any way

    @property
    def unchanged(self) -> bool:
        """Nothing a team is asked or told changes (a translation may have been added)."""
        return not (self.new or self.reworded or self.dropped or self.guidance_changed)


def _questions_by_id(content: dict) -> dict[int, FrozenQuestion]:
    return {q.pk: q for _rule, questions in frozen_rules(content) for q in questions}


def _reworded(before, after) -> bool:
    old, new = _as_texts(before), _as_texts(after)
    return any(old[lang] != new[lang] for lang in old.keys() & new.keys())


def _rule_changed(before: dict, after: dict) -> bool:
    old_actions, new_actions = before.get("actions", []), after.get("actions", [])
    return (
        _reworded(before.get("guidance"), after.get("guidance"))
        or len(old_actions) != len(new_actions)
        or any(_reworded(old, new) for old, new in zip(old_actions, new_actions, strict=True))
    )


def _texts_in(content: dict, language: str) -> dict[tuple, str]:
    """Every text the content has in one language, by where it sits."""
    found = {("stage", "title"): _as_texts(content.get("stage", {}).get("title")).get(language)}
    for rule in content.get("rules", []):
        for name in ("title", "summary", "guidance"):
            found["rule", rule["slug"], name] = _as_texts(rule.get(name)).get(language)
        for index, action in enumerate(rule.get("actions", [])):
            found["action", rule["slug"], index] = _as_texts(action).get(language)
    for question in content.get("questions", []):
        for name in ("text", "hint"):
            found["question", question["id"], name] = _as_texts(question.get(name)).get(language)
    return {where: text for where, text in found.items() if text}


def compare(before: dict, after: dict) -> Comparison:
    """Questions are matched by id: the same question reworded is "reworded", not dropped and new."""
    old, new = _questions_by_id(before), _questions_by_id(after)
    old_raw = {q["id"]: q for q in before.get("questions", [])}
    new_raw = {q["id"]: q for q in after.get("questions", [])}
    old_rules = {rule["slug"]: rule for rule in before.get("rules", [])}
    new_rules = {rule["slug"]: rule for rule in after.get("rules", [])}
    return Comparison(
        new=[q for pk, q in new.items() if pk not in old],
        reworded=[(old[pk], q) for pk, q in new.items() if pk in old and _reworded(old_raw[pk]["text"], new_raw[pk]["text"])],
        dropped=[q for pk, q in old.items() if pk not in new],
        guidance_changed=[
            rule
            for rule, _questions in frozen_rules(after)
            if rule.slug in old_rules and _rule_changed(old_rules[rule.slug], new_rules[rule.slug])
        ],
        translated=[lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE and _texts_in(before, lang) != _texts_in(after, lang)],
    )
