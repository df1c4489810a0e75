"""JSON-RPC 2.0 output side of the worker protocol (see docs/protocol.md).

Every reply is one compact JSON object on one line, written with a single os.write under a lock,
so replies from the event loop and from pool threads never interleave.
"""
import json
import os
import sys
import threading
import traceback

USER_ERROR = -32000
NOT_SERIALISABLE = -32002
PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
INTERNAL_ERROR = -32603

# Marks a request without an "id" (a JSON-RPC notification): it gets no reply.
NOTIFICATION = object()

# Encoders are built once: json.dumps with non-default options builds a new encoder every call.
# allow_nan=False because NaN / Infinity are not JSON and the server relays our bytes unchanged.
_encode = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode
_encode_ascii = json.JSONEncoder(separators=(",", ":"), allow_nan=False).encode
_c_make_encoder = json.encoder.c_make_encoder
_encode_str = json.encoder.encode_basestring


def _not_serialisable(o):
    raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


def encode(value):
    """Compact JSON, as _encode gives it, for a call's result: the common types without the encoder
    object's Python layers, the rest with json's C encoder built for this call (its circular-reference
    markers are per call, so threads and failed calls never share them)."""
    t = type(value)
    if t is int:
        return int.__repr__(value)
    if t is str:
        return _encode_str(value)
    if value is None:
        return "null"
    if t is bool:
        return "true" if value else "false"
    if _c_make_encoder is None:
        return _encode(value)
    return "".join(_c_make_encoder({}, _not_serialisable, _encode_str, None, ":", ",", False, False, False)(value, 0))


def _id_json(rid):
    return str(rid) if type(rid) is int else _encode_ascii(rid)


def log_exception(exc, context=""):
    """Write a traceback to the app log (stderr) in one write, so threads do not interleave."""
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    try:
        sys.stderr.write(context + text)
        sys.stderr.flush()
    except Exception:
        pass


def exc_message(exc):
    try:
        return str(exc) or type(exc).__name__
    except Exception:  # a user exception whose __str__ itself fails
        return type(exc).__name__


def _stack(exc):
    """The traceback as text, for the execution record (where in the app's files it was raised)."""
    try:
        return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))[-8192:]
    except Exception:  # a hostile exception: the message and type still answer the call
        return None


class Channel:
    """The protocol's stdout: a private duplicate of the original fd 1."""

    def __init__(self, fd):
        self._fd = fd
        self._lock = threading.Lock()
        self._broken = False

    def send(self, text):
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            # Lone surrogates (e.g. from "\ud800" in a request) cannot be UTF-8: re-encode as ASCII
            # JSON, where they become \u escapes.
            data = _reencode_ascii(text).encode("ascii")
        try:
            with self._lock:
                written = os.write(self._fd, data)
                if written < len(data):
                    # os.write may write less than asked (signals, huge replies): write the rest.
                    view = memoryview(data)[written:]
                    while view:
                        view = view[os.write(self._fd, view):]
        except OSError as exc:  # the server is gone: nobody is left to tell
            if not self._broken:
                self._broken = True
                log_exception(exc, "faas worker: cannot write replies\n")

    def result(self, rid, value, name="function"):
        if rid is NOTIFICATION:
            return
        try:
            body = encode(value)
        except (TypeError, ValueError, RecursionError) as exc:
            msg = "The result of '%s' is not JSON-serialisable: %s" % (name, exc_message(exc))
            self.error(rid, NOT_SERIALISABLE, msg, type(exc).__name__)
            return
        self.send('{"jsonrpc":"2.0","id":' + (str(rid) if type(rid) is int else _encode_ascii(rid))
                  + ',"result":' + body + "}\n")

    def raw_result(self, rid, body):
        """Reply with an already-encoded JSON result."""
        if rid is not NOTIFICATION:
            self.send('{"jsonrpc":"2.0","id":' + _id_json(rid) + ',"result":' + body + "}\n")

    def error(self, rid, code, message, type_name=None, stack=None):
        if rid is NOTIFICATION:
            return
        err = {"code": code, "message": message}
        if type_name is not None:
            err["data"] = {"type": type_name}
            if stack is not None:
                err["data"]["stack"] = stack
        self.send('{"jsonrpc":"2.0","id":' + _id_json(rid) + ',"error":' + _encode(err) + "}\n")

    def exception(self, rid, exc):
        """Reply -32000 for an exception raised by user code."""
        self.error(rid, USER_ERROR, exc_message(exc), type(exc).__name__, _stack(exc))


    def call_failed(self, rid, name, sig, args, kwargs, exc):
        """Reply for a call that raised: -32602 when the arguments do not bind to the signature
        (a TypeError is the caller's fault then), else -32000 with the exception's message."""
        if type(exc) is TypeError and sig is not None:
            try:
                sig.bind(*args, **(kwargs or {}))
            except TypeError as bad:
                self.error(rid, INVALID_PARAMS, "%s: %s" % (name, bad), "TypeError")
                return
        tb = exc.__traceback__
        if tb is not None and tb.tb_next is not None:
            exc = exc.with_traceback(tb.tb_next)  # drop the worker's own frame from the log
        log_exception(exc, "faas worker: %s raised\n" % name)
        self.exception(rid, exc)


def _reencode_ascii(text):
    return _encode_ascii(json.loads(text)) + "\n"
