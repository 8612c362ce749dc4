"""The app's two languages: English, the source text, and 中文, a catalogue of data.

Every sentence a user reads is written in English in the code and passed through
:func:`t`; ``assets/i18n/zh.json`` maps each English text to its Chinese. Numbers are filled
in after the lookup (``t("{n} steps", n=3)``), so both languages use the same functions for
them. The terms follow ``assets/i18n/glossary.toml`` (the article's words).

The language of the running page is a context variable: the Streamlit side sets it once per
run (:func:`use`) and the figure builders of ``viz`` read it without knowing about Streamlit.
"""

from __future__ import annotations

import functools
import json
import string
from contextvars import ContextVar
from pathlib import Path

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
def catalogue(language: str) -> dict[str, str]:
    """English text → translation, for ``language`` (empty for the source language)."""
    if language == SOURCE:
        return {}
    path = CATALOGUES / f"{language}.json"
    entries = json.loads(path.read_text(encoding="utf-8"))
    return {source: text for source, text in entries.items() if not source.startswith("//")}


def t(text: str, /, **values: object) -> str:
    """``text`` in the page's language, with ``values`` filled into its ``{placeholders}``.

    A text without a translation stays English (the completeness test lists it).
    """
    translated = catalogue(language()).get(text, text)
    return translated.format(**values) if values else translated


def say(sentence: object) -> str:
    """A sentence made elsewhere, in the page's language: the engine's errors
    (``ConvConfigError``) and exercises (``Text``) carry their template and values; anything
    else is shown as it is."""
    template = getattr(sentence, "template", None)
    if not isinstance(template, str):
        return str(sentence)
    values = getattr(sentence, "values", {})
    # a sentence inside a sentence ("The rule agrees: {rule}.") is said in the same language
    return t(
        template,
        **{
            name: say(value) if hasattr(value, "template") else value
            for name, value in values.items()
        },
    )


def N_(text: str) -> str:
    """Mark ``text`` for translation where it is defined (data such as page titles); the
    code that shows it passes it through :func:`t`."""
    return text


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a text fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
