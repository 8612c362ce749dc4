"""Page parameters: bounded widgets mirrored in the URL query, with notices for bad links.

Every widget of a page is created through :class:`PageParams`. On the first run of a page
a widget takes its value from the URL (``?k=3&s=2&p=same``); a value that cannot be parsed
or lies outside the widget's bounds falls back to a valid one and a notice says so. After
the widgets, :meth:`PageParams.publish` writes every value back to the URL, so a copied link
reproduces the view. Bounds come from the engine's validity helpers, so an impossible
setting cannot be reached.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from i18n import say, t

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}
MAX_QUERY_TEXT = 400  # longer query values are refused outright


def parse_whole(raw: str) -> int:
    """A link's whole number, exactly: ``"3"``, ``"3.0"`` or ``"1e3"``; ``"2.5"`` is not one
    (ValueError), and a long number keeps every digit (it is not read through a float)."""
    text = raw.strip()
    try:
        return int(text)
    except ValueError:
        value = float(text)
    if not value.is_integer():
        raise ValueError(text)
    return int(value)


@dataclass(frozen=True)
class Shortcut:
    """A letter key that moves a slider by one in presenter mode (Shift: down)."""

    key: str  # the slider's widget key
    label: str
    low: int
    high: int

    def move(self, delta: int) -> None:
        """Move the slider by ``delta`` within its bounds (from a callback, before a rerun)."""
        value = st.session_state.get(self.key)
        if isinstance(value, int):
            st.session_state[self.key] = min(max(value + delta, self.low), self.high)


@dataclass
class PageParams:
    """The parameters of one page; widget keys are ``"<page>_<name>"``."""

    page: str
    notices: list[str] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    notice_area: Any = field(default=None, repr=False)  # where show_notices writes, if set
    present: bool = False  # presenter mode: prose hidden, scenes large, keyboard shortcuts
    # presenter mode's letter keys: letter → the slider it moves (see :meth:`shortcut`)
    shortcuts: dict[str, Shortcut] = field(default_factory=dict)
    keys_area: Any = field(default=None, repr=False)  # presenter mode: where the keys are listed
    # presenter mode: where the page's first section goes (beside the switches), once
    body: Any = field(default=None, repr=False)
    live_area: Any = field(default=None, repr=False)  # where a live class's panel goes

    def reserve_notice_area(self) -> None:
        """Keep a place here, above the widgets, for the notices written after them."""
        self.notice_area = st.container()

    def key(self, name: str) -> str:
        return f"{self.page}_{name}"

    def _seed(self, name: str, default: Any, parse: Callable[[str], Any], describe: str) -> None:
        """Put the starting value in session state: from the URL if valid, else the default."""
        key = self.key(name)
        if key in st.session_state:
            return
        raw = st.query_params.get(name)
        value = default
        if raw is not None:
            try:
                if len(raw) > MAX_QUERY_TEXT:
                    raise ValueError
                value = parse(raw)
            except (ValueError, TypeError, OverflowError, KeyError):
                shown = raw if len(raw) <= 40 else raw[:40] + "…"
                self.notices.append(
                    t(
                        "`{name}={shown}` is not {describe}: using `{default}`.",
                        name=name,
                        shown=shown,
                        describe=describe,
                        default=default,
                    )
                )
                value = default
        st.session_state[key] = value

    def bounded_integer(self, name: str, default: int, low: int, high: int) -> int:
        """The value an :meth:`integer` slider will show, without drawing it.

        A page may need the value before the place of its slider: it draws the slider
        later with :meth:`integer` and the same bounds.
        """
        high = max(low, high)
        default = min(max(default, low), high)
        key = self.key(name)
        fresh = key not in st.session_state
        self._seed(name, default, parse_whole, t("a whole number"))
        value = st.session_state[key]
        if not isinstance(value, int) or not low <= value <= high:
            if fresh:  # a link's value: the page's default, and say so
                self.notices.append(
                    t(
                        "`{name}={value}` is outside {low}…{high} here: using the default "
                        "`{default}`.",
                        name=name,
                        value=value,
                        low=low,
                        high=high,
                        default=default,
                    )
                )
                value = default
            else:  # bounds that moved under a value the user chose: the nearest one
                value = min(max(int(value), low), high) if isinstance(value, int) else default
        # Re-assert the value every run: a slider's identity includes its bounds, and a
        # slider whose bounds moved would otherwise start over at its minimum.
        st.session_state[key] = value
        return value

    def integer(
        self,
        name: str,
        label: str,
        default: int,
        low: int,
        high: int,
        *,
        help: str | None = None,
        container: Any = None,
        shortcut: str | None = None,
        widget: str = "slider",
    ) -> int:
        """An integer bounded to ``low … high``: a slider, or (``widget="number"``, for wide
        ranges such as lengths up to 4096) a number box.

        When ``low == high`` the slider still shows its one value (disabled), so the control
        keeps its shape. In presenter mode a ``shortcut`` key (e.g. ``"K"``) adds one and
        Shift + key takes one away: the page's main scene listens for it (no buttons, so the
        controls keep one row each), and the page's ``?`` lists it.
        """
        container = container or st
        high = max(low, high)
        key = self.key(name)
        value = self.bounded_integer(name, default, low, high)
        if widget == "number":
            value = container.number_input(label, low, high, step=1, key=key, help=help)
        elif low == high:
            container.slider(
                label, low, low + 1, key=f"{key}_fixed", value=low, disabled=True, help=help
            )
        else:
            value = container.slider(label, low, high, key=key, help=help)
        if shortcut and self.present and low < high:
            self.shortcuts[shortcut.upper()] = Shortcut(key, label, low, high)
        self.values[name] = str(value)
        return int(value)

    def step(self) -> int | None:
        """The animation step the link pins (``?step=``), or None (the scene's first)."""
        key = self.key("step")
        self._seed("step", None, lambda raw: int(raw), t("a whole number"))
        step = st.session_state[key]
        if isinstance(step, int) and step >= 0:
            self.values["step"] = str(step)
            return step
        return None

    def pin_step(self, step: int | None) -> None:
        """Keep the step a student settled on (reported by the scene) for the link."""
        if step is not None and st.session_state.get(self.key("step")) != step:
            st.session_state[self.key("step")] = step
            self.values["step"] = str(step)

    def choice(
        self,
        name: str,
        label: str,
        options: Sequence[str],
        default: str,
        *,
        labels: dict[str, str] | None = None,
        widget: str = "radio",
        help: str | None = None,
        container: Any = None,
    ) -> str:
        """One of ``options`` (case-insensitive in the URL), as radio buttons or a select box."""
        container = container or st
        key = self.key(name)
        lookup = {option.lower(): option for option in options}
        self._seed(
            name,
            default,
            lambda raw: lookup[raw.lower()],
            t("one of {options}", options=", ".join(options)),
        )
        # re-asserted every run, so a control whose options changed keeps its choice
        st.session_state[key] = (
            st.session_state[key] if st.session_state[key] in options else default
        )
        labels = labels or {}
        # translated now: Streamlit (and AppTest) may format an option outside this run
        shown = {option: t(labels.get(option, option)) for option in options}
        format_func = lambda option: shown.get(option, option)  # noqa: E731
        value = st.session_state[key]
        if widget == "select":
            value = container.selectbox(label, options, key=key, format_func=format_func, help=help)
        else:  # side by side, wrapping in a narrow column (pills and segmented bars scroll)
            value = container.radio(
                label, options, key=key, format_func=format_func, help=help, horizontal=True
            )
        value = value if value in options else default
        self.values[name] = value
        return value

    def toggle(
        self,
        name: str,
        label: str,
        default: bool,
        *,
        help: str | None = None,
        container: Any = None,
        on_change: Callable[..., None] | None = None,
        args: tuple = (),
    ) -> bool:
        """An on/off switch; the URL takes 1/0, true/false, yes/no, on/off."""
        container = container or st
        self.switched_on(name, default)
        value = bool(
            container.toggle(label, key=self.key(name), help=help, on_change=on_change, args=args)
        )
        self.values[name] = "1" if value else "0"
        return value

    def switched_on(self, name: str, default: bool) -> bool:
        """The value a :meth:`toggle` will show, without drawing it (a page may need it
        before the place of its switch)."""

        def parse(raw: str) -> bool:
            word = raw.lower()
            if word in TRUE_WORDS | FALSE_WORDS:
                return word in TRUE_WORDS
            raise ValueError(raw)

        self._seed(name, default, parse, t("on or off (1 or 0)"))
        return bool(st.session_state[self.key(name)])

    def text(
        self,
        name: str,
        label: str,
        default: str,
        validate: Callable[[str], object],
        *,
        describe: str,
        help: str | None = None,
        container: Any = None,
    ) -> str | None:
        """Free text (e.g. a custom kernel) that ``validate`` must accept.

        ``validate`` raises ``ValueError`` with a sentence a student can act on. A link's
        value that it refuses is replaced (with a notice); typed text that it refuses is
        explained under the field, and the last text it accepted is used instead (or the
        default). Returns None when neither is valid any more (``validate`` may depend on
        other controls, e.g. the kernel size), so the caller falls back on something else.
        """
        container = container or st

        def parse(raw: str) -> str:
            validate(raw)
            return raw

        self._seed(name, default, parse, describe)
        key, good_key = self.key(name), self.key(f"{name}_accepted")
        value = container.text_input(label, key=key, help=help, max_chars=MAX_QUERY_TEXT)
        self.values[name] = value
        try:
            validate(value)
        except ValueError as error:
            fallback = next(
                (
                    text
                    for text in (st.session_state.get(good_key), default)
                    if text is not None and _accepts(validate, text)
                ),
                None,
            )
            shown = value if len(value) <= 40 else value[:40] + "…"
            instead = t(" Using `{fallback}` until then.", fallback=fallback) if fallback else ""
            container.warning(
                t(
                    "**{label}:** `{shown}` is not {describe}: {error}.",
                    label=label,
                    shown=shown,
                    describe=describe,
                    error=say(error),
                )
                + instead,
                icon="✏️",
            )
            if fallback is not None:
                self.values[name] = fallback
            return fallback
        st.session_state[good_key] = value
        return value

    def stored(
        self, name: str, default: str, validate: Callable[[str], object], *, describe: str
    ) -> str:
        """A text value carried by the URL but edited by something else (no widget).

        A link's value that ``validate`` refuses is replaced by ``default`` with a notice.
        The caller changes it with ``st.session_state[params.key(name)] = …``.
        """

        def parse(raw: str) -> str:
            validate(raw)
            return raw

        self._seed(name, default, parse, describe)
        value = st.session_state[self.key(name)]
        self.values[name] = value
        return value

    def view(self, name: str, views: dict[str, str]) -> str:
        """The open tab of ``views`` (slug → label) as its label, kept in the URL as its slug.

        For ``st.tabs(..., key=self.key(name))``: the link says which tab opens
        (``?view=matrix``); the first tab is the default.
        """
        slugs = {slug.lower(): slug for slug in views}
        default = next(iter(views.values()))
        self._seed(
            name,
            default,
            lambda raw: views[slugs[raw.lower()]],
            t("one of {options}", options=", ".join(views)),
        )
        key, slug_key = self.key(name), self.key(f"{name}_slug")
        label = st.session_state[key]
        if label not in views.values():  # e.g. the labels' language changed: the same tab
            label = views.get(st.session_state.get(slug_key), default)
        st.session_state[key] = label
        slug = next(slug for slug, text in views.items() if text == label)
        st.session_state[slug_key] = slug
        self.values[name] = slug
        return label

    def show_notices(self, keep: tuple[str, ...] = ("step",)) -> None:
        """Explain, once, which link parameters were replaced or ignored, and why.

        Call it after the page's widgets; ``keep`` names keys owned by a fragment.
        """
        first_visit = not st.session_state.get(self.key("visited"))
        st.session_state[self.key("visited")] = True
        ignored = set(self.values) | set(keep) | {"embed", "embed_options"}
        unknown = sorted(set(st.query_params) - ignored) if first_visit else []
        if unknown:
            shown = ", ".join(f"`{name[:20]}`" for name in unknown[:8])
            self.notices.append(t("{names}: not a setting of this page, ignored.", names=shown))
        if self.notices:
            (self.notice_area or st).warning(
                t("**This link had settings that cannot be shown, so they were replaced:**")
                + "\n\n"
                + "\n".join(f"- {notice}" for notice in self.notices),
                icon="🔗",
            )

    def update_url(self) -> None:
        """Write the values read so far into the URL, leaving every other key as it is.

        For a section's own rerun (:func:`ui.sections.section`), which sees only its widgets.
        """
        changed = {k: v for k, v in self.values.items() if st.query_params.get(k) != v}
        if changed:
            st.query_params.update(changed)

    def publish(self, keep: tuple[str, ...] = ()) -> None:
        """Mirror every value into the URL query (only when something changed).

        ``keep`` names query keys owned by a fragment (e.g. ``step``), left as they are.
        """
        current = st.query_params.to_dict()
        wanted = {**{k: v for k, v in current.items() if k in keep}, **self.values}
        if current != wanted:
            st.query_params.from_dict(wanted)


def _accepts(validate: Callable[[str], object], text: str) -> bool:
    try:
        validate(text)
    except ValueError:
        return False
    return True
