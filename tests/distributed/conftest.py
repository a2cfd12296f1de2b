"""A real local Dask cluster (2 worker processes, one thread each) and a small archive.

The cluster is shared by the module's tests: each worker loads the models
once (seconds), then every test's run is short.
"""

from __future__ import annotations

import json
import logging

import pytest

distributed = pytest.importorskip("distributed")

ES = (
    "Hombres armados atacaron a policías municipales en Uruapan, Michoacán, el martes. Dos agentes murieron, informó la fiscalía.",
    "Un grupo armado quemó tres vehículos en Culiacán, Sinaloa, según la policía estatal.",
    "Militares y presuntos integrantes de un cártel se enfrentaron en Aguililla; cuatro civiles resultaron heridos.",
    "Cientos de maestros marcharon de forma pacífica en Oaxaca para exigir mejores salarios.",
)
EN = (
    "Gunmen killed two police officers in Tijuana on Sunday, prosecutors said.",
    "Protesters marched peacefully in Bogota on Friday to demand an end to violence, organizers said.",
    "A roadside bomb injured three soldiers in Cauca, Colombia, the army said on Monday.",
    "Police arrested five suspected gang members in San Pedro Sula, Honduras, officials said.",
)


def write_archive(folder, *, files: int = 12, per_file: int = 3, bad_lines: bool = True):
    """`files` JSONL partitions of short ES/EN reports (each text unique), in a folder."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = ES + EN
    number = 0
    for file_index in range(files):
        lines = []
        for _ in range(per_file):
            base = texts[number % len(texts)]
            record = {"id": f"r{number:03d}", "text": f"{base} (Nota {number}.)", "published": f"2026-03-{1 + number % 28:02d}"}
            lines.append(json.dumps(record, ensure_ascii=False))
            number += 1
        if bad_lines and file_index == 4:
            lines.append("{not json")  # a failure line, in its place
        if bad_lines and file_index == 7:
            lines.append(json.dumps({"id": "empty", "text": "   "}))
        (folder / f"part-{file_index:03d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR
    ) as local_cluster:
        yield local_cluster


@pytest.fixture
def client(cluster):
    with distributed.Client(cluster) as dask_client:
        dask_client.wait_for_workers(2, timeout=120)
        yield dask_client


@pytest.fixture(scope="session")
def archive(tmp_path_factory):
    return write_archive(tmp_path_factory.mktemp("archive") / "news")


@pytest.fixture(scope="session")
def serial_extract(archive, tmp_path_factory):
    """The serial command's output over the archive: what every distributed run must equal."""
    from typer.testing import CliRunner

    from sucesos.cli import app

    out = tmp_path_factory.mktemp("serial") / "serial.jsonl"
    result = CliRunner().invoke(app, ["extract", str(archive), "--out", str(out)])
    assert result.exit_code == 1, result.output  # the archive has two bad inputs
    return out.read_bytes()
