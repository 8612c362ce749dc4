"""The live class over HTTP, as Starlette routes that ``st.App`` serves beside the app.

- ``POST /api/class`` starts a class: ``{"code", "key"}`` (the key stays in the teacher's
  browser).
- ``POST /api/class/{code}/join`` ``{"nickname"?, "again"?}`` → ``{"student"}``.
- ``GET /api/class/{code}`` the state as a browser shows it (the histogram and the right
  answer with the teacher key, ``X-Teacher-Key``).
- ``GET /api/class/{code}/events`` a Server-Sent Events stream: one ``data:`` line (the
  revision) each time the class changes, so followers fetch the state; no polling.
- ``POST /api/class/{code}/show|gather|ask|reveal|end`` the teacher's changes (key in
  ``X-Teacher-Key``); ``POST /api/class/{code}/answer`` ``{"student", "answer"}``.

Every refusal is a 4xx with the sentence (``{"error": …}``); nothing else answers.
"""

from __future__ import annotations

import asyncio
import json
import os
from dataclasses import asdict

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, StreamingResponse
from starlette.routing import Route

from .codes import normalised_code
from .errors import ClassError, NoClass, NotTeacher
from .rules import Asked, Classroom, View

KEEPALIVE = 15.0  # seconds between comments on an idle stream (proxies close silent ones)
MAX_BODY = 8192  # bytes a request may carry


class Hub:
    """Wakes the event streams of a class when the store publishes a change: the store's
    listener may run on any thread, the streams wait on this process's event loop."""

    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self.waiting: dict[str, set[asyncio.Queue]] = {}

    def heard(self, code: str, message: str) -> None:
        if self.loop is None:
            return
        for queue in list(self.waiting.get(code, ())):
            self.loop.call_soon_threadsafe(_offer, queue, message)

    async def stream(self, code: str):
        self.loop = asyncio.get_running_loop()
        queue: asyncio.Queue = asyncio.Queue(maxsize=64)
        self.waiting.setdefault(code, set()).add(queue)
        try:
            yield ": open\n\n"  # the follower is listening from here on
            while True:
                try:
                    message = await asyncio.wait_for(queue.get(), KEEPALIVE)
                except TimeoutError:
                    yield ": keepalive\n\n"
                    continue
                yield f"data: {message}\n\n"
                if message == "ended":
                    return
        finally:
            self.waiting[code].discard(queue)
            if not self.waiting[code]:
                del self.waiting[code]


def _offer(queue: asyncio.Queue, message: str) -> None:
    """A message for one stream; a stream too slow to take 64 drops the oldest (a follower
    needs only the latest revision)."""
    if queue.full():
        queue.get_nowait()
    queue.put_nowait(message)


def client_address(peer: str, forwarded: str = "") -> str:
    """Who is asking, for the rate limits: the peer's address, or behind our own proxy
    (``PLAYGROUND_BEHIND_PROXY=1``, as deploy/ sets it) the address that proxy saw — the
    last of ``X-Forwarded-For`` (the ones before it are the client's to forge). The pages
    (``ui.live``) ask the same way."""
    if os.environ.get("PLAYGROUND_BEHIND_PROXY") != "1":
        return peer
    return forwarded.split(",")[-1].strip() or peer


def _address(request: Request) -> str:
    peer = request.client.host if request.client else "?"
    return client_address(peer, request.headers.get("x-forwarded-for", ""))


async def _body(request: Request) -> dict:
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise ClassError("a request carries at most {count} bytes", count=MAX_BODY)
    if not raw:
        return {}
    try:
        body = json.loads(raw)
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise ClassError("a request carries one JSON object")
    return body


async def off(call, *args):
    """Run one of the room's calls on a worker thread: a Redis round trip never holds up
    the server's event loop (which also serves the app)."""
    return await run_in_threadpool(call, *args)


def _view(body: object) -> View:
    """A view from a request's JSON (checked by the rules when it is used)."""
    try:
        return View(**body)
    except TypeError as error:
        raise ClassError("a view is a page, its settings, a step and whether it plays") from error


def class_routes(room: Classroom, hub: Hub | None = None) -> list[Route]:
    """The routes of the live class over ``room`` (its store tells ``hub`` of changes)."""
    hub = hub or Hub()
    room.store.add_listener(hub.heard)

    def refusals(handler):
        async def guarded(request: Request):
            try:
                return await handler(request)
            except ClassError as error:
                status = 403 if isinstance(error, NotTeacher) else 400
                status = 404 if isinstance(error, NoClass) else status
                return JSONResponse(
                    {"error": str(error), "template": error.template, "values": error.values},
                    status_code=status,
                )

        return guarded

    def code_of(request: Request) -> str:
        typed = request.path_params["code"]
        return normalised_code(typed) or typed[:12]

    def key(request: Request) -> str:
        return request.headers.get("x-teacher-key", "")

    async def start(request: Request):
        body = await _body(request)
        view = _view(body["view"]) if "view" in body else None
        started = await off(room.start, _address(request), view)
        return JSONResponse(asdict(started))

    async def join(request: Request):
        body = await _body(request)
        student = await off(
            room.join,
            code_of(request),
            _address(request),
            str(body.get("nickname", "")),
            body.get("again"),
        )
        return JSONResponse({"student": student})

    async def state(request: Request):
        return JSONResponse(asdict(await off(room.state, code_of(request), key(request))))

    async def events(request: Request):
        code = code_of(request)
        await off(room.state, code)  # a class that exists
        headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
        return StreamingResponse(hub.stream(code), media_type="text/event-stream", headers=headers)

    async def show(request: Request):
        view = _view(await _body(request))
        return JSONResponse(
            {"revision": await off(room.show, code_of(request), key(request), view)}
        )

    async def gather(request: Request):
        return JSONResponse({"revision": await off(room.gather, code_of(request), key(request))})

    async def ask(request: Request):
        body = await _body(request)
        try:
            asked = Asked(**{**body, "choices": tuple(body.get("choices", ()))})
        except TypeError as error:
            raise ClassError("a question is a prompt, a kind, an answer and its choices") from error
        return JSONResponse(
            {"question": await off(room.ask, code_of(request), key(request), asked)}
        )

    async def reveal(request: Request):
        return JSONResponse(asdict(await off(room.reveal, code_of(request), key(request))))

    async def end(request: Request):
        await off(room.end, code_of(request), key(request))
        return JSONResponse({"ended": True})

    async def answer(request: Request):
        body = await _body(request)
        given = await off(
            room.answer, code_of(request), str(body.get("student", "")), body.get("answer", "")
        )
        return JSONResponse({"answer": given})

    base = "/api/class"
    return [
        Route(base, refusals(start), methods=["POST"]),
        Route(base + "/{code}", refusals(state), methods=["GET"]),
        Route(base + "/{code}/events", refusals(events), methods=["GET"]),
        Route(base + "/{code}/join", refusals(join), methods=["POST"]),
        Route(base + "/{code}/show", refusals(show), methods=["POST"]),
        Route(base + "/{code}/gather", refusals(gather), methods=["POST"]),
        Route(base + "/{code}/ask", refusals(ask), methods=["POST"]),
        Route(base + "/{code}/reveal", refusals(reveal), methods=["POST"]),
        Route(base + "/{code}/end", refusals(end), methods=["POST"]),
        Route(base + "/{code}/answer", refusals(answer), methods=["POST"]),
    ]
