"""``build --executor dask`` on a real Dask LocalCluster (2 worker processes):
the same files, bytes and manifest as the local pool; incremental skipping,
failures and --fail-fast as there; a worker killed midway costs nothing."""
from __future__ import annotations

import json
import logging
import os
import signal
import zipfile
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from reportgen.batch import build
from reportgen.project import ExecutorConfig, load_project

from .helpers import make_project, outputs, run_main, write_district

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as c:
        yield c


@pytest.fixture
def client(cluster):
    with distributed.Client(cluster, set_as_default=False) as c:
        c.wait_for_workers(2)  # a worker killed by an earlier test is back
        yield c


@pytest.fixture
def dask(cluster, client) -> ExecutorConfig:
    return ExecutorConfig("dask", cluster.scheduler_address)


@pytest.fixture(autouse=True)
def same_stamp(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # DOCX dates: byte-identical rebuilds


def documents(out) -> dict[str, dict]:
    """The manifest's entries, less what two builds never share: the files'
    times, and a DOCX's sha256 (its zip members carry the time they were written)."""
    docs = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]
    return {e["path"]: {k: v for k, v in e.items()
                        if k != "mtime_ns" and not (k == "sha256" and e["format"] == "docx")} for e in docs}


def content(path) -> bytes | dict[str, bytes]:
    """A PDF's bytes; a DOCX's parts (the same bytes but for the zip's times)."""
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as z:
            return {name: z.read(name) for name in z.namelist()}
    return path.read_bytes()


def assert_valid(out, names) -> None:
    for name in names:
        if name.endswith(".pdf"):
            assert len(PdfReader(out / name).pages) >= 1
        else:
            assert Document(out / name).paragraphs
    assert list(out.rglob("*.part")) == []


def test_dask_builds_what_the_local_pool_builds(tmp_path, dask):
    root = make_project(tmp_path / "proj", count=6, formats=("docx", "pdf"), templates=("brief", "district-overview"))
    local = build(load_project(root, tmp_path / "local"), jobs=2)
    remote = build(load_project(root, tmp_path / "dask"), executor=dask)
    assert local.exit_code == remote.exit_code == 0, remote.failed
    names = outputs(tmp_path / "local")
    assert len(names) == 14 and outputs(tmp_path / "dask") == names
    for name in names:
        assert content(tmp_path / "dask" / name) == content(tmp_path / "local" / name), name
    assert documents(tmp_path / "dask") == documents(tmp_path / "local")
    assert sorted(j.rel for j in remote.built) == names  # each document once
    assert_valid(tmp_path / "dask", names)


def test_incremental_builds_skip_what_dask_built(tmp_path, dask):
    root = make_project(tmp_path / "proj", count=3, formats=("docx", "pdf"))
    assert build(load_project(root), executor=dask).exit_code == 0
    again = build(load_project(root), executor=dask)
    assert again.built == [] and len(again.skipped) == 6
    assert build(load_project(root), jobs=1).built == []  # the local pool agrees
    write_district(root, "d001", "第1区", 99)
    changed = build(load_project(root), executor=dask)
    assert sorted(j.rel for j in changed.built) == ["brief/第1区.docx", "brief/第1区.pdf"]


def test_failures_are_reported_as_by_the_local_pool(tmp_path, dask):
    root = make_project(tmp_path / "proj", count=4, formats=("docx", "pdf"))
    (root / "data" / "d002.yaml").write_text("district:\n  name: 第2区\n", encoding="utf-8")  # no n
    local = build(load_project(root, tmp_path / "local"), jobs=2)
    remote = build(load_project(root, tmp_path / "dask"), executor=dask)
    assert local.exit_code == remote.exit_code == 1
    assert [(label, str(e)) for label, e in sorted(remote.failed)] == \
        [(label, str(e)) for label, e in sorted(local.failed)]
    message = str(remote.failed[0][1])
    assert "brief.md.j2" in message and "第2区" in message and "cache" not in message  # the client's file
    assert documents(tmp_path / "dask") == documents(tmp_path / "local")
    assert len(outputs(tmp_path / "dask")) == 6


def test_fail_fast_stops_handing_out_work(tmp_path, dask):
    root = make_project(tmp_path / "proj", count=30, formats=("docx",))
    # not the first record: the check stage renders that one and would stop the build before any work
    (root / "data" / "d003.yaml").write_text("district:\n  name: 第3区\n", encoding="utf-8")  # fails early
    result = build(load_project(root), executor=dask, fail_fast=True)
    assert result.exit_code == 1 and len(result.failed) == 1
    assert len(result.built) < 29  # at most what was in flight
    assert_valid(root / "output", outputs(root / "output"))


def test_a_worker_killed_midway_leaves_every_document_present_and_valid(tmp_path, dask, client):
    root = make_project(tmp_path / "proj", count=30, formats=("docx", "pdf"))
    victim = list(client.run(os.getpid).values())[0]
    killed = []

    def on_event(kind, job, error):
        if not killed:  # the first document is done, most are still to come
            os.kill(victim, signal.SIGKILL)
            killed.append(job)

    result = build(load_project(root), executor=dask, on_event=on_event)
    assert killed and result.exit_code == 0, result.failed
    names = outputs(root / "output")
    assert len(names) == 60 and sorted(j.rel for j in result.built) == names
    assert_valid(root / "output", names)
    docs = documents(root / "output")
    assert sorted(docs) == names and all(e["status"] == "built" for e in docs.values())
    assert victim not in client.run(os.getpid).values()


def test_reportgen_yaml_names_the_scheduler(tmp_path, dask):
    root = make_project(tmp_path / "proj", count=2)
    with open(root / "reportgen.yaml", "a", encoding="utf-8") as fh:
        fh.write(f"executor: {{kind: dask, scheduler: '{dask.scheduler}'}}\n")
    project = load_project(root)
    assert project.executor == dask
    assert run_main("build", "--project", str(root), "-q") == 0
    assert len(outputs(root / "output")) == 2


def test_a_scheduler_that_cannot_be_reached_is_a_usage_error(tmp_path, monkeypatch):
    from reportgen.batch import dask_executor
    from reportgen.errors import UsageError

    monkeypatch.setattr(dask_executor, "CONNECT_SECONDS", 1)  # nothing listens there: do not wait long
    root = make_project(tmp_path / "proj", count=1)
    with pytest.raises(UsageError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        build(load_project(root), executor=ExecutorConfig("dask", "tcp://127.0.0.1:9"))


def test_a_font_file_a_worker_lacks_comes_from_the_client(tmp_path, client):
    """The kit names a font file at a path no worker has: the worker says
    what it lacks, gets it once (with the template), and the outcome names
    the client's font file."""
    from dataclasses import replace

    from reportgen.batch.dask_executor import Kits
    from reportgen.batch.dask_worker import RemoteTask, receive, run_remote
    from reportgen.batch.inputs import sha256_bytes
    from reportgen.batch.plan import plan
    from reportgen.batch.worker import Output, Task
    import reportlab
    from reportgen.project import load_all_records, load_shared
    from reportgen.writers import build_stamp

    root = make_project(tmp_path / "proj", count=1, formats=("pdf",))
    unique = sha256_bytes(str(tmp_path).encode())  # new content each run: never in a worker's cache
    with open(root / "templates" / "brief" / "brief.md.j2", "a", encoding="utf-8") as fh:
        fh.write(f"\n{{# {unique} #}}\n")
    vera = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"  # set for Latin text in place of Times
    data = vera.read_bytes() + unique.encode()
    project = load_project(root)
    job = plan(project, load_all_records(project)[0], ("pdf",))[0][0]
    task = Task(job.template, job.record, (Output("pdf", str(job.out), job.rel),))
    kits = Kits(load_shared(project), (None, {}, None, build_stamp()))
    elsewhere = str(tmp_path / "only-on-the-client" / "serif.ttf")  # exists nowhere
    key = f"font:{sha256_bytes(data)}"
    remote = RemoteTask(replace(kits.kit(task.template), font_files=((elsewhere, key),),
                                project_fonts=(("Times New Roman", elsewhere),)), task)

    first = client.submit(run_remote, remote, pure=False).result()
    assert key in first.missing and remote.kit.template in first.missing
    blobs = {k: kits.payload(k) for k in first.missing if k != key}
    client.run(receive, {**blobs, key: ("serif.ttf", data)}, workers=[first.worker])
    second = client.submit(run_remote, remote, pure=False, workers=[first.worker]).result()
    assert second.missing == () and second.outcomes[0].ok, second.outcomes
    assert elsewhere in second.outcomes[0].fonts  # the client's name for the file
    assert second.outcomes[0].data.startswith(b"%PDF")
