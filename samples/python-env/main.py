import os


def env(name: str):
    """The value of an environment variable of the app (set by deploy/create), or None."""
    return os.environ.get(name)
