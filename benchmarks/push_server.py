"""The app with one push channel, for ``benchmarks/class_push.py`` (a measurement, not the
live class): ``st.App`` serves the app and two routes on its own port — a Server-Sent
Events stream that followers hold open, and a POST that a teacher's step sends to them.

Run by the benchmark as ``streamlit run benchmarks/push_server.py``.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import streamlit as st
from starlette.requests import Request
from starlette.responses import PlainTextResponse, StreamingResponse
from starlette.routing import Route

KEEPALIVE = 15.0  # seconds between comments on an idle stream (proxies close silent ones)


class Channel:
    """The last message and a condition followers wait on: no polling, no wake-ups while
    nothing happens."""

    def __init__(self) -> None:
        self.revision = 0
        self.message = ""
        self.changed = asyncio.Condition()

    async def publish(self, message: str) -> None:
        async with self.changed:
            self.revision += 1
            self.message = message
            self.changed.notify_all()


CHANNEL = Channel()


async def events(request: Request) -> StreamingResponse:
    async def stream():
        seen = CHANNEL.revision
        while True:
            async with CHANNEL.changed:
                try:
                    await asyncio.wait_for(
                        CHANNEL.changed.wait_for(lambda seen=seen: CHANNEL.revision != seen),
                        KEEPALIVE,
                    )
                except TimeoutError:
                    yield ": keepalive\n\n"
                    continue
                seen = CHANNEL.revision
                message = CHANNEL.message
            yield f"data: {message}\n\n"

    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return StreamingResponse(stream(), media_type="text/event-stream", headers=headers)


async def step(request: Request) -> PlainTextResponse:
    await CHANNEL.publish((await request.body()).decode()[:200])
    return PlainTextResponse("ok")


app = st.App(
    Path(__file__).resolve().parents[1] / "app.py",
    routes=[
        Route("/api/push/events", events),
        Route("/api/push/step", step, methods=["POST"]),
    ],
)
