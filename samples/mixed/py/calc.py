def py_hello(name: str) -> str:
    return "Hello " + name + " from Python"


def mul(a, b):
    return a * b
