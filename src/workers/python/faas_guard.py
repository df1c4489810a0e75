"""Limits the worker's own life: an optional memory cap, and exit when the server that started it is gone."""
import os
import threading
import time


def limit_memory():
    """FAAS_MEMORY_LIMIT_MB caps the address space (RLIMIT_AS): the OS refuses allocations past it."""
    megabytes = os.environ.get("FAAS_MEMORY_LIMIT_MB")
    if not megabytes:
        return
    try:
        import resource

        limit = int(megabytes) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError) as error:
        os.write(2, f"faas: could not apply the memory limit: {error}\n".encode())


def watch_parent(interval=0.5):
    """Exit at once when re-parented (the server died, even by kill -9), though a call is still running."""
    parent = os.getppid()

    def watch():
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="faas-parent-watch", daemon=True).start()
