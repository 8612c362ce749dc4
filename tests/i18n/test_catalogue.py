"""The Chinese catalogue: complete, consistent with the code and with the glossary."""

from __future__ import annotations

import json
import re
import tomllib

import pytest

import i18n
from i18n.extract import ROOT, scan, texts

CATALOGUE = json.loads((ROOT / "assets/i18n/zh.json").read_text(encoding="utf-8"))
GLOSSARY = tomllib.loads((ROOT / "assets/i18n/glossary.toml").read_text(encoding="utf-8"))
# texts that read the same in both languages (numbers, arrows, names)
SAME_IN_BOTH = {"224 → 112", "Keras", "C_out", "output_padding", "🔢 0, 1, 2, …"}
# values a translation may leave out: English grammar ("a" or "an")
GRAMMAR_ONLY = {"article"}
SHOWN = texts()


def test_no_text_is_hidden_from_the_catalogue():
    _, problems = scan()
    assert not problems, problems


def test_every_text_the_app_shows_has_a_translation():
    missing = {text: place for text, place in SHOWN.items() if text not in CATALOGUE}
    assert not missing, "\n".join(f"{place}: {text[:60]!r}" for text, place in missing.items())


def test_the_catalogue_holds_no_text_the_app_no_longer_shows():
    stale = [text for text in CATALOGUE if text not in SHOWN]
    assert not stale, stale


@pytest.mark.parametrize("source", sorted(CATALOGUE))
def test_each_translation_fills_the_same_values_and_says_something(source):
    translated = CATALOGUE[source]
    assert translated.strip(), "empty"
    assert i18n.placeholders(translated) == i18n.placeholders(source) - (
        GRAMMAR_ONLY - i18n.placeholders(translated)
    )
    if source not in SAME_IN_BOTH:
        assert translated != source, "not translated"
    # code spans and markup stay as they are
    assert re.findall(r"`[^`]+`", translated) == re.findall(r"`[^`]+`", source) or (
        sorted(re.findall(r"`[^`]+`", translated)) == sorted(re.findall(r"`[^`]+`", source))
    )
    assert translated.count("**") == source.count("**")


@pytest.mark.parametrize(
    ("term", "entry"),
    [(term, entry) for term, entry in GLOSSARY["terms"].items() if entry.get("check")],
)
def test_the_glossary_terms_are_used(term, entry):
    # a term naming a parameter with its value ("padding {padding!r} must …") is code
    pattern = re.compile(rf"(?<!\{{)\b{re.escape(term)}\b(?!\s*[{{'])", re.IGNORECASE)
    for source, translated in CATALOGUE.items():
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
