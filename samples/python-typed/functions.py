"""Typed and untyped functions for the Python worker (see docs/protocol.md)."""
import asyncio
from os.path import join  # imported: must NOT be exported


def multiply(a: int, b: int) -> int:
    return a * b


def divide(a: float, b: float) -> float:
    return a / b  # b == 0 raises ZeroDivisionError("division by zero")


def concat(a: str, b: str) -> str:
    return a + b


def is_even(n: int) -> bool:
    return n % 2 == 0


def tags(items: list) -> dict:
    return {str(item): len(str(item)) for item in items}


def hello(name):
    return "Hello " + str(name) + "!"


def nothing():
    return None


async def slow_double(x: int, delay: float = 0.1) -> int:
    await asyncio.sleep(delay)
    return x * 2


def noisy(x):
    print("noisy called with", x)
    return x


def page():
    return "<html><body>hi</body></html>"


def _private():
    return "hidden"
