"""JSON-RPC 2.0 input side of the worker protocol (see docs/protocol.md): one message per line.

The pipe is read in big chunks (one os.read takes every frame the server has queued), each chunk's
complete lines are decoded at once and split on "\\n" here, and a frame is parsed with the C scanner
directly: json.loads on bytes costs about twice as much per frame (encoding detection, a decode and
two regex matches around the scan). Whatever the fast path does not take (bad UTF-8, leading
whitespace, trailing garbage, not JSON) goes through json.loads, so the errors are json's own.
"""
import collections
import json
import os
import threading

_scan = json.decoder.JSONDecoder().scan_once
_CHUNK = 1 << 16


def parse(line):
    """The message on one line (str, or bytes when it is not valid UTF-8); raises like json.loads."""
    if type(line) is str:
        try:
            msg, end = _scan(line, 0)
            if end == len(line):
                return msg
        except (StopIteration, ValueError):
            pass  # json.loads below raises the error with its position
    return json.loads(line)


class Input:
    """The protocol's stdin: a private duplicate of the original fd 0, read as lines without "\\n"."""

    def __init__(self, fd):
        self._fd = fd
        self._lines = collections.deque()  # complete lines read, not taken yet
        self._partial = []  # chunks of the line being received (no "\n" yet)
        self._eof = False
        self._lock = threading.Lock()

    def readline(self):
        """The next line: a str (or bytes, if not valid UTF-8) without its "\\n"; None at the end."""
        while True:
            try:
                return self._lines.popleft()
            except IndexError:
                with self._lock:  # one thread at a time reads and splits (each chunk in order)
                    if not self._lines and not self._fill():
                        return None

    def _fill(self):
        """Reads until at least one more line is complete; False at the end of input."""
        partial = self._partial
        while not self._eof:
            chunk = os.read(self._fd, _CHUNK)
            if not chunk:
                self._eof = True
                break
            cut = chunk.rfind(b"\n")
            if cut < 0:
                partial.append(chunk)  # joined once the line ends: no quadratic copying of big frames
                continue
            if partial:
                partial.append(chunk[:cut])
                data = b"".join(partial)
                partial.clear()
            else:
                data = chunk[:cut]
            if cut + 1 < len(chunk):
                partial.append(chunk[cut + 1:])
            self._add(data)
            return True
        if partial:  # the last line had no "\n"
            data = b"".join(partial)
            partial.clear()
            self._add(data)
            return True
        return False

    def _add(self, data):
        try:
            # Like json.loads on bytes: UTF-8, lone surrogates kept as they were encoded.
            self._lines.extend(data.decode("utf-8", "surrogatepass").split("\n"))
        except UnicodeDecodeError:
            for raw in data.split(b"\n"):
                try:
                    self._lines.append(raw.decode("utf-8", "surrogatepass"))
                except UnicodeDecodeError:
                    self._lines.append(raw)  # json.loads reports it
