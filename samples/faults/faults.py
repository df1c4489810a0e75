"""Functions that misbehave on purpose, for the runtime's fault tests."""
import os
import time


def die(code: int):
    os._exit(code)


def py_spin():
    while True:
        pass


def hog_mb(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def sleepy(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def py_pid() -> int:
    return os.getpid()
