"""Exercises: predict, then reveal. Question sets drawn from a seed, answered by the engine.

A set is ``(topic, count, seed)``: the same three give the same questions on every machine
(NumPy's PCG64 generator, one stream per question), so a link reproduces a set. Every
answer is computed by the engine's own functions (sizes, traces, receptive fields, counts)
at the question's setting, never written by hand; :func:`check` compares a response with it.

A question that is about one convolution carries it as a :class:`Setting`, so a page can
show the animation at that setting and step as the reveal.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..errors import ConvConfigError, check_int
from ..text import Text
from . import channels, convolutions, receptive_fields
from .mistakes import Mistake
from .question import About, Channels, Drawable, Question, Setting, anything

__all__ = [
    "MAKERS",
    "MAX_QUESTIONS",
    "MAX_SEED",
    "TOPICS",
    "About",
    "Channels",
    "Drawable",
    "Mistake",
    "Question",
    "Setting",
    "anything",
    "check",
    "diagnose",
    "question_set",
]

MAX_QUESTIONS = 12
MAX_SEED = 10**6
ATTEMPTS = 20

Maker = Callable[[np.random.Generator, Drawable], Question]
MAKERS: dict[str, tuple[Maker, ...]] = {
    "standard": (
        convolutions.output_size_2d,
        convolutions.reads_2d,
        convolutions.same_padding,
        convolutions.weights_2d,
        convolutions.multiply_adds_2d,
    ),
    "conv1d": (
        convolutions.output_size_1d,
        convolutions.reads_1d,
        convolutions.weights_1d,
        convolutions.padded_copy,
    ),
    "dilated": (receptive_fields.effective_kernel, receptive_fields.dilated_stack),
    "receptive-field": (receptive_fields.stack_field, receptive_fields.stack_jump),
    "transposed": (convolutions.transposed_size, convolutions.output_padding),
    "causal": (receptive_fields.future, receptive_fields.causal_padding, receptive_fields.wavenet),
    "separable": (channels.standard_vs_separable, channels.standard_weights),
    "lightweight": (channels.lightweight_weights, channels.depthwise_weights),
}
TOPICS = tuple(MAKERS)


def question_set(
    topic: str, count: int, seed: int, drawable: Drawable = anything
) -> list[Question]:
    """``count`` questions on ``topic`` (or ``"all"``), the same for the same seed.

    The kinds of question take turns (in an order the seed shuffles), so a set of a few
    questions already covers its topic; each question has its own random stream. A
    question about a conv, a kernel or a stack draws again until ``drawable(topic,
    subject)`` (the app's rule: the topic's page can show it); one that counts a layer's
    weights is asked whatever its page draws (its answer is a formula).
    """
    count = check_int("count", count, 1, MAX_QUESTIONS)
    seed = check_int("seed", seed, 0, MAX_SEED)
    if topic == "all":
        makers = [maker for topic_makers in MAKERS.values() for maker in topic_makers]
    elif topic in MAKERS:
        makers = list(MAKERS[topic])
    else:
        raise ConvConfigError(
            "topic must be one of {topics} or 'all', got {topic!r}",
            topics=", ".join(TOPICS),
            topic=topic,
        )
    streams = np.random.SeedSequence([seed, TOPICS.index(topic) + 1 if topic in MAKERS else 0])
    order_rng, *rngs = (np.random.default_rng(s) for s in streams.spawn(count + 1))
    order = [makers[i] for i in order_rng.permutation(len(makers))]
    questions: list[Question] = []
    for i in range(count):
        for _ in range(ATTEMPTS):  # a question already in the set is drawn again
            question = order[i % len(order)](rngs[i], drawable)
            if all(str(question.prompt) != str(other.prompt) for other in questions):
                break
        questions.append(question)
    return questions


def check(question: Question, response: object) -> bool:
    """Whether ``response`` is the answer: a whole number, or exactly the right cells."""
    if question.kind == "number":
        try:
            return int(response) == question.answer and float(response) == int(response)
        except (TypeError, ValueError, OverflowError):
            return False
    try:
        return frozenset(response) == question.answer
    except TypeError:
        return False


def diagnose(question: Question, response: object) -> Text | None:
    """The hint for a wrong ``response`` that one likely slip gives, or None."""
    if question.kind != "number" or check(question, response):
        return None
    try:
        number = int(response)
        if float(response) != number:
            return None
    except (TypeError, ValueError, OverflowError):
        return None
    return next((m.hint for m in question.mistakes if m.answer == number), None)
