"""The exercises page: a question set from the link, answers checked by the engine, reveals.

The set is ``?topic=…&q=…&seed=…``: a teacher picks the three and sends the link, and every
student gets the same questions. Each question is a small form (answer, then ✔ Check); the
score counts the questions whose last checked answer was right. The reveal gives the
answer, the rule with the question's numbers and, for a question about one convolution,
its animation at that setting and step, and a link to the page that teaches it.
"""

from __future__ import annotations

import secrets

import numpy as np
import pandas as pd
import streamlit as st

import conv_engine as ce
from conv_engine.exercises import (
    MAX_QUESTIONS,
    MAX_SEED,
    TOPICS,
    Question,
    Setting,
    check,
    diagnose,
    question_set,
)
from i18n import N_, say, t
from viz.scenes import scatter_scene, sliding_scene

from .cache import cached
from .catalog import PAGES
from .choices import LIGHTWEIGHT_CHANNELS, LIGHTWEIGHT_KERNELS, SEPARABLE_IN, SEPARABLE_OUT
from .links import drawable, question_link
from .panels import link_page
from .params import PageParams
from .scene import show_scene

PAGE_OF = {info.url_path: info for info in PAGES}


def topic_labels() -> dict[str, str]:
    """Each topic as its page's icon and title, in the page's language."""
    titles = {topic: f"{PAGE_OF[topic].icon} {t(PAGE_OF[topic].title)}" for topic in TOPICS}
    return {"all": t("🎲 All topics"), **titles}


@cached
def cached_set(topic: str, count: int, seed: int) -> list[Question]:
    """The set, each question's setting one its page can show (so its link opens it)."""
    return question_set(topic, count, seed, drawable)


UNSHOWN = {  # why a topic's page cannot show a question (the counting ones, beyond it)
    "standard": N_("The Standard page draws one input and one output channel."),
    "separable": N_(
        "The Separable page draws at most {most_in} input and {most_out} output channels, "
        "so it cannot show this layer; its counters follow the same formula."
    ),
    "lightweight": N_(
        "The Lightweight page draws at most {channels} channels and k ≤ {kernel}, so it "
        "cannot show this layer; its comparison table counts the same way."
    ),
}


def unshown(question: Question) -> str:
    """Why the page of the question's topic cannot show it (so no link is offered)."""
    sentence = UNSHOWN.get(
        question.topic, N_("Its page cannot draw this setting; the rule above is the same there.")
    )
    bounds = {
        "most_in": SEPARABLE_IN[-1],
        "most_out": SEPARABLE_OUT[-1],
        "channels": LIGHTWEIGHT_CHANNELS[-1],
        "kernel": LIGHTWEIGHT_KERNELS[-1],
    }
    return t(sentence, **bounds)


def set_controls(params: PageParams) -> tuple[str, int, int]:
    """Topic, number of questions and set number: together they are the set (and the link).

    A teacher sets them (and sends the link); a student answers. So they sit in a closed
    expander under a one-line name of the set, out of the way of the first answer box:
    a number typed there by mistake would switch the whole set.
    """
    name = st.empty()
    box = st.expander(t("🎛️ Choose another set"), expanded=False)
    topic_column, count_column, seed_column, new_column = box.columns(
        [3, 2, 2, 2], vertical_alignment="bottom"
    )
    topic = params.choice(
        "topic",
        t("Topic"),
        ("all", *TOPICS),
        "standard",
        labels=topic_labels(),
        widget="select",
        container=topic_column,
    )
    count = params.integer("q", t("Questions"), 5, 1, MAX_QUESTIONS, container=count_column)
    seed = params.integer(
        "seed",
        t("Set number"),
        1,
        0,
        MAX_SEED,
        widget="number",
        container=seed_column,
        help=t(
            "The same topic, number of questions and set number give the same questions: "
            "send the link and the class gets this set."
        ),
    )

    def new_set() -> None:
        st.session_state[params.key("seed")] = secrets.randbelow(MAX_SEED) + 1

    new_column.button(t("🎲 New set"), on_click=new_set, key=params.key("new_set"))
    name.markdown(
        t(
            "**Set {seed}** · {count} questions · {topic}",
            seed=seed,
            count=count,
            topic=topic_labels()[topic],
        )
    )
    return topic, count, seed


def _answer_key(params: PageParams, topic: str, seed: int, index: int) -> str:
    return params.key(f"answer_{topic}_{seed}_{index}")


def _response(question: Question, key: str) -> object:
    """The student's answer as :func:`conv_engine.exercises.check` takes it (None when not
    given): a number, the chosen cells, or the ticked cells of the grid."""
    if question.kind == "grid":
        ticked = np.argwhere(_grid_value(key, question.grid).to_numpy(dtype=bool))
        return {(int(r), int(c)) for r, c in ticked}
    return st.session_state.get(key)


def _answer_widget(question: Question, key: str) -> None:
    """The input that suits the answer: a number box, toggles of 1-D cells, a tick grid."""
    if question.kind == "number":
        st.number_input(t("Your answer"), min_value=0, step=1, value=None, key=key, width=240)
    elif question.kind == "cells":
        name = "y" if question.skill == "future" else "x"
        st.pills(
            t("Your answer (click every one that applies)"),
            question.choices,
            selection_mode="multi",
            format_func=lambda i: f"{name}[{i}]",
            key=key,
        )
    else:
        size = question.grid
        st.data_editor(
            _empty_grid(size),
            key=f"{key}_editor",
            hide_index=False,
            width="content",
            column_config={
                str(c): st.column_config.CheckboxColumn(str(c), width=48) for c in range(size)
            },
        )
        st.caption(t("Rows are input rows, columns input columns: tick the cells it reads."))


def _empty_grid(size: int) -> pd.DataFrame:
    """A ``size`` × ``size`` grid of unticked boxes, columns named by their index."""
    return pd.DataFrame(np.zeros((size, size), dtype=bool), columns=[str(c) for c in range(size)])


def _grid_value(key: str, size: int) -> pd.DataFrame:
    """The tick grid's state (Streamlit keeps a data editor's edits, not its table)."""
    table = _empty_grid(size)
    edits = st.session_state.get(f"{key}_editor") or {}
    for row, changes in (edits.get("edited_rows") or {}).items():
        for column, value in changes.items():
            if column in table.columns and 0 <= int(row) < size:
                table.loc[int(row), column] = bool(value)
    return table


def _ramp(shape: tuple[int, ...]) -> np.ndarray:
    return (np.arange(int(np.prod(shape)), dtype=float) % 9 + 1).reshape(shape)


@cached
def reveal_scene(setting: Setting, future: bool) -> dict:
    """The question's convolution as an animation at its step (a ramp input, ones kernel)."""
    shape = (setting.size,) * setting.ndim
    kernel = np.ones((setting.kernel_size,) * setting.ndim)
    if setting.transposed:
        trace = ce.scatter_trace(
            _ramp(shape),
            kernel,
            stride=setting.stride,
            padding=setting.padding,
            output_padding=setting.output_padding,
            dilation=setting.dilation,
        )
        return scatter_scene(trace, start=0)
    trace = ce.conv_trace(
        _ramp(shape),
        kernel,
        setting.stride,
        setting.padding,
        setting.dilation,
        ndim=setting.ndim,
        padding_mode=setting.padding_mode,
    )
    leaks = None
    if future:
        leaks = ce.future_leaks(
            setting.size, setting.kernel_size, setting.stride, setting.padding, setting.dilation
        )
    return sliding_scene(trace, time_masks=future, leaks=leaks, start=setting.step)


def _answer_text(question: Question) -> str:
    if question.kind == "number":
        return f"**{question.answer}**"
    cells = sorted(question.answer)
    if not cells:
        return t("**none**")
    if question.kind == "grid":
        return ", ".join(f"x[{r}, {c}]" for r, c in cells)
    name = "y" if question.skill == "future" else "x"
    return ", ".join(f"{name}[{c}]" for c in cells)


def show_question(params: PageParams, question: Question, index: int, key: str) -> bool | None:
    """One question: the prompt, the answer form, the verdict, the reveal. Returns whether
    the last checked answer was right (None before the first check)."""
    verdict_key = f"{key}_verdict"
    hint_key = f"{key}_hint"

    def record() -> None:
        response = _response(question, key)
        st.session_state[verdict_key] = None if response is None else check(question, response)
        st.session_state[hint_key] = diagnose(question, response)

    with st.container(border=True):
        st.markdown(f"**{index + 1}.** {say(question.prompt)}")
        with st.form(f"{key}_form", border=False, enter_to_submit=True):
            _answer_widget(question, key)
            st.form_submit_button(t("✔ Check"), on_click=record)
        verdict = st.session_state.get(verdict_key)
        if verdict is True:
            st.success(t("Right."), icon="✅")
        elif verdict is False:
            hint = st.session_state.get(hint_key)
            if hint is None:
                st.warning(t("Not quite: look again, or reveal the answer."), icon="🤔")
            else:  # the answer is exactly what one likely slip gives: name it
                st.warning(t("Not quite. {hint}", hint=say(hint)), icon="🤔")
        if st.toggle(t("Reveal the answer"), key=f"{key}_reveal"):
            st.markdown(
                t(
                    "Answer: {answer}. {explanation}",
                    answer=_answer_text(question),
                    explanation=say(question.explanation),
                )
            )
            if question.setting is not None:
                show_scene(
                    reveal_scene(question.setting, question.skill == "future"),
                    f"{key}_scene",
                    present=params.present,
                )
            link = question_link(question)
            if link is None:
                st.caption(unshown(question))
            else:
                link_page(link.page, t("Open it on its page"), dict(link.query))
    return verdict


def exercises_section(params: PageParams) -> None:
    """The set's controls, the score, then each question."""
    topic, count, seed = set_controls(params)
    questions = cached_set(topic, count, seed)
    score = st.container()
    verdicts = [
        show_question(params, question, index, _answer_key(params, topic, seed, index))
        for index, question in enumerate(questions)
    ]
    right = sum(verdict is True for verdict in verdicts)
    checked = sum(verdict is not None for verdict in verdicts)
    with score:
        st.markdown(
            t("### Score: {right} / {count}", right=right, count=len(questions))
            + (t(" · {checked} checked", checked=checked) if checked < len(questions) else "")
        )
