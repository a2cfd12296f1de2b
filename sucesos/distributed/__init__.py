"""Scale-out on Dask distributed: `sucesos extract` and `sucesos ingest` over a partitioned archive.

- `partitions`: an archive (folders of JSONL/Parquet/loose files, fsspec paths) cut into partitions.
- `worker`: the pipeline loaded once per worker process, and the per-partition tasks.
- `runner`: partitions handed to the cluster, results committed once on the driver.
- `extract`, `ingest`: the two commands' distributed runs, resumable.
- `cluster`: a client on an existing scheduler or on local worker processes.

See docs/distributed.md.
"""
