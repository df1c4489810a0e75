"""The platform services behind `import faas` (docs/services.md): the app's log, KV store and env,
as requests from this worker to the server over the protocol pipe (docs/protocol.md, "Worker requests").

Calls are synchronous. Who reads the server's reply depends on who is reading the worker's input:
- the reader thread is free-running (calls on pool threads or the event loop): it hands each reply to
  the waiting thread;
- nobody is reading (an ordered worker's call runs on the reader thread, or waits there for a
  coroutine; or the app is loading): the caller reads the input itself until its reply comes, keeping
  the requests it reads meanwhile (calls queued behind this one) for the reader, in order.
"""
import collections
import contextvars
import itertools
import json
import threading
import types

from faas_input import parse

# The execution of the running call (set by the worker around each call; None outside one).
CURRENT = contextvars.ContextVar("faas_execution", default=None)


class FaasError(Exception):
    """A platform service refused a request (e.g. a KV value over its size limit)."""


class Services:
    def __init__(self, chan, input_file):
        self.chan = chan
        self.input = input_file
        self.backlog = collections.deque()  # lines read by a caller, for the reader, in order
        self.self_read = True  # True while nobody else reads the input (set by the worker)
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._input_lock = threading.Lock()
        self._waiting = {}  # id -> [event, reply] (reader-thread mode)
        self._replies = {}  # id -> reply (self-read mode)
        self._encode = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode

    def lines(self):
        """The worker's input: first what callers read on the reader's behalf, then the pipe."""
        backlog, readline = self.backlog, self.input.readline
        while True:
            while backlog:
                yield backlog.popleft()
            line = readline()
            if line is None:
                return
            yield line

    def on_reply(self, msg):
        """A reply read by the reader thread (a line with a string id and no method)."""
        with self._lock:
            slot = self._waiting.get(msg.get("id"))
        if slot is not None:
            slot[1] = msg
            slot[0].set()

    def notify(self, method, params):
        self.chan.send('{"jsonrpc":"2.0","method":"%s","params":%s}\n' % (method, self._encode(params)))

    def request(self, method, params):
        rid = "w%d" % next(self._ids)
        line = '{"jsonrpc":"2.0","id":"%s","method":"%s","params":%s}\n' % (rid, method, self._encode(params))
        if self.self_read:
            self.chan.send(line)
            msg = self._read_until(rid)
        else:
            slot = [threading.Event(), None]
            with self._lock:
                self._waiting[rid] = slot
            self.chan.send(line)
            slot[0].wait()
            with self._lock:
                del self._waiting[rid]
            msg = slot[1]
        error = msg.get("error")
        if error is not None:
            raise FaasError(error.get("message", "the request failed") if type(error) is dict else str(error))
        return msg.get("result")

    def _read_until(self, rid):
        with self._input_lock:
            while rid not in self._replies:
                line = self.input.readline()
                if line is None:
                    raise FaasError("the server closed the pipe before answering")
                try:
                    msg = parse(line)
                except (ValueError, RecursionError):
                    msg = None
                if type(msg) is dict and "method" not in msg and type(msg.get("id")) is str:
                    self._replies[msg["id"]] = msg
                else:
                    self.backlog.append(line)
            return self._replies.pop(rid)


def _text(value, what):
    if type(value) is str:
        return value
    if type(value) in (int, float, bool):
        return str(value)
    raise TypeError("%s: expected a string, got %s" % (what, type(value).__name__))


def module(services):
    """The `faas` module user code imports."""
    faas = types.ModuleType("faas", "Platform services of the app: faas.log, faas.kv, faas.env (docs/services.md).")

    def logger(level):
        def log(*parts):
            message = " ".join(p if type(p) is str else repr(p) for p in parts)
            services.notify("faas.log", {"execution": CURRENT.get(), "level": level, "message": message})
        log.__name__ = level
        return log

    faas.log = types.SimpleNamespace(info=logger("info"), debug=logger("debug"), warn=logger("warn"),
                                     warning=logger("warn"), error=logger("error"))
    faas.kv = types.SimpleNamespace(
        get=lambda key: services.request("faas.kv.get", {"key": _text(key, "kv.get")}),
        set=lambda key, value: services.request("faas.kv.set", {"key": _text(key, "kv.set"), "value": _text(value, "kv.set")}),
        delete=lambda key: services.request("faas.kv.delete", {"key": _text(key, "kv.delete")}),
        list=lambda prefix="": services.request("faas.kv.list", {"prefix": _text(prefix, "kv.list")}),
    )
    faas.env = types.SimpleNamespace(
        get=lambda name: services.request("faas.env.get", {"name": _text(name, "env.get")}),
        set=lambda name, value: services.request("faas.env.set", {"name": _text(name, "env.set"), "value": _text(value, "env.set")}),
        delete=lambda name: services.request("faas.env.delete", {"name": _text(name, "env.delete")}),
    )
    faas.FaasError = FaasError
    faas.execution_id = CURRENT.get
    return faas
