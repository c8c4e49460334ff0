"""Every string people read is marked for translation, and every catalogue translates all of them.

Four checks: each catalogue (pt, fr, el) has no untranslated and no fuzzy
entry; extracting the strings from the code again finds none the catalogues
lack; templates have no text outside {% translate %} / {% blocktranslate %};
Python code hands no bare string to a label, a hint, a message or an error,
and translates nothing at import time (which would freeze it in one language).
"""

import ast
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.template.base import Lexer, TokenType

ROOT = Path(settings.BASE_DIR)
LOCALE = ROOT / "locale"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "en"]
CATALOGUE = "LC_MESSAGES/django.po"
# Where the strings are: makemessages is told to look nowhere else.
SOURCES = ("stage1", "templates")
MAKEMESSAGES_IGNORE = ["tests", "bench", "static", "frontend", "node_modules", ".venv", "test-artifacts", "staticfiles"]


def _entries(*msgattrib_args: str, catalogue: Path) -> list[str]:
    """The msgids msgattrib selects (the header entry, msgid "", excluded)."""
    out = subprocess.run(["msgattrib", *msgattrib_args, "--no-wrap", str(catalogue)], capture_output=True, text=True, check=True).stdout
    ids = re.findall(r'^msgid "(.*)"$', out, re.M)
    return [i for i in ids if i]


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_entry_of_the_catalogue_is_translated_and_none_is_fuzzy(language):
    catalogue = LOCALE / language / CATALOGUE
    untranslated = _entries("--untranslated", "--no-obsolete", catalogue=catalogue)
    fuzzy = _entries("--only-fuzzy", "--no-obsolete", catalogue=catalogue)
    assert not untranslated, f"{len(untranslated)} untranslated in {language}, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language}, e.g. {fuzzy[:5]}"


def test_the_catalogues_hold_every_string_the_code_marks(tmp_path, settings):
    """makemessages over a copy of the catalogues adds nothing: no marked string is missing from them.

    It runs in a directory of links to the sources with a copy of locale/,
    so the real catalogues are never touched.
    """
    for name in SOURCES:
        (tmp_path / name).symlink_to(ROOT / name)
    shutil.copytree(LOCALE, tmp_path / "locale")
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        call_command(
            "makemessages", locale=[*TRANSLATED, "en"], symlinks=True, ignore_patterns=MAKEMESSAGES_IGNORE, no_obsolete=True, verbosity=0
        )
    finally:
        os.chdir(here)
    for language in [*TRANSLATED, "en"]:
        extracted = tmp_path / "locale" / language / CATALOGUE
        committed = LOCALE / language / CATALOGUE
        new = set(_entries("--no-obsolete", catalogue=extracted)) - set(_entries("--no-obsolete", catalogue=committed))
        assert not new, f"{len(new)} strings missing from locale/{language} (run makemessages and translate them): {sorted(new)[:5]}"
        if language != "en":
            assert not _entries("--untranslated", "--no-obsolete", catalogue=extracted), f"locale/{language} lacks translations"


# --- Templates -----------------------------------------------------------------------------------

# Attributes a person hears or reads.
READ_ATTRIBUTES = re.compile(r'\b(aria-label|aria-description|aria-roledescription|title|alt|placeholder)\s*=\s*"([^"]*)"')
UNREAD_BLOCKS = {"bodyclass"}  # Django admin's block of CSS class names
SKIPPED = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans", "comment": "endcomment", "verbatim": "endverbatim"}
WORD = re.compile(r"[^\W\d_]{2}")


def untranslated_text(source: str) -> list[str]:
    """Text of a template that reaches the reader without going through a catalogue.

    Template tags and variables become a NUL each, so that tags cut by them
    stay whole; then scripts, styles, comments, tags and entities go and
    what is left must have no word.
    """
    parts: list[str] = []
    closing = None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            bits = token.contents.split()
            word = bits[0] if bits else ""
            if closing and word == closing:
                closing = None
            elif not closing and word in SKIPPED:
                closing = SKIPPED[word]
            elif not closing and word == "block" and len(bits) > 1 and bits[1] in UNREAD_BLOCKS:
                closing = "endblock"
            parts.append("\0")
        elif token.token_type == TokenType.TEXT and not closing:
            parts.append(token.contents)
        else:
            parts.append("\0")
    text = "".join(parts)
    found = [f'{name}="{value}"' for name, value in READ_ATTRIBUTES.findall(text) if WORD.search(value)]
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text)
    text = re.sub(r"&[a-z]+;|&#\d+;", " ", text)
    found += [line.strip() for line in text.splitlines() if WORD.search(line)]
    return found


def test_the_check_finds_bare_text_where_it_is():
    assert untranslated_text('<p class="x">{{ a }} Hello</p>') == ["\0 Hello"]
    assert untranslated_text('<a aria-label="Close" href="{% url "x" %}">{% translate "Go" %}</a>') == ['aria-label="Close"']
    assert untranslated_text("{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}<!-- note --><b>{% translate 'x' %}</b>") == []


TEMPLATES = sorted(p for p in (ROOT / "templates").rglob("*") if p.is_file())


@pytest.mark.parametrize("template", TEMPLATES, ids=[str(p.relative_to(ROOT)) for p in TEMPLATES])
def test_templates_have_no_text_outside_the_catalogues(template):
    assert untranslated_text(template.read_text()) == []


# --- Python --------------------------------------------------------------------------------------

LAZY = {"gettext_lazy", "ngettext_lazy", "pgettext_lazy", "npgettext_lazy", "format_lazy"}
EAGER = {"gettext", "ngettext", "pgettext", "npgettext"}
# Keyword arguments whose value people read.
READ_KEYWORDS = {"label", "help_text", "verbose_name", "verbose_name_plural", "empty_label", "description", "empty_value_display"}
MESSAGE_FUNCTIONS = {"success", "error", "info", "warning", "add_message"}


def _aliases(tree: ast.Module) -> dict[str, str]:
    """Local name → gettext function, from `from django.utils.translation import gettext_lazy as _`."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            for alias in node.names:
                names[alias.asname or alias.name] = alias.name
    return names


def _is_text(node) -> bool:
    """A literal a person would read: a string (or f-string) with a word in it."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(WORD.search(node.value))
    return isinstance(node, ast.JoinedStr)


def python_problems(source: str) -> list[str]:
    tree = ast.parse(source)
    aliases = _aliases(tree)
    problems = []

    def call_name(node):
        if isinstance(node.func, ast.Name):
            return node.func.id
        if isinstance(node.func, ast.Attribute):
            return node.func.attr
        return ""

    # Translated at import time: the text is frozen in the language active then.
    def visit_import_time(body):
        for statement in body:
            if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                continue
            if isinstance(statement, ast.ClassDef):
                visit_import_time(statement.body)
                continue
            for node in ast.walk(statement):
                if isinstance(node, ast.Lambda | ast.FunctionDef | ast.AsyncFunctionDef):
                    break
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and aliases.get(node.func.id) in EAGER:
                    problems.append(f"line {node.lineno}: {node.func.id}() at import time; use the lazy form")

    visit_import_time(tree.body)

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = call_name(node)
        for keyword in node.keywords:
            if keyword.arg in READ_KEYWORDS and _is_text(keyword.value):
                problems.append(f"line {node.lineno}: {keyword.arg}= is not marked for translation")
        if name == "ValidationError" and node.args and _is_text(node.args[0]):
            problems.append(f"line {node.lineno}: ValidationError text is not marked for translation")
        if isinstance(node.func, ast.Attribute) and name in MESSAGE_FUNCTIONS and len(node.args) >= 2 and _is_text(node.args[-1]):
            problems.append(f"line {node.lineno}: messages.{name}() text is not marked for translation")
    # Choices: NAME = "value", "Label" in TextChoices/IntegerChoices.
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any(getattr(b, "attr", getattr(b, "id", "")).endswith("Choices") for b in node.bases):
            for statement in node.body:
                value = getattr(statement, "value", None)
                if isinstance(statement, ast.Assign) and isinstance(value, ast.Tuple) and len(value.elts) == 2 and _is_text(value.elts[1]):
                    problems.append(f"line {statement.lineno}: choice label is not marked for translation")
    return problems


def test_the_python_check_finds_what_it_looks_for():
    source = (
        "from django.utils.translation import gettext as _\n"
        "TITLE = _('Hello')\n"
        "def view():\n    return _('Fine here')\n"
        "class F:\n    name = forms.CharField(label='Your name')\n"
        "def clean():\n    raise ValidationError('Enter a name')\n"
        "def v(request):\n    messages.success(request, 'Saved')\n"
        "class Kind(models.TextChoices):\n    A = 'a', 'Apple'\n"
    )
    problems = python_problems(source)
    assert [p.split(":")[0] for p in problems] == ["line 2", "line 6", "line 8", "line 10", "line 12"]


PYTHON = sorted(p for p in (ROOT / "stage1").rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("module", PYTHON, ids=[str(p.relative_to(ROOT)) for p in PYTHON])
def test_python_marks_what_people_read(module):
    assert python_problems(module.read_text()) == []
