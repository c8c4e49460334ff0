from django.conf import settings
from django.utils.translation import gettext

from stage1.core.languages import language_links


def service(request):
    """Expose the service name, phase and feedback address to every template.

    `feedback_url` is the configured address, or None: the banner then links
    to the service's own "Give feedback" page.
    """
    return {
        "service_name": settings.SERVICE_NAME,
        "service_phase": settings.SERVICE_PHASE,
        "feedback_url": settings.STAGE1_FEEDBACK_URL,
    }


def languages(request):
    """The header's language navigation: every language, named in itself, the current one marked."""
    return {"language_links": language_links(request)}


def govuk_frontend_texts() -> dict:
    """What GOV.UK Frontend's scripts write into the page, in the reader's language (passed to initAll).

    %{count} is GOV.UK Frontend's placeholder; plural forms follow the page's
    lang through the browser's Intl.PluralRules ("many" is French and
    Portuguese for very large numbers).
    """
    under = {"one": gettext("You have %{count} character remaining"), "other": gettext("You have %{count} characters remaining")}
    over = {"one": gettext("You have %{count} character too many"), "other": gettext("You have %{count} characters too many")}
    words_under = {"one": gettext("You have %{count} word remaining"), "other": gettext("You have %{count} words remaining")}
    words_over = {"one": gettext("You have %{count} word too many"), "other": gettext("You have %{count} words too many")}
    for forms in (under, over, words_under, words_over):
        forms["many"] = forms["other"]
    return {
        "characterCount": {
            "i18n": {
                "charactersUnderLimit": under,
                "charactersAtLimit": gettext("You have 0 characters remaining"),
                "charactersOverLimit": over,
                "wordsUnderLimit": words_under,
                "wordsAtLimit": gettext("You have 0 words remaining"),
                "wordsOverLimit": words_over,
                "textareaDescription": {
                    "other": gettext("You can enter up to %{count} characters"),
                    "one": gettext("You can enter up to %{count} character"),
                },
            }
        },
        "accordion": {
            "i18n": {
                "hideAllSections": gettext("Hide all sections"),
                "hideSection": gettext("Hide"),
                "hideSectionAriaLabel": gettext("Hide this section"),
                "showAllSections": gettext("Show all sections"),
                "showSection": gettext("Show"),
                "showSectionAriaLabel": gettext("Show this section"),
            }
        },
    }


def frontend(request):
    return {"govuk_frontend_texts": govuk_frontend_texts}
