"""One assistant call at a time from the UI's handlers, also across a streamed answer:
`locked_stream` holds the lock on one worker thread for the whole stream."""
from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

_END = object()


def locked_stream(lock, make_stream: Callable[[], Iterable[Any]]) -> Iterator[Any]:
    """The items of `make_stream()`, produced on a worker thread that holds `lock` for the whole
    stream and hands them over through a queue.

    Gradio runs each step of a synchronous generator on whichever worker thread is free, so a
    lock held across `yield` would be taken on one thread and released on another ("cannot
    release un-acquired lock", and the lock stays taken: every later chat hangs), or re-entered
    by another request that lands on the owning thread. Here the lock is taken and released on
    one thread, which also finishes (and releases) when the browser goes away mid-answer."""
    items: queue.Queue = queue.Queue()

    def run() -> None:
        try:
            with lock:
                for item in make_stream():
                    items.put((True, item))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the consumer
            items.put((False, exc))
        else:
            items.put((False, _END))

    threading.Thread(target=run, name="civic-chat", daemon=True).start()
    while True:
        ok, value = items.get()
        if ok:
            yield value
        elif value is _END:
            return
        else:
            raise value
