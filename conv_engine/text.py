"""Sentences the engine writes for people: a template and its values.

``str()`` gives the English; an interface in another language translates ``template`` and
fills in the same ``values`` (the app's ``i18n.say``). :class:`ConvConfigError` carries its
sentence the same way.
"""

from __future__ import annotations


class Text:
    """A sentence as a template and its values: ``str()`` is the English, and an interface
    can say it in another language from ``template`` and ``values``."""

    def __init__(self, template: str, /, **values: object) -> None:
        self.template = template
        self.values = values

    def __str__(self) -> str:
        return self.template.format(**self.values) if self.values else self.template

    def __repr__(self) -> str:
        return f"Text({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.template, self.values) == (
            other.template,
            other.values,
        )

    def __hash__(self) -> int:
        return hash((self.template, tuple(sorted(self.values.items()))))

    def __contains__(self, text: str) -> bool:
        return text in str(self)
