"""End-to-end tests of the Python worker: spawn the real worker.py and speak docs/protocol.md.

Run: /root/.pyenv/versions/3.11.7/bin/python3 -m unittest discover -s src/workers/python/tests -v
The worker runs under the same interpreter as the tests (sys.executable).
"""
import faulthandler
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
WORKER = os.path.join(REPO, "src", "workers", "python", "worker.py")
SAMPLES = os.path.join(REPO, "samples")
TIMEOUT = 10  # seconds to wait for any single reply
TEST_TIMEOUT = 90  # hard limit per test: dump stacks and exit instead of hanging

ANY = {"name": "", "id": 20}


def t(name, type_id):
    return {"name": name, "id": type_id}


def make_app(files):
    """A temporary app folder holding the given {relative path: source} files."""
    root = tempfile.mkdtemp(prefix="faas-py-test-")
    for rel, source in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(textwrap.dedent(source))
    return root


class Worker:
    """The real worker process, with a reader thread so every wait has a timeout."""

    def __init__(self, root, env=None):
        self.root = root
        self.stderr = tempfile.TemporaryFile()
        # No __pycache__ folders left in the samples by the tests.
        full_env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", **(env or {}))
        self.proc = subprocess.Popen([sys.executable, "-u", WORKER], cwd=root, env=full_env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.stderr)
        self.lines = queue.Queue()
        self.next_id = 100
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def send(self, obj):
        self.proc.stdin.write(json.dumps(obj).encode("utf-8") + b"\n")
        self.proc.stdin.flush()

    def request(self, method, params=None):
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return self.next_id

    def recv_raw(self, timeout=TIMEOUT):
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError("no reply from the worker within %ss" % timeout)
        if line is None:
            raise AssertionError("worker closed stdout; stderr:\n" + self.log())
        return line

    def recv(self, timeout=TIMEOUT):
        """The next stdout line, which must be one JSON-RPC 2.0 response and nothing else."""
        line = self.recv_raw(timeout)
        assert line.endswith(b"\n"), line
        msg = json.loads(line.decode("utf-8"))
        assert msg.get("jsonrpc") == "2.0" and "id" in msg, line
        assert ("result" in msg) != ("error" in msg), line
        return msg

    def reply_to(self, rid):
        msg = self.recv()
        assert msg["id"] == rid, (msg, rid)
        return msg

    def load(self, scripts, import_paths=None):
        params = {"root": self.root,
                  "scripts": [{"name": s, "path": os.path.join(self.root, s)} for s in scripts]}
        if import_paths is not None:
            params["importPaths"] = import_paths
        return self.reply_to(self.request("load", params))

    def call(self, name, args=None, kwargs=None):
        return self.reply_to(self.start_call(name, args, kwargs))

    def start_call(self, name, args=None, kwargs=None):
        params = {"name": name}
        if args is not None:
            params["args"] = args
        if kwargs is not None:
            params["kwargs"] = kwargs
        return self.request("call", params)

    def close(self, timeout=TIMEOUT):
        """Close stdin (the stop signal) and return the exit code."""
        self.proc.stdin.close()
        return self.proc.wait(timeout=timeout)

    def log(self):
        self.stderr.seek(0)
        return self.stderr.read().decode("utf-8", "replace")

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=TIMEOUT)
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except Exception:
                pass
        self.stderr.close()


class WorkerTestCase(unittest.TestCase):
    def setUp(self):
        faulthandler.dump_traceback_later(TEST_TIMEOUT, exit=True)
        self.workers = []

    def tearDown(self):
        for w in self.workers:
            w.kill()
        faulthandler.cancel_dump_traceback_later()

    def make_app(self, files):
        root = make_app(files)
        self.addCleanup(shutil.rmtree, root, True)
        return root

    def start(self, root, env=None):
        w = Worker(root, env)
        self.workers.append(w)
        return w

    def typed(self):
        w = self.start(os.path.join(SAMPLES, "python-typed"))
        reply = w.load(["functions.py"])
        self.assertIn("result", reply, reply)
        return w, reply["result"]


# A scratch app exercising what the samples do not: blocking calls, raw fd writes, odd results.
SCRATCH = {
    "extra.py": '''
        import os, subprocess, sys, time
        import helper  # another script of the same app, imported by name

        def sleepy(seconds):
            time.sleep(seconds)
            return seconds

        def raw_write():
            os.write(1, b"raw write to fd 1\\n")
            sys.stdout.write("sys.stdout write\\n")
            subprocess.run(["echo", "child process output"], check=True)
            return "ok"

        def read_stdin():
            return sys.stdin.read()  # must not steal protocol input

        def empty_error():
            raise RuntimeError()

        def not_json():
            return {1, 2}

        def not_a_number():
            return float("nan")

        def pair():
            return (1, "two")

        def via_helper(x):
            return helper.twice(x)

        def returns_coroutine(x):
            return helper.later(x)

        def kinds(a, *rest, key=None, **options):
            return [a, list(rest), key, options]
    ''',
    "helper.py": '''
        import asyncio

        def twice(x: list) -> list:
            return x * 2

        async def later(x):
            await asyncio.sleep(0.01)
            return x
    ''',
    "future.py": '''
        from __future__ import annotations
        from typing import List, Optional

        class Point:
            pass

        def typed(a: int, b: "float", c: list[int], d: List[str], e: Point,
                  f: Optional[int]) -> dict:
            return {}

        async def nothing() -> None:
            return None
    ''',
    "bad.py": "def broken(:\n    pass\n",
    "fails.py": "import no_such_module_faas\n",
}


class LoadTests(WorkerTestCase):
    def test_typed_sample_exports_public_functions_in_order(self):
        _, result = self.typed()
        [handle] = result["handles"]
        self.assertEqual(handle["name"], "functions.py")
        names = [f["name"] for f in handle["funcs"]]
        self.assertEqual(names, ["multiply", "divide", "concat", "is_even", "tags", "hello",
                                 "nothing", "slow_double", "noisy", "page"])
        self.assertNotIn("_private", names)  # private helper
        self.assertNotIn("join", names)  # imported from os.path

    def test_typed_sample_signatures(self):
        _, result = self.typed()
        funcs = {f["name"]: f for f in result["handles"][0]["funcs"]}
        self.assertEqual(funcs["multiply"], {"name": "multiply", "async": False, "signature": {
            "ret": {"type": t("int", 4)},
            "args": [{"name": "a", "type": t("int", 4)}, {"name": "b", "type": t("int", 4)}]}})
        sig = {n: ([a["type"] for a in f["signature"]["args"]], f["signature"]["ret"]["type"])
               for n, f in funcs.items()}
        self.assertEqual(sig["divide"], ([t("float", 6)] * 2, t("float", 6)))
        self.assertEqual(sig["concat"], ([t("str", 7)] * 2, t("str", 7)))
        self.assertEqual(sig["is_even"], ([t("int", 4)], t("bool", 0)))
        self.assertEqual(sig["tags"], ([t("list", 9)], t("dict", 10)))
        self.assertEqual(sig["hello"], ([ANY], ANY))
        self.assertEqual(sig["nothing"], ([], ANY))
        self.assertEqual(sig["slow_double"], ([t("int", 4), t("float", 6)], t("int", 4)))
        self.assertEqual([a["name"] for a in funcs["slow_double"]["signature"]["args"]],
                         ["x", "delay"])
        self.assertTrue(funcs["slow_double"]["async"])
        self.assertEqual([n for n, f in funcs.items() if f["async"]], ["slow_double"])

    def test_string_annotations_and_special_parameters(self):
        root = self.make_app(SCRATCH)
        w = self.start(root)
        handles = w.load(["helper.py", "future.py", "extra.py"])["result"]["handles"]
        self.assertEqual([h["name"] for h in handles], ["helper.py", "future.py", "extra.py"])
        future = {f["name"]: f for f in handles[1]["funcs"]}
        self.assertEqual(list(future), ["typed", "nothing"])  # the class Point is not a function
        args = future["typed"]["signature"]["args"]
        self.assertEqual([a["type"] for a in args], [
            t("int", 4), t("float", 6), t("list", 9), t("List", 9), t("Point", 20),
            t("Optional", 20)])
        self.assertEqual(future["typed"]["signature"]["ret"]["type"], t("dict", 10))
        self.assertEqual(future["nothing"]["signature"]["ret"]["type"], t("None", 20))
        self.assertTrue(future["nothing"]["async"])
        extra = {f["name"]: f for f in handles[2]["funcs"]}
        self.assertEqual([a["name"] for a in extra["kinds"]["signature"]["args"]],
                         ["a", "rest", "key", "options"])
        self.assertNotIn("twice", extra)  # imported from helper, exported by helper.py only
        self.assertEqual([f["name"] for f in handles[0]["funcs"]], ["twice", "later"])

    def test_syntax_error_names_the_script(self):
        w = self.start(self.make_app(SCRATCH))
        reply = w.load(["helper.py", "bad.py"])
        self.assertEqual(reply["error"]["code"], -32000)
        self.assertTrue(reply["error"]["message"].startswith("bad.py: SyntaxError: "), reply)
        self.assertEqual(reply["error"]["data"], {"type": "SyntaxError"})
        self.assertEqual(w.close(), 0)

    def test_import_error_names_the_script(self):
        w = self.start(self.make_app(SCRATCH))
        message = w.load(["fails.py"])["error"]["message"]
        self.assertTrue(message.startswith("fails.py: ModuleNotFoundError: "), message)
        self.assertIn("no_such_module_faas", message)

    def test_mixed_app_python_part(self):
        w = self.start(os.path.join(SAMPLES, "mixed"))
        handles = w.load(["py/calc.py"])["result"]["handles"]
        self.assertEqual(handles[0]["name"], "py/calc.py")
        funcs = {f["name"]: f for f in handles[0]["funcs"]}
        self.assertEqual(list(funcs), ["py_hello", "mul"])
        self.assertEqual(funcs["py_hello"]["signature"]["args"][0]["type"], t("str", 7))
        self.assertEqual(funcs["mul"]["signature"]["args"][1], {"name": "b", "type": ANY})
        self.assertEqual(w.call("mul", [3, 4])["result"], 12)
        self.assertEqual(w.call("mul", ["ab", 2])["result"], "abab")
        self.assertEqual(w.call("py_hello", ["Ada"])["result"], "Hello Ada from Python")


class CallTests(WorkerTestCase):
    def test_positional_and_keyword_arguments(self):
        w, _ = self.typed()
        self.assertEqual(w.call("multiply", [6, 7])["result"], 42)
        self.assertEqual(w.call("multiply", kwargs={"b": 3, "a": 5})["result"], 15)
        self.assertEqual(w.call("divide", [7, 2])["result"], 3.5)
        self.assertEqual(w.call("concat", kwargs={"a": "foo", "b": "bar"})["result"], "foobar")
        self.assertIs(w.call("is_even", [4])["result"], True)
        self.assertIs(w.call("is_even", [3])["result"], False)
        self.assertEqual(w.call("tags", [["a", "bb", 3]])["result"], {"a": 1, "bb": 2, "3": 1})
        self.assertEqual(w.call("hello", ["Ada"])["result"], "Hello Ada!")
        self.assertEqual(w.call("hello", kwargs={"name": "Bob"})["result"], "Hello Bob!")

    def test_results_are_compact_json_on_one_line(self):
        w, _ = self.typed()
        rid = w.start_call("page", [])
        self.assertEqual(w.recv_raw(), b'{"jsonrpc":"2.0","id":%d,"result":'
                         b'"<html><body>hi</body></html>"}\n' % rid)
        rid = w.start_call("nothing")
        self.assertEqual(w.recv_raw(), b'{"jsonrpc":"2.0","id":%d,"result":null}\n' % rid)
        rid = w.start_call("concat", ["\u00e9t\u00e9 ", "\u2603\nx"])  # not ASCII-escaped
        self.assertEqual(w.recv_raw(), ('{"jsonrpc":"2.0","id":%d,"result":"\u00e9t\u00e9 \u2603'
                                        '\\nx"}\n' % rid).encode("utf-8"))
        rid = w.start_call("tags", [["x"]])
        self.assertEqual(w.recv_raw(), b'{"jsonrpc":"2.0","id":%d,"result":{"x":1}}\n' % rid)

    def test_large_results_arrive_whole(self):
        w, _ = self.typed()
        big = "\u00e9" * 400000  # 800 kB of UTF-8: far more than a pipe buffer
        ids = [w.start_call("concat", [big, str(i)]) for i in range(3)]
        got = {}
        for _ in ids:
            msg = w.recv()
            got[msg["id"]] = msg["result"]
        self.assertEqual(got, {rid: big + str(i) for i, rid in enumerate(ids)})

    def test_coroutine_is_awaited(self):
        w, _ = self.typed()
        self.assertEqual(w.call("slow_double", [21])["result"], 42)
        self.assertEqual(w.call("slow_double", kwargs={"x": 5, "delay": 0})["result"], 10)

    def test_slow_coroutine_does_not_block_a_fast_call(self):
        w, _ = self.typed()
        slow = w.start_call("slow_double", [1, 0.5])
        fast = w.start_call("multiply", [2, 3])
        first, second = w.recv(), w.recv()
        self.assertEqual((first["id"], first["result"]), (fast, 6))
        self.assertEqual((second["id"], second["result"]), (slow, 2))

    def test_slow_sync_calls_overlap_on_the_thread_pool(self):
        w = self.start(self.make_app(SCRATCH))
        w.load(["helper.py", "extra.py"])
        started = time.monotonic()
        a = w.start_call("sleepy", [1.0])
        b = w.start_call("sleepy", [1.0])
        fast = w.start_call("via_helper", [[1]])
        self.assertEqual(w.recv()["id"], fast)  # not stuck behind the sleepers
        self.assertEqual({w.recv()["id"], w.recv()["id"]}, {a, b})
        self.assertLess(time.monotonic() - started, 1.8)  # in parallel, not 2 s in a row

    def test_many_calls_in_flight(self):
        w, _ = self.typed()
        expected = {}
        for i in range(300):
            if i % 3 == 0:
                expected[w.start_call("slow_double", [i, 0.01])] = i * 2
            else:
                expected[w.start_call("multiply", [i, 2])] = i * 2
        got = {}
        for _ in range(300):
            msg = w.recv()
            self.assertNotIn(msg["id"], got)
            got[msg["id"]] = msg["result"]
        self.assertEqual(got, expected)

    def test_plain_function_returning_a_coroutine(self):
        w = self.start(self.make_app(SCRATCH))
        w.load(["helper.py", "extra.py"])
        self.assertEqual(w.call("returns_coroutine", ["later"])["result"], "later")
        self.assertEqual(w.call("kinds", [1, 2, 3], None)["result"], [1, [2, 3], None, {}])
        self.assertEqual(w.call("kinds", kwargs={"a": 1, "key": "k"})["result"],
                         [1, [], "k", {}])
        self.assertEqual(w.call("pair")["result"], [1, "two"])  # a tuple is a list

    def test_exception_becomes_error_32000(self):
        w, _ = self.typed()
        error = w.call("divide", [1, 0])["error"]
        stack = error["data"].pop("stack")
        self.assertEqual(error, {"code": -32000, "message": "division by zero",
                                 "data": {"type": "ZeroDivisionError"}})
        # For the execution record: where it was raised.
        self.assertRegex(stack, r'python-typed/functions\.py", line \d+, in divide')
        self.assertEqual(w.call("multiply", [2, 2])["result"], 4)  # still serving
        w.close()
        self.assertIn("ZeroDivisionError: division by zero", w.log())  # traceback in the app log

    def test_exception_without_message_uses_class_name(self):
        w = self.start(self.make_app(SCRATCH))
        w.load(["helper.py", "extra.py"])
        self.assertEqual(w.call("empty_error")["error"]["message"], "RuntimeError")

    def test_unknown_function_and_method(self):
        w, _ = self.typed()
        self.assertEqual(w.call("no_such_function", [])["error"]["code"], -32601)
        self.assertEqual(w.call("_private", [])["error"]["code"], -32601)
        self.assertEqual(w.call("join", ["a", "b"])["error"]["code"], -32601)
        rid = w.request("no_such_method", {})
        self.assertEqual(w.reply_to(rid)["error"]["code"], -32601)

    def test_bad_params(self):
        w, _ = self.typed()
        self.assertEqual(w.call("multiply", [1])["error"]["code"], -32602)
        self.assertEqual(w.call("multiply", kwargs={"a": 1, "c": 2})["error"]["code"], -32602)
        self.assertEqual(w.call("slow_double", [1, 2, 3])["error"]["code"], -32602)
        rid = w.request("call", {"name": "multiply", "args": {"a": 1}})
        self.assertEqual(w.reply_to(rid)["error"]["code"], -32602)
        rid = w.request("call", {"args": [1]})
        self.assertEqual(w.reply_to(rid)["error"]["code"], -32602)

    def test_result_not_serialisable(self):
        w = self.start(self.make_app(SCRATCH))
        w.load(["helper.py", "extra.py"])
        for name in ("not_json", "not_a_number"):
            error = w.call(name)["error"]
            self.assertEqual(error["code"], -32002, error)
            self.assertIn(name, error["message"])
        self.assertEqual(w.call("pair")["result"], [1, "two"])

    def test_parse_error(self):
        w, _ = self.typed()
        w.proc.stdin.write(b"this is not json\n")
        w.proc.stdin.flush()
        msg = w.recv()
        self.assertEqual((msg["id"], msg["error"]["code"]), (None, -32700))
        self.assertEqual(w.call("multiply", [1, 1])["result"], 1)


class StreamTests(WorkerTestCase):
    def test_user_output_goes_to_stderr_only(self):
        w = self.start(self.make_app(SCRATCH))
        w.load(["helper.py", "extra.py"])
        self.assertEqual(w.call("raw_write")["result"], "ok")  # recv() checks every stdout line
        w2, _ = self.typed()
        self.assertEqual(w2.call("noisy", [7])["result"], 7)
        self.assertEqual(w.close(), 0)
        self.assertEqual(w2.close(), 0)
        self.assertIsNone(w.lines.get(timeout=TIMEOUT))  # nothing else came out on stdout
        self.assertIsNone(w2.lines.get(timeout=TIMEOUT))
        log = w.log()
        for text in ("raw write to fd 1", "sys.stdout write", "child process output"):
            self.assertIn(text, log)
        self.assertIn("noisy called with 7", w2.log())

    def test_user_code_cannot_read_the_protocol_input(self):
        w = self.start(self.make_app(SCRATCH))
        w.load(["helper.py", "extra.py"])
        self.assertEqual(w.call("read_stdin")["result"], "")
        self.assertEqual(w.call("sleepy", [0])["result"], 0)

    def test_ping(self):
        w = self.start(os.path.join(SAMPLES, "python-typed"))
        rid = w.request("ping")
        self.assertEqual(w.recv_raw(), b'{"jsonrpc":"2.0","id":%d,"result":"pong"}\n' % rid)
        w.load(["functions.py"])
        self.assertEqual(w.reply_to(w.request("ping"))["result"], "pong")

    def test_env_vars_reach_user_code(self):
        w = self.start(os.path.join(SAMPLES, "python-env"), env={"FAAS_TEST_VAR": "hello env"})
        handles = w.load(["main.py"])["result"]["handles"]
        self.assertEqual(handles[0]["funcs"][0]["signature"]["args"],
                         [{"name": "name", "type": t("str", 7)}])
        self.assertEqual(w.call("env", ["FAAS_TEST_VAR"])["result"], "hello env")
        self.assertIsNone(w.call("env", ["FAAS_TEST_UNSET_VAR"])["result"])


class LifecycleTests(WorkerTestCase):
    def test_stdin_eof_exits_zero(self):
        w, _ = self.typed()
        self.assertEqual(w.close(), 0)

    def test_stdin_eof_before_load_exits_zero(self):
        w = self.start(os.path.join(SAMPLES, "python-typed"))
        self.assertEqual(w.close(), 0)

    def test_in_flight_calls_finish_before_exit(self):
        w = self.start(self.make_app(SCRATCH))
        w.load(["helper.py", "extra.py"])
        ids = {w.start_call("sleepy", [0.3]), w.start_call("returns_coroutine", [1])}
        w2, _ = self.typed()
        ids2 = {w2.start_call("slow_double", [4, 0.3]), w2.start_call("multiply", [1, 1])}
        self.assertEqual(w.close(), 0)
        self.assertEqual(w2.close(), 0)
        self.assertEqual({w.recv()["id"], w.recv()["id"]}, ids)
        self.assertEqual({w2.recv()["id"], w2.recv()["id"]}, ids2)


class LocalDependencyTests(WorkerTestCase):
    """The server installs requirements.txt with pip --target; the worker gets it in importPaths."""

    @classmethod
    def setUpClass(cls):
        cls.app = os.path.join(SAMPLES, "python-local-dep")
        cls.target = tempfile.mkdtemp(prefix="faas-py-deps-")
        cmd = [sys.executable, "-m", "pip", "install", "-r", "requirements.txt",
               "--target", cls.target, "--no-index", "--disable-pip-version-check", "--quiet"]
        done = subprocess.run(cmd, cwd=cls.app, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              timeout=180)
        if done.returncode != 0:
            raise AssertionError("pip failed:\n" + done.stdout.decode("utf-8", "replace"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.target, True)

    def test_loads_with_install_dir_in_import_paths(self):
        w = self.start(self.app)
        reply = w.load(["main.py"], import_paths=[self.target])
        funcs = reply["result"]["handles"][0]["funcs"]
        self.assertEqual([f["name"] for f in funcs], ["greet"])
        self.assertEqual(funcs[0]["signature"]["ret"]["type"], t("str", 7))
        self.assertEqual(w.call("greet", ["Ada"])["result"], "Hello, Ada! (from greeting 1.0.0)")

    def test_fails_without_the_install_dir(self):
        w = self.start(self.app)
        message = w.load(["main.py"])["error"]["message"]
        self.assertTrue(message.startswith("main.py: ModuleNotFoundError: "), message)


ORDERED = {
    "seq.py": '''
        import asyncio, os, time

        LOG = []

        def step(name, seconds):
            LOG.append("start " + name)
            time.sleep(seconds)
            LOG.append("end " + name)
            return name

        async def astep(name, seconds):
            LOG.append("start " + name)
            await asyncio.sleep(seconds)
            LOG.append("end " + name)
            return name

        def log():
            return LOG

        def env_has_concurrency():
            return "FAAS_CONCURRENCY" in os.environ

        def boom():
            raise ValueError("boom")
    ''',
}


class OrderedTests(WorkerTestCase):
    """FAAS_CONCURRENCY=1: calls pipelined in stdin run one at a time, in order, each replied first."""

    def ordered(self):
        w = self.start(self.make_app(ORDERED), {"FAAS_CONCURRENCY": "1"})
        reply = w.load(["seq.py"])
        self.assertIs(reply["result"].get("ordered"), True, reply)
        return w

    def test_load_reply_says_ordered_only_when_asked(self):
        self.ordered()
        plain = self.start(self.make_app(ORDERED))
        self.assertNotIn("ordered", plain.load(["seq.py"])["result"])

    def test_pipelined_calls_run_one_at_a_time_in_order(self):
        w = self.ordered()
        ids = [w.start_call("step", ["a", 0.2]), w.start_call("astep", ["b", 0.1]),
               w.start_call("boom"), w.start_call("step", ["c", 0]), w.start_call("log")]
        replies = [w.recv() for _ in ids]
        self.assertEqual([r["id"] for r in replies], ids)
        self.assertEqual([r.get("result") for r in replies[:2]], ["a", "b"])
        self.assertEqual(replies[2]["error"]["message"], "boom")
        self.assertEqual(replies[4]["result"],
                         ["start a", "end a", "start b", "end b", "start c", "end c"])

    def test_the_setting_is_not_visible_to_user_code(self):
        self.assertIs(self.ordered().call("env_has_concurrency")["result"], False)


    def test_frames_in_one_write_and_split_over_many(self):
        w = self.ordered()
        frame = b'{"jsonrpc":"2.0","id":%d,"method":"call","params":{"name":"step","args":["%s",0]}}\n'
        big = "\u00e9\u2603x" * 40000  # 240 kB of 1-, 2- and 3-byte UTF-8: several reads, split mid-character
        data = frame % (1, b"a") + frame % (2, big.encode("utf-8")) + frame % (3, b"c")
        for i in range(0, len(data), 50000):  # 50 kB writes: frames end and start mid-write
            w.proc.stdin.write(data[i:i + 50000])
            w.proc.stdin.flush()
        self.assertEqual([(r["id"], r["result"]) for r in (w.recv(), w.recv(), w.recv())],
                         [(1, "a"), (2, big), (3, "c")])

    def test_odd_lines_get_json_errors_and_the_worker_goes_on(self):
        w = self.ordered()
        ping = b'{"jsonrpc":"2.0","id":%d,"method":"ping"}'
        w.proc.stdin.write(b"\xff\xfe not UTF-8\n" + ping % 1 + b" trailing\n" + b"[" * 100000 + b"\n"
                           + b"  " + ping % 2 + b"\r\n" + ping % 3 + b"\n")
        w.proc.stdin.flush()
        replies = [w.recv() for _ in range(5)]
        self.assertEqual([(r["id"], r.get("error", {}).get("code")) for r in replies[:3]],
                         [(None, -32700)] * 3)  # bad UTF-8, extra data, nested too deep
        self.assertEqual([(r["id"], r.get("result")) for r in replies[3:]], [(2, "pong"), (3, "pong")])

    def test_last_frame_without_a_newline_still_runs(self):
        w = self.ordered()
        w.proc.stdin.write(b'{"jsonrpc":"2.0","id":9,"method":"call","params":{"name":"step","args":["z",0]}}')
        w.proc.stdin.close()
        self.assertEqual(w.recv()["result"], "z")
        self.assertEqual(w.proc.wait(timeout=TIMEOUT), 0)


class EncodeTests(unittest.TestCase):
    """faas_protocol.encode: the same bytes and errors as the JSONEncoder it stands in for."""

    def test_encode_matches_the_json_encoder(self):
        sys.path.insert(0, os.path.dirname(WORKER))
        try:
            import enum
            import faas_protocol as protocol
        finally:
            sys.path.pop(0)
        Level = enum.IntEnum("Level", "LOW HIGH")
        cycle = []
        cycle.append(cycle)
        same = [3, -7, 10 ** 40, 0.1 + 0.2, 1e300, True, False, None, "\u00e9\u2028\"\\\n\ud800",
                [1, {"a": [None, 2.5]}], (1, "two"), {1: 2, None: 3, True: "x"}, Level.HIGH,
                type("Text", (str,), {})("sub")]
        for value in same:
            self.assertEqual(protocol.encode(value), protocol._encode(value), value)
        for value in (float("nan"), [float("-inf")], {1, 2}, cycle, object(), {(1, 2): 3}, 10 ** 5000):
            with self.assertRaises((TypeError, ValueError)) as expected:
                protocol._encode(value)
            with self.assertRaises(type(expected.exception)) as got:
                protocol.encode(value)
            self.assertEqual(str(got.exception), str(expected.exception))


if __name__ == "__main__":
    unittest.main()
