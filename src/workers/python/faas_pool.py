"""A small thread pool for plain (non-async) user functions.

concurrent.futures.ThreadPoolExecutor costs about twice the CPU per call (a Future, a work item and
several locks each); the worker has no use for futures, as each job writes its own reply.
Every job gets a thread of its own as long as fewer than max_threads are busy, so one slow function
never delays another; beyond that, jobs queue until a thread frees up.
"""
import queue
import threading


class CallPool:
    def __init__(self, max_threads, name="faas-call"):
        self._jobs = queue.SimpleQueue()
        self._cond = threading.Condition(threading.Lock())
        self._max = max_threads
        self._name = name
        self._threads = 0
        self._free = 0  # threads waiting for a job that no queued job has claimed yet
        self._backlog = 0  # queued jobs that no thread has claimed (only when all are busy)
        self._pending = 0  # submitted jobs not finished yet

    def submit(self, fn, *args):
        with self._cond:
            self._pending += 1
            if self._free:
                self._free -= 1
            elif self._threads < self._max:
                self._threads += 1
                threading.Thread(target=self._work, name="%s-%d" % (self._name, self._threads),
                                 daemon=True).start()
            else:
                self._backlog += 1
        self._jobs.put((fn, args))

    def _work(self):
        get = self._jobs.get
        while True:
            fn, args = get()
            try:
                fn(*args)
            except BaseException:
                pass  # jobs report their own errors; a thread must survive anything
            with self._cond:
                self._pending -= 1
                if self._backlog:
                    self._backlog -= 1  # this thread takes the next queued job
                else:
                    self._free += 1
                if not self._pending:
                    self._cond.notify_all()

    def join(self):
        """Wait until every submitted job has finished."""
        with self._cond:
            while self._pending:
                self._cond.wait()
