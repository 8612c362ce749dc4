"""Sentences the engine writes for people: a template and its values.

``str()`` gives the English; an interface in another language translates ``template`` and
fills in the same ``values`` (the app's ``i18n.say``). :class:`ConvConfigError` carries its
sentence the same way. :func:`counted` is a sentence whose words depend on a number ("1
cell", "3 cells"); :func:`N_` marks a sentence kept in a variable, for the catalogues.
"""

from __future__ import annotations


class Text:
    """A sentence as a template and its values: ``str()`` is the English, and an interface
    can say it in another language from ``template`` and ``values``."""

    def __init__(self, template: str, /, plural: str | None = None, **values: object) -> None:
        self.template = template
        self.plural = plural  # the template for a count other than 1 (see counted)
        self.values = values

    def __str__(self) -> str:
        template = self.plural if self.plural and self.values.get("count") != 1 else self.template
        return template.format(**self.values) if self.values else template

    def __repr__(self) -> str:
        return f"Text({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.template, self.plural, self.values) == (
            other.template,
            other.plural,
            other.values,
        )

    def __hash__(self) -> int:
        return hash((self.template, self.plural, tuple(sorted(self.values.items()))))

    def __contains__(self, text: str) -> bool:
        return text in str(self)


def counted(singular: str, plural: str, count: int, /, **values: object) -> Text:
    """A sentence whose words depend on ``count``: ``singular`` for 1, else ``plural`` (in
    English; another language has its own plural forms). ``count`` is one of its values."""
    return Text(singular, plural=plural, count=count, **values)


def N_(text: str) -> str:
    """Mark a sentence kept in a variable for the catalogues (an interface translates it
    where it shows it)."""
    return text
