"""What the service remembers about a person beyond Django's user: the language they read it in."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LanguagePreference(models.Model):
    """The interface language a signed-in person chose, kept across browsers and devices.

    Anonymous visitors have only the language cookie; on sign-in the stored
    choice wins and is put in the cookie, which is what each request reads
    (no query per request).
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="language_preference")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("language preference")
        verbose_name_plural = _("language preferences")

    def __str__(self) -> str:
        return f"{self.user} – {self.language}"
