"""Connecting: local worker processes with one thread each, and a clear error for an unreachable scheduler."""

from __future__ import annotations

import os

import pytest

from sucesos.distributed.cluster import dask_client
from sucesos.errors import ConfigError


def test_local_cluster_has_single_threaded_worker_processes():
    with dask_client(local_cluster=2) as client:
        client.wait_for_workers(2, timeout=60)
        assert sorted(client.nthreads().values()) == [1, 1]
        pids = set(client.run(os.getpid).values())
        assert len(pids) == 2 and os.getpid() not in pids  # processes, not threads of this one


def test_unreachable_scheduler_says_what_to_do():
    with pytest.raises(ConfigError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9.*--local-cluster"):
        with dask_client(scheduler="tcp://127.0.0.1:9", connect_timeout=2):
            pass


def test_scheduler_and_local_cluster_are_exclusive():
    with pytest.raises(ConfigError, match="either --scheduler"):
        with dask_client(scheduler="tcp://127.0.0.1:8786", local_cluster=2):
            pass
