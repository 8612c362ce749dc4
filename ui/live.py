"""The live class on a page (issue 27): Start a class, the teacher's bar, the join code with
its QR, the question and its histogram; a student's badge (following or exploring), the
question and their answer.

The class itself is :mod:`classroom` (the rules and the store, shared with the routes that
``server.py`` serves). Python draws every word and button here and calls the room directly;
``static/live.js`` (mounted by :func:`class_panel`) listens to the class's event stream:
it moves a follower's animation in the browser, sends the teacher's page, settings and
step, and reruns this panel (a fragment: the page's figure is not rebuilt) when the class
has something new to show — a question, an answer, a Gather, the end.

A browser's part in a class is kept in its session (:class:`Membership`) and in its link
(``teach=CODE`` for the teacher, ``join=CODE`` for a student), so a reload finds the class
again; the teacher key and a student's id never enter a link (the browser keeps them).
"""

from __future__ import annotations

import base64
import hashlib
import html
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st
from streamlit.errors import StreamlitInvalidLayoutContextError

from classroom import Asked, ClassError, ClassState, normalised_code, shared_room
from classroom.errors import NoClass
from classroom.routes import client_address
from conv_engine import ConvTrace, LayerTrace
from conv_engine.exercises import MAX_SEED, TOPICS, question_set
from conv_engine.exercises.on_screen import OnScreen, on_screen
from i18n import N_, say, t
from viz.join_code import qr_svg

from .catalog import PAGES
from .language import current
from .params import PageParams

SESSION = "live_class"
ASKS = "live_asks"  # the questions about what the page shows now (set by the page's section)
ENDED = "live_ended"  # the class that just ended, for one notice
TEACH, JOIN = "teach", "join"  # the link's keys
HOME = "app_pages/home.py"
CLASS_PAGE = "class"  # the class's own page, /class

STATIC = Path(__file__).resolve().parents[1] / "static" / "live.js"
VERSION = hashlib.blake2b(STATIC.read_bytes(), digest_size=6).hexdigest()
LOADER = """
export default async function (component) {
  const base = `${window.location.origin}${component.data.base}/app/static/`;
  const live = await import(`${base}live.js?v=${component.data.version}`);
  return live.default(component);
}
"""
_component = st.components.v2.component("conv_live", js=LOADER)

# what the teacher may ask, by the skill of the question (labels stay put while the page's
# setting moves; the question is taken from the page as it is when the button is pressed)
SKILLS = {
    "value": N_("What does the next step write?"),
    "reads": N_("How many real inputs does the next window read?"),
    "output_size": N_("How large is the output?"),
    "future": N_("How many outputs read the future?"),
}


@dataclass
class Membership:
    """This browser's part in a class."""

    role: str  # "teacher" or "student"
    code: str
    key: str | None = None  # the teacher key (None until a reloaded browser shows it)
    student: str | None = None  # a student's id (None until joined)
    following: bool = True  # a student follows the teacher's view, or explores
    gather: int = 0  # the teacher's last Gather this student has seen
    show_code: bool = False  # the join dialog opens on the next full run
    closed: int = 0  # the question the teacher put away after its reveal (the figure's turn)


def membership() -> Membership | None:
    """This session's part in a class: from the session, else from the link's ``teach`` or
    ``join`` (a reload, or a student's join link)."""
    member = st.session_state.get(SESSION)
    if isinstance(member, Membership):
        return member
    for name, role in ((TEACH, "teacher"), (JOIN, "student")):
        raw = st.query_params.get(name)
        if raw is None:
            continue
        code = normalised_code(raw)
        if code is None:
            st.warning(
                t(
                    "`{name}={shown}` is not a class code: a code is 6 letters and digits.",
                    name=name,
                    shown=raw[:12],
                ),
                icon="👥",
            )
            return None
        st.session_state[SESSION] = Membership(role, code)
        return st.session_state[SESSION]
    return None


def _address() -> str:
    peer = st.context.ip_address or "?"
    return client_address(peer, st.context.headers.get("X-Forwarded-For") or "")


def _base_path() -> str:
    path = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{path}" if path else ""


def join_link(code: str) -> str:
    """The link students open: the app's home with ``join=CODE`` (the origin this teacher's
    browser used, so it works on the room's network)."""
    parts = urlsplit(st.context.url or "")
    origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    return f"{origin}{_base_path()}/?{JOIN}={code}"


# ---------------------------------------------------------------- starting and the header


def _start() -> None:
    """Start a class from this browser: it becomes the teacher's (its key in the session;
    ``static/live.js`` keeps it in the browser too)."""
    try:
        started = shared_room().start(_address())
    except ClassError as error:
        st.session_state[ENDED] = say(error)
        return
    st.session_state[SESSION] = Membership("teacher", started.code, key=started.key, show_code=True)


def start_button(container=st) -> None:
    """**Start a class**, in a page's header (nothing while this browser is in one)."""
    if membership() is not None:
        return
    container.button(
        t("👥 Start a class"),
        on_click=_start,
        type="tertiary",  # under the switches, quieter than the page's own controls
        help=t(
            "The class follows your screen on their own devices and answers your questions: "
            "a code and a QR code to join, no accounts."
        ),
    )


def offer(params: PageParams, topic: str, trace: ConvTrace | LayerTrace) -> None:
    """What the teacher may ask about the conv the page shows (``trace``, at its step): kept
    for the Ask button. A page's section calls it each time it builds its trace."""
    if membership() is None:
        return
    step = params.step() or 0
    offer_questions(params, on_screen(topic, trace, step))


def offer_questions(params: PageParams, asks: Iterable[OnScreen]) -> None:
    """Questions about what the page shows, each with the step that shows its answer (−1:
    none the page's main animation can show), kept for the Ask button."""
    if membership() is None:
        return
    st.session_state[ASKS] = (params.page, {item.question.skill: item for item in asks})


def _drawn_question(topic: str) -> OnScreen | None:
    """For a page with no animated conv: a number question from its exercises (about a
    setting of its own, which the reveal does not animate)."""
    topic = topic if topic in TOPICS else "all"
    for question in question_set(topic, 12, secrets.randbelow(MAX_SEED)):
        if question.kind == "number":
            return OnScreen(question, -1)
    return None


# ------------------------------------------------------------------------- the panel


def live_class(params: PageParams | None, area) -> None:
    """The class's panel in ``area`` (reserved near the top of the page) for a browser in
    a class, its code in the link (``params``' values, or the home page's link); the join
    dialog when the teacher asked for it."""
    member = membership()
    ended = st.session_state.pop(ENDED, None)
    if ended:
        area.info(ended, icon="👥")
    if member is None:
        return
    name = TEACH if member.role == "teacher" else JOIN
    if params is not None:
        params.values[name] = member.code
    elif st.query_params.get(name) != member.code:
        st.query_params[name] = member.code
    if member.show_code and member.role == "teacher":
        member.show_code = False
        join_dialog(member.code)
    with area:
        class_panel(params.page if params is not None else "")


@st.fragment
def class_panel(page: str) -> None:
    """The teacher's bar or a student's badge, the question, and the listener. Reruns on
    its own when the class changes (``static/live.js``), not the page."""
    current()  # a fragment's own rerun does not pass through app.py: this browser's language
    member = membership()
    if member is None:
        return
    room = shared_room()
    try:
        state = room.state(member.code, member.key)
    except NoClass:
        if member.role == "student" and member.student is None:  # never joined: a typo?
            _leave(
                t(
                    "There is no class {code} (or it has ended): check the code the projector "
                    "shows.",
                    code=member.code,
                )
            )
        else:
            _leave(t("The class {code} has ended.", code=member.code))
        st.rerun()
    if member.role == "teacher":
        _teacher_bar(member, state, page)
    elif member.student is not None:
        _student_bar(member, state)
    heard = _listen(member, state)
    if heard is not None:
        _act(member, state, heard)


def _listen(member: Membership, state: ClassState) -> Mapping | None:
    """Mount ``static/live.js`` for this browser; what it heard (a trigger), if anything."""
    question = state.question
    data = {
        "base": _base_path(),
        "version": VERSION,
        "role": member.role,
        "code": member.code,
        "key": member.key if member.role == "teacher" else None,
        "student": member.student,
        "following": member.following,
        "seen": {
            "question": question.id if question else 0,
            "revealed": question.revealed if question else False,
            "joined": state.joined,
            "answered": state.answered,
            "gather": member.gather,
        },
    }
    result = _component(
        key="live_class_listener",
        data=data,
        on_hello_change=lambda: None,
        on_heard_change=lambda: None,
    )
    hello = result.get("hello") if hasattr(result, "get") else getattr(result, "hello", None)
    if isinstance(hello, str):
        _hello(member, state, hello)
        _again()
    heard = result.get("heard") if hasattr(result, "get") else getattr(result, "heard", None)
    return heard if isinstance(heard, Mapping) else None


def _hello(member: Membership, state: ClassState, kept: str) -> None:
    """A browser that (re)loads says which key or id it keeps: the teacher's key makes it the
    teacher's again; a student keeps their id and answers; anything else joins anew."""
    room = shared_room()
    if member.role == "teacher":
        if room.is_teacher(member.code, kept):
            member.key = kept
            return
        member.role = "student"  # a teacher's link opened where the key is not kept
        kept = ""
    try:
        member.student = room.join(member.code, _address(), again=kept or None)
    except ClassError as error:  # the class is full, or too many tries from here
        _leave(say(error))
        st.rerun()  # the page says why, without the class
    member.gather = state.gather


def _act(member: Membership, state: ClassState, heard: Mapping) -> None:
    """What ``static/live.js`` heard: the end, a Gather, the teacher's new page or setting
    (a follower goes there); a new question or answer needs only this panel's rerun."""
    if heard.get("ended"):
        _leave(t("The class {code} has ended.", code=member.code))
        st.rerun()
    gather = heard.get("gather")
    if isinstance(gather, int) and gather > member.gather:
        member.gather = gather
        member.following = True
    view = heard.get("follow")
    if member.role == "student" and member.following and isinstance(view, Mapping):
        _follow(member, view)
    if heard.get("changed") or gather:
        _again()


def _again() -> None:
    """Draw the panel again with what just changed: on the panel's own rerun only the panel
    (the page's figure stays), on a run of the whole page (a click that arrived during
    one) the page — Streamlit refuses a fragment's rerun there."""
    try:
        st.rerun(scope="fragment")
    except StreamlitInvalidLayoutContextError:
        st.rerun()


def _page_path(page: object) -> str | None:
    if page == "":
        return HOME
    if page == CLASS_PAGE:
        return "app_pages/class.py"
    return next((info.path for info in PAGES if info.url_path == page), None)


def _follow(member: Membership, view: Mapping) -> None:
    """Go to the teacher's page and settings (the step comes with them; Play follows in the
    browser). The page's own values are dropped so it reads the link afresh."""
    path = _page_path(view.get("page"))
    query = view.get("query")
    if path is None or not isinstance(query, Mapping):
        return
    page = str(view["page"])
    for key in [key for key in st.session_state if isinstance(key, str)]:
        if page and key.startswith(f"{page}_"):
            del st.session_state[key]
    step = view.get("step")
    wanted = {str(k): str(v) for k, v in query.items()}
    wanted |= {JOIN: member.code, "lang": current()}
    if isinstance(step, int) and step > 0:
        wanted["step"] = str(step)
    st.switch_page(path, query_params=wanted)


def _leave(notice: str) -> None:
    """This browser is no longer in the class (it ended, or could not be joined)."""
    st.session_state.pop(SESSION, None)
    st.session_state[ENDED] = notice
    for name in (TEACH, JOIN):
        if name in st.query_params:
            del st.query_params[name]


# ------------------------------------------------------------------------ the teacher


def _teacher_bar(member: Membership, state: ClassState, page: str) -> None:
    room = shared_room()
    with st.container(border=True, key="live_teacher"):
        row = st.container(horizontal=True, vertical_alignment="center", gap="small")
        row.markdown(
            t("👥 **Class {code}** · {count} joined", code=member.code, count=state.joined)
        )
        if member.key is None:
            row.caption(t("Waiting for this browser's teacher key…"))
            return
        if row.button(t("📱 Show the code"), key="live_show_code"):
            member.show_code = True
            st.rerun()
        if row.button(
            t("↩ Gather"), key="live_gather", help=t("Everyone exploring comes back to this view.")
        ):
            _teacher_call(lambda: room.gather(member.code, member.key))
        with row.popover(t("❓ Ask the class")):
            _ask_menu(member, page)
        if row.button(t("⏹ End the class"), key="live_end"):
            _teacher_call(lambda: room.end(member.code, member.key))
            _leave(t("The class {code} has ended: its answers are gone.", code=member.code))
            st.rerun()
        if state.question is not None and state.question.id != member.closed:
            _question_for_teacher(member, state, page)


def _teacher_call(call: Callable[[], object]) -> object | None:
    try:
        return call()
    except ClassError as error:
        st.error(say(error), icon="👥")
        return None


def _ask_menu(member: Membership, page: str) -> None:
    """The questions about what the page shows now; a press puts one to the class."""
    offered = st.session_state.get(ASKS)
    # a page with no animated conv: one of its exercises, drawn only when it is asked for
    asks = offered[1] if offered and offered[0] == page else {"exercise": None}
    labels = {**SKILLS, "exercise": N_("A question from this page's exercises")}
    for skill, item in asks.items():
        if st.button(t(labels.get(skill, skill)), key=f"live_ask_{skill}"):
            item = item or _drawn_question(page)
            if item is None:
                continue
            prompt = item.question.prompt
            asked = Asked(
                prompt.template,
                "number",
                str(item.question.answer),
                step=item.step if item.step >= 0 else None,
                values={name: str(value) for name, value in prompt.values.items()},
            )
            _teacher_call(lambda asked=asked: shared_room().ask(member.code, member.key, asked))
            _again()


def _prompt(question: Asked) -> str:
    """A question in this browser's language (the template is the engine's sentence)."""
    return t(question.prompt, **question.values)


def _question_for_teacher(member: Membership, state: ClassState, page: str) -> None:
    """The open question on the projector: its prompt, how many answered, the buttons
    beside the histogram (one row of the screen, so the figure keeps its room)."""
    question = state.question
    words, counts = st.columns([3, 2], vertical_alignment="top")
    words.markdown(f"**❓ {_prompt(question)}**")
    words.markdown(
        t("**{answered}** of **{joined}** answered", answered=state.answered, joined=state.joined)
    )
    with counts:
        _histogram(state.histogram or {}, question.answer if question.revealed else None)
    row = words.container(horizontal=True, vertical_alignment="center")
    if not question.revealed:
        if row.button(t("👁 Reveal"), key="live_reveal", type="primary"):
            revealed = _teacher_call(lambda: shared_room().reveal(member.code, member.key))
            if isinstance(revealed, Asked) and revealed.step is not None:
                # the animation goes to the step that shows why (followers go with it)
                st.session_state[f"{page}_step"] = revealed.step
                st.query_params["step"] = str(revealed.step)
            st.rerun()
    else:
        row.markdown(t("The answer: **{answer}**", answer=_number(question.answer)))
        if row.button(t("✓ Put the question away"), key="live_close"):
            member.closed = question.id
            _again()
    report = _teacher_call(lambda: shared_room().report(member.code, member.key))
    if isinstance(report, str):
        row.download_button(
            t("⬇ Answers (CSV)"),
            report,
            file_name=f"class-{member.code}.csv",
            mime="text/csv",
            key="live_report",
        )


def _number(answer: str) -> str:
    """An answer as the pages write numbers (a true minus sign)."""
    return answer.replace("-", "−") if answer.lstrip("-").isdigit() else answer


# large enough for the back of the room; bars in the text's own colour (its contrast holds in
# both themes)
HISTOGRAM_STYLE = (
    "<style>.live-histogram{border-collapse:collapse;font-size:1.2rem;width:min(100%,36rem)}"
    ".live-histogram caption{text-align:left;font-size:1rem;opacity:.85}"
    ".live-histogram th,.live-histogram td{padding:.15rem .6rem;text-align:right;"
    "border-bottom:1px solid color-mix(in srgb,currentColor 30%,transparent)}"
    ".live-histogram td.bar{width:60%;text-align:left}"
    ".live-histogram td.bar span{display:block;height:1em;background:currentColor}</style>"
)


def _histogram(counts: Mapping[str, int], right: str | None) -> None:
    """How many gave each answer (no names), most first, as a table whose bars are drawn
    for the eye only (a screen reader reads the answer and its count); the right one
    marked once revealed."""
    if not counts:
        st.caption(t("No answers yet."))
        return
    most = max(counts.values())
    rows = []
    for answer, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        mark = " ✓" if answer == right else ""
        width = round(100 * count / most)
        rows.append(
            f"<tr><th scope='row'>{html.escape(_number(answer))}{mark}</th><td>{count}</td>"
            f"<td class='bar' aria-hidden='true'><span style='width:{width}%'></span></td></tr>"
        )
    caption, answer_word, students = (
        html.escape(t(w)) for w in (N_("Answers"), N_("Answer"), N_("Students"))
    )
    st.html(
        HISTOGRAM_STYLE + f"<table class='live-histogram'><caption>{caption}</caption>"
        f"<tr><th scope='col'>{answer_word}</th><th scope='col'>{students}</th><td></td></tr>"
        + "".join(rows)
        + "</table>"
    )


def join_dialog(code: str) -> None:
    """The join screen for the projector, over the page: the code, the link as text and
    its QR code (titled in this browser's language, so made here, not at import)."""
    st.dialog(t("Join the class"), width="large")(_join_screen)(code)


def _join_screen(code: str) -> None:
    link = join_link(code)
    words, picture = st.columns([3, 2], vertical_alignment="center")
    with words:
        st.markdown(t("Open this link, or scan the code with your phone's camera:"))
        st.html(
            '<p style="font-family:monospace;font-size:1.5rem;overflow-wrap:anywhere;'
            f'margin:0">{html.escape(link)}</p>'
        )
        st.markdown(t("Or type the class code on the home page:"))
        st.html(
            '<p style="font-size:4rem;font-weight:700;letter-spacing:0.2em;margin:0">'
            f"{html.escape(code)}</p>"
        )
    alt = t("QR code of the link to join class {code}", code=code)
    source = base64.b64encode(qr_svg(link, alt).encode()).decode()
    picture.html(
        f'<img src="data:image/svg+xml;base64,{source}" alt="{html.escape(alt)}" '
        'style="width:100%">'
    )


def class_page(params: PageParams) -> None:
    """The body of /class: a large Start for a browser in no class; for the teacher, the
    join screen on the page itself (the projector's view while the class joins)."""
    member = membership()
    if member is None:
        st.button(t("👥 Start a class"), on_click=_start, type="primary", key="live_start_page")
        return
    if member.role == "teacher":
        _join_screen(member.code)
    else:
        st.markdown(t("You are in class {code}.", code=member.code))


# ------------------------------------------------------------------------ a student


def _student_bar(member: Membership, state: ClassState) -> None:
    with st.container(border=True, key="live_student"):
        row = st.container(horizontal=True, vertical_alignment="center", gap="small")
        if member.following:
            row.markdown(t("🟢 **Following the teacher**"))
            if row.button(t("🧭 Explore on my own"), key="live_explore"):
                member.following = False
                _again()
        else:
            row.markdown(t("🧭 **Exploring on your own**"))
            if row.button(t("🟢 Follow the teacher"), key="live_follow", type="primary"):
                member.following = True
                _again()
        row.caption(t("Class {code}", code=member.code))
        if state.question is not None:
            _question_for_student(member, state)


def _question_for_student(member: Membership, state: ClassState) -> None:
    room = shared_room()
    question = state.question
    st.markdown(f"**❓ {_prompt(question)}**")
    mine = room.answer_of(member.code, member.student, question.id)
    if question.revealed:
        st.markdown(t("The answer: **{answer}**", answer=_number(question.answer)))
        if mine is not None:
            right = mine == question.answer
            st.markdown(
                t("✓ You answered {mine}.", mine=_number(mine))
                if right
                else t("You answered {mine}.", mine=_number(mine))
            )
        _histogram(state.histogram or {}, question.answer)
        return
    with st.form(key=f"live_answer_{question.id}", border=False):
        line = st.container(horizontal=True, vertical_alignment="bottom")
        if question.kind == "choice":
            given = line.radio(t("Your answer"), question.choices, horizontal=True)
        else:
            given = line.number_input(t("Your answer"), step=1, value=None, format="%d")
        sent = line.form_submit_button(t("Send my answer"))
    if sent and given is not None:
        try:
            mine = room.answer(member.code, member.student, given)
        except ClassError as error:
            st.error(say(error), icon="✏️")
    if mine is not None:
        st.caption(
            t("Your answer: {mine}. You can change it until the reveal.", mine=_number(mine))
        )


# ---------------------------------------------------------------------------- home


def join_box() -> None:
    """The home page's place to type a class code."""
    if membership() is not None:
        return
    with st.form("live_join", border=True):
        line = st.container(horizontal=True, vertical_alignment="bottom")
        typed = line.text_input(t("In a class? Type its code"), max_chars=12, placeholder="ABC234")
        joined = line.form_submit_button(t("👥 Join"))
    if joined:
        code = normalised_code(typed)
        if code is None:
            st.warning(t("A class code is 6 letters and digits, as the projector shows it."))
            return
        st.session_state[SESSION] = Membership("student", code)
        st.query_params[JOIN] = code
        st.rerun()
