"""A function that starts a child process which never exits on its own (the process-group tests)."""
import subprocess


def start_child(seconds: int) -> int:
    # The child inherits the worker's stderr (and, through fd 1, the same pipe): it holds the
    # worker's output open for as long as it lives.
    return subprocess.Popen(["sleep", str(seconds)]).pid


def hold_with_child(seconds: int) -> int:
    # Still running when the app is deleted: the worker cannot finish it within the grace period.
    child = subprocess.Popen(["sleep", str(seconds)])
    child.wait()
    return child.pid
