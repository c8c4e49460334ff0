"""Django's month names, marked again here so that our catalogues can correct them.

Django's own Portuguese catalogue capitalises month names; European
Portuguese writes them in lower case ("2 de dezembro de 2026"). Our
catalogues come first (LOCALE_PATHS), but makemessages keeps only the
strings our code marks: these lines are that mark. Nothing imports this
module.
F (the month in "December 2026") is Django's plain "January"…; E (the month
inside a full date where a language declines it) is "alt. month".
"""

from django.utils.translation import gettext_lazy, pgettext_lazy

MONTH_NAMES = [
    gettext_lazy("January"),
    gettext_lazy("February"),
    gettext_lazy("March"),
    gettext_lazy("April"),
    gettext_lazy("May"),
    gettext_lazy("June"),
    gettext_lazy("July"),
    gettext_lazy("August"),
    gettext_lazy("September"),
    gettext_lazy("October"),
    gettext_lazy("November"),
    gettext_lazy("December"),
]
ALTERNATIVE_MONTH_NAMES = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
