"""The rules of a live class: who may change what, the limits, a question's lifecycle.

Only the teacher drives: every change of the class's state (the view the students follow,
Gather, a question, its reveal, the end) needs the teacher key, which only the teacher's
browser holds (the store keeps its digest). A student joins with the code and gets an id
that lets them answer, once per question (a new answer replaces theirs). Everything is
bounded (students, classes, answers, nicknames, the view's size) and anonymous: the
histogram counts answers, it names nobody.
"""

from __future__ import annotations

import csv
import io
import re
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field

from .codes import digest, new_code, new_secret, normalised_code, same_secret
from .errors import ClassError, NoClass, NotTeacher
from .store import Store

IDLE_SECONDS = 3 * 3600  # a class nobody touched for three hours ends, and its data is gone
MAX_CLASSES = 1000  # live classes per server (per store)
MAX_STUDENTS = 500
MAX_ANSWER = 200  # characters
MAX_NICKNAME = 20
MAX_PROMPT = 500
MAX_CHOICES = 12
MAX_QUERY = 40  # settings in a view: names ≤ 200 characters, values ≤ 400 (as a link)
JOINS_PER_MINUTE = 30  # per address: guessing codes is slow
STARTS_PER_HOUR = 20  # per address


@dataclass(frozen=True)
class View:
    """What the students follow: a page, its settings (the link's query, the open tab
    included) and the animation's step, playing or not."""

    page: str
    query: Mapping[str, str] = field(default_factory=dict)
    step: int = 0
    playing: bool = False

    def checked(self) -> View:
        page = str(self.page)
        if not re.fullmatch(r"[a-z0-9-]{0,40}", page):
            raise ClassError("a page is a short name of letters, digits and dashes")
        if not isinstance(self.query, Mapping):
            raise ClassError("a view holds at most {count} short settings", count=MAX_QUERY)
        if len(self.query) > MAX_QUERY or any(
            len(str(k)) > 200 or len(str(v)) > 400 for k, v in self.query.items()
        ):
            raise ClassError("a view holds at most {count} short settings", count=MAX_QUERY)
        step = self.step
        if type(step) is not int or not 0 <= step <= 100_000:
            raise ClassError("a step is a whole number from 0 to 100000")
        query = {str(k): str(v) for k, v in self.query.items()}
        return View(page, query, step, bool(self.playing))


@dataclass(frozen=True)
class Asked:
    """A question put to the class: its prompt, the kind of answer (``"number"``: a whole
    number; ``"choice"``: one of ``choices``), the right answer (kept from the students
    until the reveal) and the animation step that shows why (or None).

    ``prompt`` is a template (``{name}`` fields) filled in with ``values``, so each browser
    says it in its own language (the teacher's is not the students')."""

    prompt: str
    kind: str
    answer: str
    choices: tuple[str, ...] = ()
    step: int | None = None
    id: int = 0
    revealed: bool = False
    values: Mapping[str, str] = field(default_factory=dict)

    def checked(self) -> Asked:
        if not isinstance(self.prompt, str) or not 0 < len(self.prompt) <= MAX_PROMPT:
            raise ClassError("a question is 1 to {count} characters", count=MAX_PROMPT)
        values = self.values
        if (
            not isinstance(values, Mapping)
            or len(values) > MAX_CHOICES
            or any(len(str(k)) > 40 or len(str(v)) > MAX_ANSWER for k, v in values.items())
        ):
            raise ClassError(
                "a question's prompt has at most {count} short values", count=MAX_CHOICES
            )
        values = {str(k): str(v) for k, v in values.items()}
        try:
            self.prompt.format(**values)
        except (KeyError, IndexError, ValueError) as error:
            raise ClassError("a question's prompt names only its own values") from error
        if self.step is not None and (type(self.step) is not int or not 0 <= self.step <= 100_000):
            raise ClassError("a step is a whole number from 0 to 100000")
        if self.kind not in ("number", "choice"):
            raise ClassError("a question's answer is a number or a choice")
        choices = tuple(str(c)[:MAX_ANSWER] for c in self.choices)
        if self.kind == "choice" and not 2 <= len(choices) <= MAX_CHOICES:
            raise ClassError("a choice question has 2 to {count} choices", count=MAX_CHOICES)
        answer = _answer_text(self.kind, choices, self.answer)
        return Asked(
            self.prompt, self.kind, answer, choices, self.step, self.id, self.revealed, values
        )

    def text(self) -> str:
        """The prompt in English (an interface translates ``prompt`` and fills ``values``)."""
        return self.prompt.format(**self.values)


@dataclass(frozen=True)
class Started:
    """A new class: its code (for everyone) and the teacher key (for the teacher only)."""

    code: str
    key: str


@dataclass(frozen=True)
class ClassState:
    """What a browser of the class is shown. ``histogram`` (answer → count, no names) and
    the right answer are there for the teacher at once and for students after the reveal."""

    code: str
    revision: int
    view: View
    gather: int  # the number of the teacher's last Gather: a change sends explorers back
    joined: int
    question: Asked | None
    answered: int
    histogram: dict[str, int] | None


def _answer_text(kind: str, choices: tuple[str, ...], value: object) -> str:
    """An answer as the class keeps it: a whole number written plainly, or one choice."""
    text = str(value).strip()
    if len(text) > MAX_ANSWER:
        raise ClassError("an answer is at most {count} characters", count=MAX_ANSWER)
    if kind == "number":
        try:
            number = float(text.replace("−", "-"))
        except ValueError:
            number = float("nan")
        if not number.is_integer():
            raise ClassError("the answer is a whole number")
        return str(int(number))
    if text not in choices:
        raise ClassError("the answer is one of the choices")
    return text


class Classroom:
    """The live classes of one store. ``clock`` gives the time for the record's stamps."""

    def __init__(
        self, store: Store, idle: float = IDLE_SECONDS, clock: Callable[[], float] = time.time
    ) -> None:
        self.store = store
        self.idle = idle
        self.clock = clock

    # ------------------------------------------------------------------ the teacher

    def start(self, address: str, view: View | None = None) -> Started:
        """A new class with its code and teacher key."""
        if self.store.hit(f"start:{address}", 3600) > STARTS_PER_HOUR:
            raise ClassError("too many classes started from here: try again in an hour")
        if self.store.live_classes() >= MAX_CLASSES:
            raise ClassError(
                "this server holds {count} classes: try again later", count=MAX_CLASSES
            )
        key = new_secret()
        record = {
            "key": digest(key),
            "revision": 1,
            "view": asdict((view or View("")).checked()),
            "gather": 0,
            "question": None,
            "asked": [],
        }
        for _ in range(20):  # a code in use is drawn again
            code = new_code()
            if self.store.create(code, record, self.idle):
                return Started(code, key)
        raise ClassError("no free class code was found: try again")

    def is_teacher(self, code: str, key: object) -> bool:
        """Whether ``key`` is the teacher key of the live class ``code`` (a teacher's browser
        that reloads shows its key again; anything else is a student)."""
        record = self.store.load(code) if isinstance(code, str) else None
        return record is not None and same_secret(key, record["key"])

    def _teacher(self, code: str, key: object) -> dict:
        record = self._record(code)
        if not same_secret(key, record["key"]):
            raise NotTeacher("only the teacher can change the class")
        return record

    def _changed(self, code: str, record: dict) -> int:
        record["revision"] += 1
        self.store.save(code, record, self.idle)
        self.store.publish(code, str(record["revision"]))
        return record["revision"]

    def show(self, code: str, key: object, view: View) -> int:
        """The teacher's view becomes the class's: followers move to it. The revision."""
        record = self._teacher(code, key)
        record["view"] = asdict(view.checked())
        return self._changed(code, record)

    def gather(self, code: str, key: object) -> int:
        """Everyone exploring on their own comes back to the teacher's view."""
        record = self._teacher(code, key)
        record["gather"] += 1
        return self._changed(code, record)

    def ask(self, code: str, key: object, question: Asked) -> int:
        """Put a question to the class (the one before is closed); its id."""
        record = self._teacher(code, key)
        number = len(record["asked"]) + 1
        asked = Asked(**{**asdict(question.checked()), "id": number, "revealed": False})
        record["question"] = asdict(asked)
        record["asked"].append(record["question"])
        self._changed(code, record)
        return number

    def reveal(self, code: str, key: object) -> Asked:
        """Show everyone the right answer (and close the question to answers)."""
        record = self._teacher(code, key)
        if record["question"] is None:
            raise ClassError("there is no question to reveal")
        record["question"]["revealed"] = True
        record["asked"][-1]["revealed"] = True
        self._changed(code, record)
        return _asked(record["question"])

    def end(self, code: str, key: object) -> None:
        """End the class: its data is gone at once."""
        self._teacher(code, key)
        self.store.delete(code)
        self.store.publish(code, "ended")

    def report(self, code: str, key: object) -> str:
        """The class's questions and how many gave each answer, as CSV (no names)."""
        record = self._teacher(code, key)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["question", "prompt", "right answer", "answer", "students"])
        for asked in record["asked"]:
            prompt = _asked(asked).text()
            counts = Counter(self.store.answers(code, asked["id"]).values())
            for answer, count in sorted(counts.items(), key=lambda item: -item[1]):
                writer.writerow([asked["id"], prompt, asked["answer"], answer, count])
            if not counts:
                writer.writerow([asked["id"], prompt, asked["answer"], "", 0])
        return out.getvalue()

    # ----------------------------------------------------------------- the students

    def join(self, code: object, address: str, nickname: str = "", again: object = None) -> str:
        """Join with the code (as typed); the student's id, which lets them answer. A
        student who reloads passes their id as ``again`` and keeps it (and their answers)."""
        if self.store.hit(f"join:{address}", 60) > JOINS_PER_MINUTE:
            raise ClassError("too many tries from here: wait a minute")
        canonical = normalised_code(code)
        if canonical is None or self.store.load(canonical) is None:
            raise NoClass("there is no class {code}", code=str(code)[:12])
        members = self.store.members(canonical)
        if isinstance(again, str) and again in members:
            return again
        nickname = " ".join(str(nickname).split())[:MAX_NICKNAME]
        if len(members) >= MAX_STUDENTS:
            raise ClassError("the class is full ({count} students)", count=MAX_STUDENTS)
        student = new_secret()
        self.store.add_member(canonical, student, nickname, self.idle)
        record = self.store.load(canonical)  # the teacher's count of who joined moves
        self.store.publish(canonical, str(record["revision"] if record else 0))
        return student

    def answer(self, code: str, student: str, value: object) -> str:
        """A student's answer to the open question (a new one replaces theirs)."""
        record = self._record(code)
        if student not in self.store.members(code):
            raise ClassError("join the class to answer")
        question = record["question"]
        if question is None or question["revealed"]:
            raise ClassError("there is no open question")
        asked = _asked(question)
        text = _answer_text(asked.kind, asked.choices, value)
        self.store.set_answer(code, asked.id, student, text, self.idle)
        self.store.publish(code, str(record["revision"]))
        return text

    def answer_of(self, code: str, student: object, question: int) -> str | None:
        """A student's own answer to question ``question``, or None (for their screen)."""
        if not isinstance(student, str):
            return None
        return self.store.answers(code, question).get(student)

    # ------------------------------------------------------------------- everyone

    def state(self, code: str, key: object = None) -> ClassState:
        """The class as a browser shows it; with the teacher key, the live histogram."""
        record = self._record(code)
        teacher = same_secret(key, record["key"])
        question = None if record["question"] is None else _asked(record["question"])
        counts: dict[str, int] | None = None
        answered = 0
        if question is not None:
            given = self.store.answers(code, question.id)
            answered = len(given)
            if teacher or question.revealed:
                counts = dict(Counter(given.values()))
            if not (teacher or question.revealed):
                question = Asked(**{**asdict(question), "answer": ""})
        return ClassState(
            code,
            record["revision"],
            View(**record["view"]),
            record["gather"],
            len(self.store.members(code)),
            question,
            answered,
            counts,
        )

    def _record(self, code: str) -> dict:
        record = self.store.load(code) if isinstance(code, str) else None
        if record is None:
            raise NoClass("the class {code} has ended", code=str(code)[:12])
        return record


def _asked(data: dict) -> Asked:
    return Asked(
        **{**data, "choices": tuple(data.get("choices", ())), "values": data.get("values", {})}
    )
