"""Hand partitions to a Dask cluster and commit each result once, on the driver.

Only a bounded window of partitions is in flight or waiting to be
committed, so the driver's memory does not grow with the archive. Dask
re-runs a partition whose worker died (and `retries` times one whose task
raised); a partition that still fails is reported and left uncommitted, so
the next run of the same command picks it up.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sucesos.distributed.partitions import Partition

log = logging.getLogger(__name__)

DEFAULT_RETRIES = 2


@dataclass
class RunOutcome:
    committed: list[int] = field(default_factory=list)  # partition indexes committed in this run
    failed: list[tuple[Partition, str]] = field(default_factory=list)


def window_for(client) -> int:
    """Partitions in flight plus waiting: enough to keep every worker thread busy."""
    threads = sum(client.nthreads().values()) or 1
    return max(4, 3 * threads)


def run_partitions(
    client,
    partitions: Sequence[Partition],
    task: Callable[..., Any],
    task_args: tuple,
    commit: Callable[[Partition, Any], None],
    *,
    ordered: bool,
    retries: int = DEFAULT_RETRIES,
    window: int | None = None,
) -> RunOutcome:
    """Run `task(partition, *task_args)` for each partition on the cluster; `commit` each result.

    With `ordered`, results are committed in the order of `partitions` (a
    result that finishes early waits for the ones before it); otherwise as
    they finish. `commit` runs on the driver; an exception from it stops the
    run, cancelling what is in flight (a re-run resumes).
    """
    from distributed import as_completed

    outcome = RunOutcome()
    if not partitions:
        return outcome
    run_id = uuid.uuid4().hex[:8]
    limit = window or window_for(client)
    queue = iter(enumerate(partitions))
    in_flight: dict[Any, tuple[int, Partition]] = {}
    finished: dict[int, tuple[Partition, Any]] = {}  # position -> (partition, its finished future): ordered runs only
    next_position = 0
    completed = as_completed()

    def refill() -> None:
        while len(in_flight) + len(finished) < limit:
            position, partition = next(queue, (None, None))
            if partition is None:
                return
            future = client.submit(
                task, partition, *task_args, key=f"sucesos-{task.__name__}-{run_id}-{partition.index}", retries=retries, pure=False
            )
            in_flight[future] = (position, partition)
            completed.add(future)

    def settle(partition: Partition, result: Any, error: str | None) -> None:
        if error is not None:
            outcome.failed.append((partition, error))
            return
        commit(partition, result)
        outcome.committed.append(partition.index)

    def fetch(future, partition: Partition) -> tuple[Any, str | None]:
        try:
            return future.result(), None
        except Exception as exc:  # noqa: BLE001 - a lost partition is reported, the others go on
            log.warning("partition %s failed: %s", partition.name, exc)
            return None, f"{type(exc).__name__}: {exc}"
        finally:
            future.release()

    refill()
    try:
        for future in completed:
            position, partition = in_flight.pop(future)
            if ordered:
                # A result that finished early stays in its worker's memory
                # until its turn: the driver holds one partition at a time.
                finished[position] = (partition, future)
                while next_position in finished:
                    waiting_partition, waiting = finished.pop(next_position)
                    settle(waiting_partition, *fetch(waiting, waiting_partition))
                    next_position += 1
            else:
                settle(partition, *fetch(future, partition))
            refill()
    finally:
        pending = list(in_flight) + [future for _, future in finished.values()]
        if pending:
            client.cancel(pending)
    return outcome
