"""Checking many articles on several cores, in input order.

The parent process reads the inputs (files, feed items) with the ordinary readers and sends
batches of Documents to worker processes, which lint them with the run's configuration and
send back their results; results come out in input order, so a run with ``--jobs N`` prints
exactly what ``--jobs 1`` prints. At most a few batches per worker are in flight, so a feed of
any size is checked in bounded memory.

Workers start with the ``fork`` method where the platform has it, after the parent has
loaded the rules and lexicons, so no worker compiles anything; elsewhere each worker loads
them once (from the disk cache, see ``qa.cache``). A single batch is linted in the parent:
small runs never pay for starting processes.
"""
from __future__ import annotations

import itertools
import os
import signal
from collections import deque
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional

from .config import RunConfig
from .document import Document
from .readers import InputProblem, Stdin, input_name_and_kind
from .runner import Checked, Checker

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Future

#: A batch closes at this many characters of text or this many documents, whichever comes first.
BATCH_CHARS = 64_000
BATCH_DOCS = 64
#: Batches in flight per worker: enough to keep workers busy while the oldest batch, which
#: results wait for (they come out in input order), is still being checked; few enough to
#: bound memory (a few MB of text).
IN_FLIGHT = 8
#: Batches of very long articles (one article makes a batch) are held to this many per worker,
#: so that memory stays bounded by a few articles whatever their size.
IN_FLIGHT_LONG = 2

Batch = list[tuple[int, str, str, Document]]  # (input number, name reported, kind, document)

_worker_checker: Optional[Checker] = None


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def warm_up(checker: Checker) -> None:
    """Load every selected rule's data now (in the parent, before workers fork)."""
    from .engine import lint

    lint(Document("Warm-up. “A quotation,” he said.", path="<warm-up>"), checker.settings)


def _init_worker(config: RunConfig, timed: bool) -> None:
    global _worker_checker
    # Ctrl-C reaches the whole process group: the parent stops the run and reports what is
    # done; a worker interrupted in the middle of a batch would only print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _worker_checker is None or _worker_checker.config != config or _worker_checker.timed != timed:
        _worker_checker = Checker(config, timed=timed)
        warm_up(_worker_checker)


def lint_batch(batch: Batch) -> list[Checked]:
    """Lint one batch in a worker; the texts are not sent back (the parent has them)."""
    checker = _worker_checker
    out = []
    for _, path, kind, doc in batch:
        checked = next(checker.check_docs(path, kind, [doc]))
        checked.result.source_text = ""
        checked.doc = None
        out.append(checked)
    return out


def _batches(checker: Checker, inputs: Iterable[tuple[str, bool]], stdin: Optional[Stdin],
             on_problem: Optional[Callable[[InputProblem], None]]) -> Iterator[Batch]:
    batch: Batch = []
    size = 0
    for number, (path, documents) in enumerate(checker.iter_documents(inputs, stdin, on_problem)):
        name, kind = input_name_and_kind(path, stdin)
        for doc in documents:
            batch.append((number, name, kind, doc))
            size += len(doc.text)
            if size >= BATCH_CHARS or len(batch) >= BATCH_DOCS:
                yield batch
                batch, size = [], 0
    if batch:
        yield batch


def _context() -> "multiprocessing.context.BaseContext":
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def iter_checked(checker: Checker, inputs: Iterable[tuple[str, bool]], jobs: int,
                 stdin: Optional[Stdin] = None,
                 on_problem: Optional[Callable[[InputProblem], None]] = None
                 ) -> Iterator[tuple[int, str, Checked]]:
    """(input number, path, checked document) for every document of every input, in input order.

    With ``jobs`` > 1 the work is spread over that many processes; the results are the same.
    Input problems go to ``on_problem`` as the inputs are read.
    """
    batches = _batches(checker, inputs, stdin, on_problem)
    first = next(batches, None)
    second = next(batches, None) if jobs > 1 else None
    if second is None:  # one batch, or one job: no processes to start
        for batch in itertools.chain((first,), batches) if first else ():
            yield from _in_process(checker, batch)
        return
    from concurrent.futures import ProcessPoolExecutor  # ~20 ms of start-up that one job never needs

    warm_up(checker)
    with ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_init_worker,
                             initargs=(checker.config, checker.timed)) as pool:
        pending: deque[tuple[Batch, "Future"]] = deque()
        chars = 0  # of the pending batches' texts
        try:
            for batch in itertools.chain((first, second), batches):  # lazily: a feed may not fit in memory
                pending.append((batch, pool.submit(lint_batch, batch)))
                chars += _chars(batch)
                while len(pending) >= IN_FLIGHT * jobs or (
                        chars > IN_FLIGHT * BATCH_CHARS * jobs and len(pending) >= IN_FLIGHT_LONG * jobs):
                    done = pending.popleft()
                    chars -= _chars(done[0])
                    yield from _collect(*done)
            while pending:
                yield from _collect(*pending.popleft())
        except BaseException:
            for _, future in pending:
                future.cancel()
            raise


def _chars(batch: Batch) -> int:
    return sum(len(doc.text) for *_, doc in batch)


def _in_process(checker: Checker, batch: Batch) -> Iterator[tuple[int, str, Checked]]:
    for number, path, kind, doc in batch:
        yield number, path, next(checker.check_docs(path, kind, [doc]))


def _collect(batch: Batch, future: "Future") -> Iterator[tuple[int, str, Checked]]:
    for (number, path, _, doc), checked in zip(batch, future.result()):
        checked.doc = doc
        checked.result.source_text = doc.original
        yield number, path, checked


def iter_files(checker: Checker, inputs: Iterable[tuple[str, bool]], jobs: int, stdin: Optional[Stdin] = None,
               on_problem: Optional[Callable[[InputProblem], None]] = None
               ) -> Iterator[tuple[str, Iterator[Checked]]]:
    """``Checker.iter_files`` on ``jobs`` processes: (path, its checked documents) in input order
    (for ``-``, the name stdin is reported under).

    Inputs without a document (unreadable, empty) are left out. Fingerprints (for baselines)
    are not computed.
    """
    checked = iter_checked(checker, inputs, jobs, stdin, on_problem)
    for (_, path), group in itertools.groupby(checked, key=lambda item: item[:2]):
        yield path, (c for _, _, c in group)
