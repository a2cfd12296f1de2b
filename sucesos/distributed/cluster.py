"""A Dask client: on an existing cluster (`--scheduler`) or on local worker processes (`--local-cluster N`)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

from sucesos.errors import ConfigError

log = logging.getLogger(__name__)

INSTALL_HINT = "distributed runs need Dask: pip install 'dask[distributed]'"


def _distributed():
    try:
        import distributed
    except ImportError as exc:
        raise ConfigError(INSTALL_HINT) from exc
    return distributed


@contextlib.contextmanager
def _quiet_dask_logs() -> Iterator[None]:
    """Dask's INFO lines (every connection, every plugin) drown the command's own output; warnings stay."""
    logger = logging.getLogger("distributed")
    level = logger.level
    logger.setLevel(max(level, logging.WARNING))
    try:
        yield
    finally:
        logger.setLevel(level)


@contextlib.contextmanager
def dask_client(*, scheduler: str | None = None, local_cluster: int | None = None, connect_timeout: float = 30.0) -> Iterator:
    """A `distributed.Client`, closed (and a local cluster shut down) on exit.

    A local cluster has one single-threaded worker *process* per core asked
    for: spaCy holds the GIL, so threads would not run extraction in parallel.
    """
    if (scheduler is None) == (local_cluster is None):
        raise ConfigError("give either --scheduler tcp://host:8786 or --local-cluster N, not both")
    distributed = _distributed()
    with _quiet_dask_logs():
        yield from _connect(distributed, scheduler, local_cluster, connect_timeout)


def _connect(distributed, scheduler: str | None, local_cluster: int | None, connect_timeout: float) -> Iterator:
    if scheduler is not None:
        try:
            client = distributed.Client(scheduler, timeout=connect_timeout)
        except OSError as exc:
            raise ConfigError(
                f"cannot reach the Dask scheduler at {scheduler}: {exc}; check the address, or use --local-cluster N to run here"
            ) from exc
        with client:
            yield client
        return
    if local_cluster < 1:
        raise ConfigError("--local-cluster needs at least 1 worker")
    cluster = distributed.LocalCluster(
        n_workers=local_cluster,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # any free port: 8787 may be taken by another cluster on a shared machine
        silence_logs=logging.ERROR,
    )
    with cluster, distributed.Client(cluster) as client:
        yield client
