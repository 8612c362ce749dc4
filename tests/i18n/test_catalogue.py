"""The Chinese catalogue (a gettext PO file): complete, consistent with the code and with
the glossary, and readable by gettext tools."""

from __future__ import annotations

import re
import tomllib

import pytest

import i18n
from i18n.extract import ROOT, TEMPLATE, problems, read, template

CATALOGUE = read("zh")
GLOSSARY = tomllib.loads((ROOT / "assets/i18n/glossary.toml").read_text(encoding="utf-8"))
# texts that read the same in both languages (numbers, arrows, names)
SAME_IN_BOTH = {"224 → 112", "Keras", "C_out", "output_padding", "🔢 0, 1, 2, …"}
# values a translation may leave out: English grammar ("a" or "an")
GRAMMAR_ONLY = {"article"}
SHOWN = template()


def key(message) -> tuple:
    return (message.context, message.id)


ENTRIES = {key(m): m for m in CATALOGUE if m.id}


def forms(message) -> list[tuple[str, str]]:
    """(English, translation) pairs of an entry: one, or each plural form against the
    English plural (a language with one form, like Chinese, uses it for every count)."""
    if isinstance(message.id, tuple):
        return [(message.id[-1], text) for text in message.string]
    return [(message.id, message.string)]


def test_no_text_is_hidden_from_the_catalogue():
    assert not problems(), problems()


def test_every_text_the_app_shows_has_a_confirmed_translation():
    missing = [
        f"{m.locations[0][0]}:{m.locations[0][1]}: {str(m.id)[:60]!r}"
        for m in SHOWN
        if m.id
        and (
            key(m) not in ENTRIES
            or ENTRIES[key(m)].fuzzy
            or not all(text for _, text in forms(ENTRIES[key(m)]))
        )
    ]
    assert not missing, "\n".join(missing)


def test_the_catalogue_holds_no_text_the_app_no_longer_shows():
    shown = {key(m) for m in SHOWN if m.id}
    stale = [entry for entry in ENTRIES if entry not in shown]
    assert not stale, stale
    assert not CATALOGUE.obsolete, list(CATALOGUE.obsolete)


def test_the_template_is_what_the_code_shows():
    """``assets/i18n/messages.pot`` (what a translator starts a new language from) is the
    extraction of today's code: ``python -m i18n.extract`` writes it."""
    from babel.messages.pofile import read_po

    with TEMPLATE.open("rb") as pot:
        written = {key(m) for m in read_po(pot) if m.id}
    assert written == {key(m) for m in SHOWN if m.id}


def test_the_catalogue_says_chinese_has_one_plural_form():
    assert CATALOGUE.num_plurals == 1 and CATALOGUE.locale.language == "zh"


@pytest.mark.parametrize("entry", sorted(ENTRIES, key=str), ids=lambda e: str(e[1])[:40])
def test_each_translation_fills_the_same_values_and_says_something(entry):
    message = ENTRIES[entry]
    for source, translated in forms(message):
        assert translated.strip(), "empty"
        assert i18n.placeholders(translated) == i18n.placeholders(source) - (
            GRAMMAR_ONLY - i18n.placeholders(translated)
        )
        assert not re.search(r"\{v\d\}", source), "a value is named, not numbered"
        if source not in SAME_IN_BOTH:
            assert translated != source, "not translated"
        # code spans and markup stay as they are
        code = sorted(re.findall(r"`[^`]+`", source))
        assert sorted(re.findall(r"`[^`]+`", translated)) == code
        assert translated.count("**") == source.count("**")


@pytest.mark.parametrize(
    ("term", "entry"),
    [(term, entry) for term, entry in GLOSSARY["terms"].items() if entry.get("check")],
)
def test_the_glossary_terms_are_used(term, entry):
    # a term naming a parameter with its value ("padding {padding!r} must …") is code
    pattern = re.compile(rf"(?<!\{{)\b{re.escape(term)}\b(?!\s*[{{'])", re.IGNORECASE)
    for source, translated in (pair for m in ENTRIES.values() for pair in forms(m)):
        # code (`padding='causal'`, padding='same', stride=2) and values are not prose
        plain = re.sub(r"`[^`]+`|\w+='[^']*'|\w+=\S+", "", source)
        if pattern.search(plain):
            assert entry["zh"].split("（")[0] in translated, (term, source[:60], translated)


def test_a_text_without_translation_stays_english_and_values_are_filled():
    i18n.use("zh")
    try:
        assert i18n.t("Home") == "首页"
        assert i18n.t("not in the catalogue {n}", n=3) == "not in the catalogue 3"
    finally:
        i18n.use("en")
    assert i18n.t("Home") == "Home"


def test_a_count_chooses_the_english_form_and_chinese_has_one():
    assert i18n.nt("{count} step", "{count} steps", 1) == "1 step"
    assert i18n.nt("{count} step", "{count} steps", 3) == "3 steps"
    plural = next((m for m in ENTRIES.values() if isinstance(m.id, tuple)), None)
    if plural is not None:
        i18n.use("zh")
        try:
            singular, english_plural = plural.id
            names = i18n.placeholders(english_plural) - {"count"}
            values = dict.fromkeys(names, "x")
            one = i18n.nt(singular, english_plural, 1, **values)
            many = i18n.nt(singular, english_plural, 5, **values)
            assert one.replace("1", "5") == many, "one form for every count"
        finally:
            i18n.use("en")


def test_sentences_join_as_each_language_writes_them():
    assert i18n.sentences("One.", "Two.") == "One. Two."
    assert i18n.bullets("a", "b") == "- a\n- b"
    i18n.use("zh")
    try:
        assert i18n.sentences("一。", "二。") == "一。二。"
    finally:
        i18n.use("en")
