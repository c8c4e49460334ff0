"""How much of the method each language has: the texts still to translate.

A text is missing in a language when its English text is written and that
language's is empty (readers then get the English). Retired questions are
left out: they are no longer published. Published versions are frozen, so
only the live rows owners can still edit are counted.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from stage1.methodology.models import Action, EvaluationQuestion, Rule, Stage, UsefulMaterial
from stage1.methodology.versions import DEFAULT_LANGUAGE, LANGUAGES

# The parts of the method owners translate, each counted in one query.
PARTS = (Stage, Rule, Action, EvaluationQuestion, UsefulMaterial)
TRANSLATIONS = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)


def _fields(model) -> tuple[str, ...]:
    return tuple(translator.get_options_for_model(model).fields)


def _missing_text(field: str, language: str) -> Q:
    english, translated = build_localized_fieldname(field, DEFAULT_LANGUAGE), build_localized_fieldname(field, language)
    written = Q(**{f"{english}__isnull": False}) & ~Q(**{english: ""})
    empty = Q(**{f"{translated}__isnull": True}) | Q(**{translated: ""})
    return written & empty


def missing_in(model, language: str) -> Q:
    """Rows of `model` with at least one text missing in `language`."""
    condition = Q()
    for field in _fields(model):
        condition |= _missing_text(field, language)
    return condition


def _rows(model):
    return model.objects.filter(retired=False) if model is EvaluationQuestion else model.objects.all()


@dataclass(frozen=True)
class LanguageGaps:
    language: str
    by_model: dict  # model → number of its texts missing in the language

    @property
    def total(self) -> int:
        return sum(self.by_model.values())


def missing_translations() -> list[LanguageGaps]:
    """For each language but English, how many texts are missing, part by part (counts of texts, not rows)."""
    counts = {}
    for model in PARTS:
        aggregates = {
            f"{field}__{lang}": Count("pk", filter=_missing_text(field, lang)) for field in _fields(model) for lang in TRANSLATIONS
        }
        counts[model] = _rows(model).aggregate(**aggregates)
    return [
        LanguageGaps(lang, {model: sum(counts[model][f"{field}__{lang}"] for field in _fields(model)) for model in PARTS})
        for lang in TRANSLATIONS
    ]


def rules_missing(language: str):
    """Golden rules with a text missing in `language`, their own or one of their actions'."""
    actions = Action.objects.filter(missing_in(Action, language)).values("rule_id")
    return Q(missing_in(Rule, language)) | Q(pk__in=actions)
