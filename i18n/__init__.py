"""The app's two languages: English, the source text, and 中文, a gettext catalogue.

Every sentence a user reads is written in English in the code and passed through
:func:`t` (:func:`nt` where a number decides the words, :func:`pt` where one English word
means two things); ``assets/i18n/zh.po`` — a gettext catalogue any PO editor opens — gives
each its Chinese. ``python -m i18n.extract`` finds the texts with Babel and updates the
catalogue. Values are named and filled in after the lookup (``t("{n} steps", n=3)``), so
both languages use the same functions for them. The terms follow
``assets/i18n/glossary.toml`` (the article's words).

The language of the running page is a context variable: the Streamlit side sets it once per
run (:func:`use`) and the figure builders of ``viz`` read it without knowing about Streamlit.
"""

from __future__ import annotations

import functools
import gettext
import io
import string
from contextvars import ContextVar
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES = ("en", "zh")
NAMES = {"en": "English", "zh": "中文"}
SOURCE = "en"
CATALOGUES = Path(__file__).resolve().parents[1] / "assets" / "i18n"

_language: ContextVar[str] = ContextVar("language", default=SOURCE)


def use(language: str) -> None:
    """Make ``language`` the language of what this run draws (unknown ones: English)."""
    _language.set(language if language in LANGUAGES else SOURCE)


def language() -> str:
    """The language of the running page."""
    return _language.get()


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """``language``'s catalogue (``assets/i18n/<language>.po``, read by Babel) as Python's
    gettext reads it: none for the source language. Fuzzy and empty entries stay English."""
    if language == SOURCE:
        return gettext.NullTranslations()
    with (CATALOGUES / f"{language}.po").open("rb") as po:
        catalog = read_po(po, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def t(text: str, /, **values: object) -> str:
    """``text`` in the page's language, with ``values`` filled into its ``{placeholders}``.

    A text without a translation stays English (the completeness test lists it).
    """
    translated = translations(language()).gettext(text)
    return translated.format(**values) if values else translated


def pt(context: str, text: str, /, **values: object) -> str:
    """:func:`t` for a text whose words mean different things in different places:
    ``context`` tells the translator which (gettext's ``msgctxt``)."""
    translated = translations(language()).pgettext(context, text)
    return translated.format(**values) if values else translated


def nt(singular: str, plural: str, count: int, /, **values: object) -> str:
    """The words for ``count`` things in the page's language (gettext's plural forms):
    ``nt("{count} step", "{count} steps", n)``; ``count`` is filled in too."""
    translated = translations(language()).ngettext(singular, plural, count)
    return translated.format(count=count, **values)


# between two sentences: a space in English, none after Chinese punctuation (。)
SENTENCE_GAP = {"en": " ", "zh": ""}


def sentences(*texts: str) -> str:
    """Sentences translated one by one (a catalogue entry is a sentence or two), joined
    into a paragraph as the page's language writes one."""
    return SENTENCE_GAP.get(language(), " ").join(texts)


def bullets(*texts: str) -> str:
    """Translated items as a Markdown list, one item per line."""
    return "\n".join(f"- {text}" for text in texts)


def say(sentence: object) -> str:
    """A sentence made elsewhere, in the page's language: the engine's errors
    (``ConvConfigError``) and exercises (``Text``) carry their template and values; anything
    else is shown as it is."""
    template = getattr(sentence, "template", None)
    if not isinstance(template, str):
        return str(sentence)
    # a sentence inside a sentence ("The rule agrees: {rule}.") is said in the same language
    values = {
        name: say(value) if hasattr(value, "template") else value
        for name, value in getattr(sentence, "values", {}).items()
    }
    plural = getattr(sentence, "plural", None)
    if plural is not None:  # the words depend on a number ("{count} cell" / "{count} cells")
        return nt(template, plural, values.pop("count"), **values)
    return t(template, **values)


def N_(text: str) -> str:
    """Mark ``text`` for translation where it is defined (data such as page titles); the
    code that shows it passes it through :func:`t`."""
    return text


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a text fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
