"""Which methodology texts are written per language (django-modeltranslation).

Each field listed here gets one column per language in settings.LANGUAGES
(title_en, title_pt, ...). Reading ``rule.title`` gives the reader's language,
or English when that translation is missing. Slugs, numbers, links and the
names of the frameworks questions are grounded in are not translated.
"""

from modeltranslation.translator import TranslationOptions, register

from stage1.methodology.models import Action, EvaluationQuestion, MethodologyVersion, Rule, Stage, UsefulMaterial


@register(Stage)
class StageTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Rule)
class RuleTranslation(TranslationOptions):
    fields = ("title", "summary", "guidance")


@register(Action)
class ActionTranslation(TranslationOptions):
    fields = ("text",)


@register(UsefulMaterial)
class UsefulMaterialTranslation(TranslationOptions):
    fields = ("name", "description")


@register(EvaluationQuestion)
class EvaluationQuestionTranslation(TranslationOptions):
    fields = ("text", "hint")


# Teams read a version's notes when they decide whether to move to it.
@register(MethodologyVersion)
class MethodologyVersionTranslation(TranslationOptions):
    fields = ("notes",)
