"""The texts the app shows, found in its source: what the catalogues must translate.

A text is the literal first argument of :func:`i18n.t` or :func:`i18n.N_`, or one of the
data fields that code passes through ``t`` later (a page's title, section, summary and
preset labels in ``ui/catalog.py``), or one of the scene renderer's words
(``static/scene_words.json``, read by the browser and by ``viz.scenes``). Run
``python -m i18n.extract`` to list what ``assets/i18n/zh.json`` lacks.
"""

from __future__ import annotations

import ast
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("app.py", "app_pages", "ui", "viz", "conv_engine")
# callable name → the positions of its arguments that are texts to translate; the engine's
# errors are templates too (shown through i18n.say)
TRANSLATED_ARGUMENTS = {
    "t": (0,),
    "N_": (0,),
    "PageInfo": (1, 4, 5),
    "Preset": (0,),
    "ConvConfigError": (0,),
    "Text": (0,),
}
ASSIGNED = {"refusal"}  # engine texts kept in a variable of this name (no error raised)
WORD_FILES = ("static/scene_words.json",)  # {key: English text} the renderer shows


@dataclass(frozen=True)
class Found:
    text: str
    place: str  # file:line


@dataclass(frozen=True)
class Problem:
    place: str
    reason: str


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _files() -> list[Path]:
    files: list[Path] = []
    for source in SOURCES:
        path = ROOT / source
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return files


def scan() -> tuple[list[Found], list[Problem]]:
    """Every text to translate, and every call that hides one (an f-string given to ``t``)."""
    found: list[Found] = []
    problems: list[Problem] = []
    for path in _files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                names = {target.id for target in node.targets if isinstance(target, ast.Name)}
                if names & ASSIGNED and isinstance(node.value.value, str):
                    found.append(Found(node.value.value, f"{path.relative_to(ROOT)}:{node.lineno}"))
            if not isinstance(node, ast.Call):
                continue
            positions = TRANSLATED_ARGUMENTS.get(_name(node.func) or "")
            if not positions:
                continue
            place = f"{path.relative_to(ROOT)}:{node.lineno}"
            for position in positions:
                if position >= len(node.args):
                    continue
                argument = node.args[position]
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    found.append(Found(argument.value, place))
                elif isinstance(argument, ast.JoinedStr):
                    problems.append(Problem(place, "an f-string: write {names} and pass values"))
    for name in WORD_FILES:
        words = json.loads((ROOT / name).read_text(encoding="utf-8"))
        found += [Found(text, f"{name}:{key}") for key, text in words.items()]
    return found, problems


def texts() -> dict[str, str]:
    """Each text once, with the first place it appears."""
    found, _ = scan()
    first: dict[str, str] = {}
    for item in found:
        first.setdefault(item.text, item.place)
    return first


def main() -> None:
    language = sys.argv[1] if len(sys.argv) > 1 else "zh"
    catalogue_path = ROOT / "assets" / "i18n" / f"{language}.json"
    catalogue = json.loads(catalogue_path.read_text(encoding="utf-8"))
    missing = {text: place for text, place in texts().items() if text not in catalogue}
    for text, place in missing.items():
        print(f"{place}: {json.dumps(text, ensure_ascii=False)}")
    print(f"{len(missing)} texts lack a {language} translation", file=sys.stderr)


if __name__ == "__main__":
    main()
