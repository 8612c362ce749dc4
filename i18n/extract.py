"""The texts the app shows, found in its source by Babel: what the catalogues translate.

A text is the literal argument of :func:`i18n.t`, :func:`i18n.pt` (with its context),
:func:`i18n.nt` (singular and plural), :func:`i18n.N_` (data such as page titles, passed
through ``t`` where shown), or of the engine's and the class's sentences
(``ConvConfigError``, ``ClassError``, ``Text``, ``counted``, and the engine's own ``N_``);
and the scene player's words
(``static/scene_words.json``, read by the browser and by ``viz.scenes``).

    python -m i18n.extract          # write assets/i18n/messages.pot, update every <lang>.po

The update keeps every translation whose English is unchanged, marks a changed one fuzzy
(shown in English until a translator confirms it) and drops those the app no longer shows.
"""

from __future__ import annotations

import ast
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = ROOT / "assets" / "i18n"
TEMPLATE = CATALOGUES / "messages.pot"
SOURCES = ("app.py", "app_pages", "ui", "viz", "conv_engine", "classroom")
WORD_FILES = ("static/scene_words.json",)  # {key: English text} the player shows
# Babel's keywords: a function and the arguments that are texts (c: a context)
KEYWORDS = {
    "t": None,
    "N_": None,
    "pt": ((1, "c"), 2),
    "nt": (1, 2),
    "counted": (1, 2),
    "ConvConfigError": None,
    "ClassError": None,
    "Text": None,
}


@dataclass(frozen=True)
class Problem:
    place: str
    reason: str


def _files() -> list[Path]:
    files: list[Path] = []
    for source in SOURCES:
        path = ROOT / source
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return files


def extract_words(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """Babel's extraction method for a words file: each value, with its key as a comment."""
    words = json.loads(fileobj.read().decode("utf-8"))
    for line, (key, text) in enumerate(words.items(), start=2):
        yield line, None, text, [f"the scene player's word {key!r}"]


def template() -> Catalog:
    """Every text the app shows, with where it appears (Babel's extraction)."""
    catalog = Catalog(
        project="Convolution Playground",
        version="main",
        copyright_holder="the Convolution Playground authors",
        msgid_bugs_address="the project's issues",
        fuzzy=False,
    )
    sources = [("python", path) for path in _files()]
    sources += [(extract_words, ROOT / name) for name in WORD_FILES]
    for method, path in sources:
        place = str(path.relative_to(ROOT))
        for line, message, comments, context in extract_from_file(
            method, str(path), keywords=KEYWORDS, comment_tags=("Translators:",)
        ):
            catalog.add(message, locations=[(place, line)], auto_comments=comments, context=context)
    return catalog


def problems() -> list[Problem]:
    """Calls that hide their text from the catalogues (Babel skips them silently): an
    f-string given to ``t`` and its kin (write ``{names}`` and pass values), and a ``t``
    inside an f-string (Babel does not read f-strings: call it before)."""
    found = []
    for path in _files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inside = {
            id(n) for f in ast.walk(tree) if isinstance(f, ast.JoinedStr) for n in ast.walk(f)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in KEYWORDS:
                continue
            place = f"{path.relative_to(ROOT)}:{node.lineno}"
            if any(isinstance(a, ast.JoinedStr) for a in node.args):
                found.append(Problem(place, "an f-string given to t"))
            literal = node.args and isinstance(node.args[0], ast.Constant)
            if id(node) in inside and literal:
                found.append(Problem(place, "t of a text inside an f-string"))
    return found


def read(language: str) -> Catalog:
    with (CATALOGUES / f"{language}.po").open("rb") as po:
        return read_po(po, locale=language)


def write(catalog: Catalog, path: Path) -> None:
    with path.open("wb") as out:
        write_po(out, catalog, width=100, sort_output=False, omit_header=False)


def main() -> None:
    pot = template()
    write(pot, TEMPLATE)
    for path in sorted(CATALOGUES.glob("*.po")):
        catalog = read(path.stem)
        catalog.update(pot, no_fuzzy_matching=False)
        catalog.obsolete.clear()  # what the app no longer shows goes
        write(catalog, path)
        missing = [m for m in catalog if m.id and (not m.string or m.fuzzy)]
        print(f"{path.name}: {len(missing)} texts to translate or confirm", file=sys.stderr)


if __name__ == "__main__":
    main()
