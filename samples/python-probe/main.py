"""Functions that probe what a worker can reach (the isolation tests): files, env, network, memory, processes."""
import os
import socket
import subprocess


def read(path: str) -> str:
    try:
        with open(path, "rb") as file:
            return "READ:" + file.read(200).decode("utf-8", "replace")
    except OSError as error:
        return "DENIED:" + type(error).__name__


def listdir(path: str) -> str:
    try:
        return "LISTED:" + ",".join(sorted(os.listdir(path)))
    except OSError as error:
        return "DENIED:" + type(error).__name__


def env(name: str):
    return os.environ.get(name, "<unset>")


def env_names() -> list:
    return sorted(os.environ)


def home() -> str:
    return os.path.expanduser("~")


def write_home(name: str) -> str:
    path = os.path.join(os.path.expanduser("~"), name)
    with open(path, "w") as file:
        file.write("ok")
    return path


def connect(port: int) -> str:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=3):
            return "CONNECTED"
    except OSError as error:
        return "FAILED:" + type(error).__name__


def hog_mb(megabytes: int) -> int:
    block = bytearray(megabytes * 1024 * 1024)
    return len(block)


def spawn(count: int, seconds: int) -> dict:
    started = 0
    error = None
    for _ in range(count):
        try:
            subprocess.Popen(["sleep", str(seconds)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            started += 1
        except OSError as failure:
            error = type(failure).__name__
            break
    return {"started": started, "error": error}
