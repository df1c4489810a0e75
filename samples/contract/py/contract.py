"""The worker contract sample (Python): the same functions, with the same behaviour, as the
node, rb, ts and cs samples beside it. tests/Faas.Server.Tests/Contract runs them all.
Names are camelCase like the others, so every language answers the same calls."""
import asyncio
import os


def echo(value):
    """Returns its argument unchanged."""
    return value


def add(a, b):
    return a + b


def fails(message):
    """Raises an error with the given message."""
    raise ValueError(message)


def shout(text):
    """Prints to stdout (which must end up in the app log, never in the result) and returns text."""
    print("contract-stdout:%s" % text)
    return text


async def napMs(ms):  # noqa: N802 (the shared contract name)
    """Waits without blocking other calls."""
    await asyncio.sleep(ms / 1000)
    return ms


def exitWith(code):  # noqa: N802
    """Ends the worker process at once."""
    os._exit(code)


def spin():
    """Never returns, keeping the CPU busy."""
    while True:
        pass
