"""The rules of a live class, the same on both stores (memory and a real Redis)."""

from __future__ import annotations

import csv
import io
import time

import pytest

import classroom.rules as rules
from classroom import (
    ALPHABET,
    CODE_LENGTH,
    Asked,
    ClassError,
    Classroom,
    MemoryStore,
    View,
    normalised_code,
)

QUESTION = Asked("What is the output size?", "number", "4")


def test_a_class_has_a_readable_code_and_a_students_code_typed_loosely_joins(setup):
    room = setup.room
    started = room.start("10.0.0.1", View("standard", {"k": "3"}))
    assert len(started.code) == CODE_LENGTH and set(started.code) <= set(ALPHABET)
    typed = " ".join(started.code[:3].lower()) + "-" + started.code[3:]
    student = room.join(typed, "10.0.0.2")
    state = room.state(started.code)
    assert state.joined == 1 and state.view == View("standard", {"k": "3"})
    assert student != started.key and started.key not in str(room.store.load(started.code))


def test_the_teacher_moves_the_class_and_followers_see_each_change(setup):
    room = setup.room
    started = room.start("t")
    first = room.state(started.code).revision
    room.show(started.code, started.key, View("transposed", {"k": "4", "s": "2"}, 7, True))
    state = room.state(started.code)
    assert state.revision == first + 1
    assert state.view == View("transposed", {"k": "4", "s": "2"}, 7, True)
    gathered = room.gather(started.code, started.key)
    assert room.state(started.code).gather == 1 and gathered == first + 2


@pytest.mark.parametrize(
    "change",
    [
        lambda room, code, key: room.show(code, key, View("causal")),
        lambda room, code, key: room.gather(code, key),
        lambda room, code, key: room.ask(code, key, QUESTION),
        lambda room, code, key: room.reveal(code, key),
        lambda room, code, key: room.end(code, key),
        lambda room, code, key: room.report(code, key),
    ],
    ids=["show", "gather", "ask", "reveal", "end", "report"],
)
def test_only_the_teacher_changes_the_class(setup, change):
    """A student's id, another class's key, an empty or a made-up key: refused, and the
    class is exactly as it was."""
    room = setup.room
    started = room.start("t")
    other = room.start("t2")
    room.ask(started.code, started.key, QUESTION)
    student = room.join(started.code, "s")
    before = room.store.load(started.code)
    near = started.key[:-1] + ("y" if started.key.endswith("x") else "x")  # one character off
    for forged in (student, other.key, "", None, near, 12345):
        with pytest.raises(ClassError, match="only the teacher"):
            change(room, started.code, forged)
    assert room.store.load(started.code) == before
    change(room, started.code, started.key)  # the teacher's key does it


def test_one_answer_per_student_and_the_histogram_names_nobody(setup):
    room = setup.room
    started = room.start("t")
    students = [room.join(started.code, f"s{i}") for i in range(4)]
    room.ask(started.code, started.key, QUESTION)
    for student, answer in zip(students, ["4", "5", "4", "3"], strict=True):
        room.answer(started.code, student, answer)
    room.answer(started.code, students[3], "4.0")  # a new answer replaces the first
    seen = room.state(started.code)  # a student's view: counts, no histogram, no answer
    assert seen.answered == 4 and seen.joined == 4
    assert seen.histogram is None and seen.question.answer == ""
    projector = room.state(started.code, started.key)
    assert projector.histogram == {"4": 3, "5": 1} and projector.question.answer == "4"
    assert not set(students) & set(str(projector))
    room.reveal(started.code, started.key)
    assert room.state(started.code).histogram == {"4": 3, "5": 1}
    assert room.state(started.code).question.answer == "4"
    with pytest.raises(ClassError, match="no open question"):
        room.answer(started.code, students[0], "5")


def test_answers_are_checked_and_bounded(setup):
    room = setup.room
    started = room.start("t")
    student = room.join(started.code, "s")
    room.ask(started.code, started.key, QUESTION)
    for bad in ("four", "4.5", "", "9" * 201):
        with pytest.raises(ClassError):
            room.answer(started.code, student, bad)
    assert room.answer(started.code, student, " −2 ") == "-2"
    with pytest.raises(ClassError, match="join the class"):
        room.answer(started.code, "made-up", "4")
    room.ask(started.code, started.key, Asked("Which?", "choice", "B", ("A", "B", "C")))
    with pytest.raises(ClassError, match="one of the choices"):
        room.answer(started.code, student, "D")
    assert room.answer(started.code, student, "B") == "B"
    with pytest.raises(ClassError, match="one of the choices"):
        room.ask(started.code, started.key, Asked("Which?", "choice", "Z", ("A", "B")))


def test_a_nickname_is_short_plain_text(setup):
    room = setup.room
    started = room.start("t")
    student = room.join(started.code, "s", "  <b>Ada</b>\n   Lovelace the first programmer ")
    (nickname,) = room.store.members(started.code).values()
    assert nickname == "<b>Ada</b> Lovelace the"[: rules.MAX_NICKNAME]
    assert len(nickname) <= rules.MAX_NICKNAME and student


def test_joining_is_rate_limited_per_address_and_a_class_is_bounded(setup, monkeypatch):
    room = setup.room
    started = room.start("t")
    for _ in range(rules.JOINS_PER_MINUTE):
        with pytest.raises(ClassError, match="no class"):
            room.join("ZZZZZZ", "guesser")
    with pytest.raises(ClassError, match="too many tries"):
        room.join(started.code, "guesser")  # even the right code, for a minute
    room.join(started.code, "someone else")
    monkeypatch.setattr(rules, "MAX_STUDENTS", 3)
    room.join(started.code, "b")
    room.join(started.code, "c")
    with pytest.raises(ClassError, match="full"):
        room.join(started.code, "d")


def test_a_server_holds_a_bounded_number_of_classes(setup, monkeypatch):
    monkeypatch.setattr(rules, "MAX_CLASSES", 3)
    room = setup.room
    codes = [room.start(f"t{i}").code for i in range(3)]
    with pytest.raises(ClassError, match="holds 3 classes"):
        room.start("t9")
    assert len(set(codes)) == 3
    monkeypatch.setattr(rules, "MAX_CLASSES", 1000)
    with pytest.raises(ClassError, match="too many classes started"):
        for _ in range(rules.STARTS_PER_HOUR + 1):
            room.start("one address")


def _one_answer(room: Classroom):
    """A class with one student who answered the open question "4": (started, student)."""
    started = room.start("t")
    student = room.join(started.code, "s")
    room.ask(started.code, started.key, QUESTION)
    room.answer(started.code, student, "4")
    return started, student


def test_a_student_who_reloads_keeps_their_place_and_answers(setup):
    room = setup.room
    started, student = _one_answer(room)
    assert room.join(started.code, "s", again=student) == student
    assert room.state(started.code).joined == 1
    assert room.state(started.code, started.key).histogram == {"4": 1}


def test_an_ended_class_is_gone_with_all_it_held(setup):
    room = setup.room
    started, student = _one_answer(room)
    room.end(started.code, started.key)
    for attempt in (
        lambda: room.state(started.code),
        lambda: room.join(started.code, "s2"),
        lambda: room.answer(started.code, student, "4"),
    ):
        with pytest.raises(ClassError):
            attempt()
    assert room.store.members(started.code) == {} and room.store.answers(started.code, 1) == {}
    assert room.store.live_classes() == 0


def test_an_idle_class_ends_on_its_own_and_a_busy_one_does_not(setup):
    room = setup.room
    if setup.clock is None:  # Redis: a short idle limit, waited for
        room.idle = 1.5
    busy, idle = room.start("t"), room.start("u")
    student = room.join(idle.code, "s")
    room.ask(idle.code, idle.key, QUESTION)
    room.answer(idle.code, student, "4")
    for _ in range(3):  # the busy class is touched within every idle period
        setup.idle_for(room.idle * 0.4)
        room.gather(busy.code, busy.key)
    with pytest.raises(ClassError, match="has ended"):
        room.state(idle.code)
    assert room.store.answers(idle.code, 1) == {} and room.store.members(idle.code) == {}
    assert room.state(busy.code).gather == 3
    assert room.store.live_classes() == 1


def test_the_report_counts_answers_per_question_and_names_nobody(setup):
    room = setup.room
    started = room.start("t")
    students = [room.join(started.code, f"s{i}", f"nick{i}") for i in range(3)]
    room.ask(started.code, started.key, QUESTION)
    for student, answer in zip(students, ["4", "4", "6"], strict=True):
        room.answer(started.code, student, answer)
    room.ask(started.code, started.key, Asked("Which?", "choice", "B", ("A", "B")))
    rows = list(csv.reader(io.StringIO(room.report(started.code, started.key))))
    assert rows[0] == ["question", "prompt", "right answer", "answer", "students"]
    assert rows[1:] == [
        ["1", "What is the output size?", "4", "4", "2"],
        ["1", "What is the output size?", "4", "6", "1"],
        ["2", "Which?", "B", "", "0"],
    ]
    text = room.report(started.code, started.key)
    assert not any(secret in text for secret in [*students, "nick0"])


def test_a_view_is_bounded_and_plain():
    for bad in (
        View("../etc"),
        View("standard", {f"k{i}": "1" for i in range(41)}),
        View("standard", {"k": "x" * 401}),
        View("standard", step=-1),
        View("standard", step=1.5),
    ):
        with pytest.raises(ClassError):
            bad.checked()
    assert View("receptive-field", {"n": 5}, 3).checked().query == {"n": "5"}


def test_codes_are_read_as_typed():
    assert normalised_code(" 7kx-2mq ") == "7KX2MQ"
    for bad in ("7KX2M", "7KX2MQA", "7KX2M0", "O1IL23", None, ""):
        assert normalised_code(bad) is None


def test_the_memory_store_is_the_default_and_redis_is_chosen_by_the_environment(monkeypatch):
    from classroom import RedisStore, store_from_env

    monkeypatch.delenv("PLAYGROUND_STORE", raising=False)
    assert isinstance(store_from_env(), MemoryStore)
    monkeypatch.setenv("PLAYGROUND_STORE", "redis://127.0.0.1:1/0")
    assert isinstance(store_from_env(), RedisStore)


def test_a_teachers_change_is_published_to_the_class():
    heard = []
    store = MemoryStore()
    store.listeners.append(lambda code, message: heard.append((code, message)))
    room = Classroom(store, clock=time.time)
    started = room.start("t")
    revision = room.show(started.code, started.key, View("standard"))
    assert heard == [(started.code, str(revision))]


def test_a_join_and_an_answer_are_published_so_the_projector_counts_them():
    heard = []
    store = MemoryStore()
    store.listeners.append(lambda code, message: heard.append(code))
    room = Classroom(store, clock=time.time)
    started = room.start("t")
    room.ask(started.code, started.key, QUESTION)
    heard.clear()
    student = room.join(started.code, "s")
    assert heard == [started.code] and room.state(started.code).joined == 1
    room.answer(started.code, student, "4")
    assert heard == [started.code] * 2


def test_a_prompt_is_a_template_each_browser_says_in_its_language(setup):
    room = setup.room
    started = room.start("t")
    asked = Asked("A {n}×{n} input: how many outputs?", "number", "9", values={"n": 5})
    room.ask(started.code, started.key, asked)
    shown = room.state(started.code).question
    assert shown.prompt == "A {n}×{n} input: how many outputs?" and shown.values == {"n": "5"}
    assert shown.text() == "A 5×5 input: how many outputs?" and shown.answer == ""
    report = room.report(started.code, started.key)
    assert "A 5×5 input: how many outputs?" in report
    for bad in (
        Asked("A {m} input", "number", "1", values={"n": 5}),  # a field it does not have
        Asked("A {0} input", "number", "1"),
        Asked("x", "number", "1", values={f"v{i}": 1 for i in range(13)}),
        Asked("x", "number", "1", values={"v": "9" * 201}),
    ):
        with pytest.raises(ClassError):
            room.ask(started.code, started.key, bad)


def test_only_the_teacher_key_is_the_teachers(setup):
    room = setup.room
    started, other = room.start("t"), room.start("t2")
    student = room.join(started.code, "s")
    assert room.is_teacher(started.code, started.key)
    for code, key in (
        (started.code, student),
        (started.code, other.key),
        (started.code, ""),
        (started.code, None),
        ("ZZZZZZ", started.key),
        (None, started.key),
    ):
        assert not room.is_teacher(code, key)
