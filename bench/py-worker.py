"""The Python worker alone: pipelined `sum` calls over its pipes, as the server's pool sends them.

Usage: python3 bench/py-worker.py [WORKER_DIR ...]   (default: src/workers/python)
Knobs (environment): CALLS=100000, DEPTH=5 (calls in the worker's stdin at once: the running one +
Faas:Pools:PipelineDepth), ROUNDS=3 (each worker folder in turn, every round).

Starts `python -u worker.py` with FAAS_CONCURRENCY=1 in a throw-away app folder, loads a no-dependency
`sum(a, b)`, then keeps DEPTH call frames (with an execution id, like the server's) in its stdin and
prints, per worker folder and round: wall µs per call and the worker's CPU µs per call (user + system).
Several folders give an A/B of two versions of the worker in one run.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

CALLS = int(os.environ.get("CALLS", "100000"))
DEPTH = int(os.environ.get("DEPTH", "5"))
ROUNDS = int(os.environ.get("ROUNDS", "3"))
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def cpu_ticks(pid):
    """(user, system) CPU ticks of the process so far."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]), int(fields[12])


def run(worker_dir, app):
    proc = subprocess.Popen([sys.executable, "-u", os.path.join(worker_dir, "worker.py")], cwd=app,
                            env=dict(os.environ, FAAS_CONCURRENCY="1", PYTHONDONTWRITEBYTECODE="1"),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    script = os.path.join(app, "main.py")
    load = {"jsonrpc": "2.0", "id": 0, "method": "load",
            "params": {"root": app, "scripts": [{"name": "main.py", "path": script}]}}
    proc.stdin.write((json.dumps(load) + "\n").encode())
    proc.stdin.flush()
    reply = json.loads(proc.stdout.readline())
    assert reply.get("result", {}).get("ordered"), reply
    frame = ('{"jsonrpc":"2.0","id":%d,"method":"call","params":{"name":"sum","args":[1,2],'
             '"execution":"ex_01jf6x9h3k8m2n4p5q6r7s8t%06d"}}\n')
    out, inp = proc.stdin.fileno(), proc.stdout
    # Warm-up, then the measured calls: the server writes each frame on its own, as a slot frees.
    for calls, measured in ((CALLS // 10, False), (CALLS, True)):
        if measured:
            ticks0, t0 = cpu_ticks(proc.pid), time.perf_counter()
        sent = 0
        for sent in range(1, min(DEPTH, calls) + 1):
            os.write(out, (frame % (sent, sent)).encode())
        for done in range(1, calls + 1):
            line = inp.readline()
            if not line.endswith(b',"result":3}\n'):
                raise SystemExit("unexpected reply: %r" % line)
            if sent < calls:
                sent += 1
                os.write(out, (frame % (sent, sent)).encode())
    wall = time.perf_counter() - t0
    per_call = 1e6 / os.sysconf("SC_CLK_TCK") / CALLS
    user, system = ((t - t0) * per_call for t, t0 in zip(cpu_ticks(proc.pid), ticks0))
    proc.stdin.close()
    proc.wait(10)
    return wall * 1e6 / CALLS, user, system


def main():
    dirs = [os.path.abspath(d) for d in sys.argv[1:]] or [os.path.join(REPO, "src", "workers", "python")]
    app = tempfile.mkdtemp(prefix="faas-py-bench-")
    with open(os.path.join(app, "main.py"), "w") as f:
        f.write("def sum(a, b):\n    return a + b\n")
    print("%d calls, %d in the pipe at once; wall and worker CPU in µs per call" % (CALLS, DEPTH))
    for r in range(ROUNDS):
        for d in dirs:
            wall, user, system = run(d, app)
            print("round %d  %-40s wall %6.2f  cpu %6.2f (user %5.2f, system %5.2f)"
                  % (r + 1, d[-40:], wall, user + system, user, system), flush=True)


if __name__ == "__main__":
    main()
