import greeting  # installed from ./wheels by requirements.txt (no internet needed)


def greet(name: str) -> str:
    return greeting.hello(name)
