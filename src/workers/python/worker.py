"""Faas Python worker: JSON-RPC 2.0 over stdin/stdout, one object per line (docs/protocol.md).

Run as `python -u worker.py` with the app folder as the current directory. Standard library only.
"""
import os
import sys

# First thing: take the protocol streams off fds 0 and 1 before any other code can touch them.
# fd 1 then points at stderr, so print(), C extensions and child processes all log to stderr;
# fd 0 points at /dev/null, so user code (or its children) cannot swallow our requests.
PROTO_OUT = os.dup(1)
PROTO_IN = os.dup(0)
os.dup2(2, 1)
_null = os.open(os.devnull, os.O_RDONLY)
os.dup2(_null, 0)
os.close(_null)
# Line buffered whatever -u says, so user prints reach the app log promptly.
sys.stdout = open(1, "w", buffering=1, encoding="utf-8", errors="backslashreplace", closefd=False)

import asyncio  # noqa: E402  (everything else comes after the fd shuffle above)
import concurrent.futures  # noqa: E402
import inspect  # noqa: E402
import signal  # noqa: E402
import threading  # noqa: E402

import faas_guard  # noqa: E402
import faas_loader  # noqa: E402
import faas_services  # noqa: E402
from faas_input import Input, parse  # noqa: E402
from faas_pool import CallPool  # noqa: E402
from faas_protocol import (  # noqa: E402
    INTERNAL_ERROR, INVALID_PARAMS, INVALID_REQUEST, METHOD_NOT_FOUND, NOTIFICATION, PARSE_ERROR,
    USER_ERROR, Channel, log_exception)

# Our own folder must not shadow user modules (e.g. an app module called "tests").
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]

# Results of these types are never awaitable: skips inspect.isawaitable on the hot path.
_PLAIN = frozenset([type(None), bool, int, float, str, list, dict, tuple])
_CURRENT_SET = faas_services.CURRENT.set
_CURRENT_RESET = faas_services.CURRENT.reset


class Worker:
    def __init__(self):
        self.chan = Channel(PROTO_OUT)
        self.input = Input(PROTO_IN)
        # `import faas` in user code: the app's log, kv and env through requests to the server.
        self.services = faas_services.Services(self.chan, self.input)
        sys.modules["faas"] = faas_services.module(self.services)
        self.loop = asyncio.new_event_loop()
        # Set before user code loads, so module-level asyncio objects bind to this loop (3.9).
        asyncio.set_event_loop(self.loop)
        self.pool = CallPool(max_threads=64)
        self.funcs = {}  # name -> (function, is_async, signature)
        self.tasks = set()  # in-flight asyncio tasks (a strong reference keeps them alive)
        self.loaded = False
        # FAAS_CONCURRENCY=1: the server runs one call at a time on this worker and may queue the
        # next ones behind it (pipelining). Calls then run in arrival order on the reader thread,
        # each replied to before the next is read: no thread hop, and a queued call never starts
        # before the one ahead of it has answered (the server relies on that to retry them).
        self.ordered = os.environ.pop("FAAS_CONCURRENCY", "") == "1"

    def run(self):
        # Until the app is loaded, requests are handled right here on the main thread with no loop
        # running, so module-level code may use asyncio.run(), signal handlers, etc.
        for line in self.services.lines():
            self.dispatch(line)
            if self.loaded:
                break
        else:
            self.pool.join()
            return
        # From now on the reader thread reads the input all the time, except in ordered mode, where
        # it stops during each call (a service request made then reads its own reply).
        self.services.self_read = self.ordered
        threading.Thread(target=self.read, name="faas-reader", daemon=True).start()
        self.loop.run_forever()

    def read(self):
        try:
            for line in self.services.lines():
                self.dispatch(line)
        except Exception as exc:
            log_exception(exc, "faas worker: reading requests failed\n")
        # End of input: let in-flight sync calls finish (they may hand awaitables to the loop),
        # then wait for every task on the loop, then stop.
        self.pool.join()
        self.loop.call_soon_threadsafe(self.loop.create_task, self.drain())

    async def drain(self):
        while self.tasks:
            await asyncio.wait(set(self.tasks))
        self.loop.stop()

    def dispatch(self, line):
        try:
            msg = parse(line)
        except (ValueError, RecursionError) as exc:  # RecursionError: nested too deep to parse
            if line.strip():
                self.chan.error(None, PARSE_ERROR, "Parse error: %s" % exc)
            return
        if type(msg) is not dict:
            self.chan.error(None, INVALID_REQUEST, "Invalid Request: not an object")
            return
        rid = msg.get("id", NOTIFICATION)
        method = msg.get("method")
        if method is None and type(rid) is str:
            self.services.on_reply(msg)  # the server's answer to one of our requests
            return
        try:
            if method == "call":
                self.call(rid, msg.get("params"))
            elif method == "ping":
                self.chan.raw_result(rid, '"pong"')
            elif method == "load":
                self.on_main(self.load, rid, msg.get("params"))
            else:
                self.chan.error(rid, METHOD_NOT_FOUND, "Method '%s' not found" % (method,))
        except Exception as exc:  # a bug of ours must not stop the worker reading requests
            log_exception(exc, "faas worker: %s failed\n" % (method,))
            self.chan.error(rid, INTERNAL_ERROR, "Internal error: %s" % exc, type(exc).__name__)

    def on_main(self, fn, *args):
        """Run fn on the main thread and wait: user module code may expect the main thread."""
        if threading.current_thread() is threading.main_thread():
            return fn(*args)
        done = concurrent.futures.Future()

        def job():
            try:
                done.set_result(fn(*args))
            except BaseException as exc:
                done.set_exception(exc)
        self.loop.call_soon_threadsafe(job)
        return done.result()

    def load(self, rid, params):
        try:
            handles, table = faas_loader.load(params)
        except ValueError as exc:
            self.chan.error(rid, INVALID_PARAMS, str(exc))
            return
        except faas_loader.LoadError as exc:
            log_exception(exc.__cause__, "faas worker: %s\n" % exc)
            self.chan.error(rid, USER_ERROR, str(exc), exc.type_name)
            return
        asyncio.set_event_loop(self.loop)  # in case a script ran asyncio.run(), which unsets it
        for name, fn, is_async, sig in table:
            # The first script defining a name wins, like the first folder on sys.path.
            self.funcs.setdefault(name, (fn, is_async, sig))
        self.loaded = True
        reply = {"handles": handles, "ordered": True} if self.ordered else {"handles": handles}
        self.chan.result(rid, reply, "load")

    def call(self, rid, params):
        try:
            name = params["name"]
            entry = self.funcs[name]
        except (TypeError, KeyError):
            if type(params) is not dict or type(params.get("name")) is not str:
                self.chan.error(rid, INVALID_PARAMS, "call needs params.name (a string)")
            else:
                self.chan.error(rid, METHOD_NOT_FOUND, "Function '%s' not found" % params["name"])
            return
        args = params.get("args")
        kwargs = params.get("kwargs")
        if (args is not None and type(args) is not list
                or kwargs is not None and type(kwargs) is not dict):
            self.chan.error(rid, INVALID_PARAMS, "args must be an array and kwargs an object")
            return
        if args is None:
            args = ()
        execution = params.get("execution")
        if self.ordered:
            if entry[1]:
                self.wait_on_loop(self.run_async(rid, name, entry, args, kwargs, execution))
                return
            # To the end on this (the reader) thread; inline, as every pipelined call takes this path.
            token = _CURRENT_SET(execution)
            try:
                result = entry[0](*args, **kwargs) if kwargs else entry[0](*args)
                if type(result) not in _PLAIN and inspect.isawaitable(result):
                    self.wait_on_loop(self.run_async(rid, name, (lambda: result, True, None), (), None, execution))
                    return
            except BaseException as exc:  # SystemExit / KeyboardInterrupt from user code are errors too
                self.chan.call_failed(rid, name, entry[2], args, kwargs, exc)
                return
            finally:
                _CURRENT_RESET(token)
            self.chan.result(rid, result, name)
        elif entry[1]:
            coro = self.run_async(rid, name, entry, args, kwargs, execution)
            self.loop.call_soon_threadsafe(self.spawn, coro)
        else:
            self.pool.submit(self.run_sync, rid, name, entry, args, kwargs, execution)

    def run_sync(self, rid, name, entry, args, kwargs, execution=None):
        """Runs on a pool thread and replies from there: no hop back to the event loop."""
        token = faas_services.CURRENT.set(execution)
        try:
            result = entry[0](*args, **kwargs) if kwargs else entry[0](*args)
            if type(result) not in _PLAIN and inspect.isawaitable(result):
                # A plain function returned a coroutine / future: await it on the loop.
                coro = self.run_async(rid, name, (lambda: result, True, None), (), None, execution)
                self.loop.call_soon_threadsafe(self.spawn, coro)
                return
        except BaseException as exc:  # SystemExit / KeyboardInterrupt from user code are errors too
            self.chan.call_failed(rid, name, entry[2], args, kwargs, exc)
            return
        finally:
            faas_services.CURRENT.reset(token)
        self.chan.result(rid, result, name)

    def wait_on_loop(self, coro):
        """Runs coro (which replies itself) on the event loop and waits until it is done."""
        try:
            asyncio.run_coroutine_threadsafe(coro, self.loop).result()
        except BaseException as exc:
            log_exception(exc, "faas worker: waiting for a coroutine failed\n")

    async def run_async(self, rid, name, entry, args, kwargs, execution=None):
        faas_services.CURRENT.set(execution)  # this task's own context
        try:
            result = entry[0](*args, **kwargs) if kwargs else entry[0](*args)
            if type(result) not in _PLAIN and inspect.isawaitable(result):
                result = await result
        except BaseException as exc:  # CancelledError included: the caller still needs a reply
            self.chan.call_failed(rid, name, entry[2], args, kwargs, exc)
            return
        self.chan.result(rid, result, name)

    def spawn(self, coro):
        task = self.loop.create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)


def main():
    # Ctrl+C in the server's terminal reaches us too: the server decides when we stop (it closes
    # stdin). A Python-level handler, unlike SIG_IGN, is not inherited by user child processes.
    signal.signal(signal.SIGINT, lambda signum, frame: None)
    faas_guard.limit_memory()
    faas_guard.watch_parent()
    Worker().run()
    # Exit without waiting for threads user code may have left running: all our work is done.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    os._exit(0)


if __name__ == "__main__":
    main()
