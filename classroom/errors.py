"""The class's refusals, each a sentence an interface can say in the viewer's language."""

from __future__ import annotations


class ClassError(ValueError):
    """A request the class refuses, explained in one sentence.

    Raised as ``ClassError("the class {code} has ended", code="7KX2MQ")``: the message is
    the sentence with its values, and ``template`` and ``values`` let an interface say it
    in another language (as :class:`conv_engine.ConvConfigError` does).
    """

    def __init__(self, template: str, /, **values: object) -> None:
        self.template = template
        self.values = values
        super().__init__(template.format(**values) if values else template)


class NotTeacher(ClassError):
    """A change of the class without the teacher key (HTTP 403)."""


class NoClass(ClassError):
    """No class has this code, or it has ended (HTTP 404)."""
