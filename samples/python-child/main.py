"""A function that starts a child process which never exits on its own (the process-group tests)."""
import subprocess


def start_child(seconds: int) -> int:
    # The child inherits the worker's stderr (and, through fd 1, the same pipe): it holds the
    # worker's output open for as long as it lives.
    return subprocess.Popen(["sleep", str(seconds)]).pid
