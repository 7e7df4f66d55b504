"""``reportgen build --executor dask`` from the command line: a LocalCluster
started (and stopped) by the build, Ctrl-C, the ``executor:`` key of
reportgen.yaml, and what happens without Dask installed."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reportgen.errors import ConfigError, UsageError
from reportgen.project import ExecutorConfig, load_project

from .helpers import PYTHON, make_project, outputs, run_main
from .test_dask import assert_valid

SRC = str(Path(__file__).resolve().parents[2] / "src")


def _env() -> dict:
    return dict(os.environ, PYTHONPATH=SRC)


def _configure(root: Path, text: str) -> None:
    with open(root / "reportgen.yaml", "a", encoding="utf-8") as fh:
        fh.write(text)


@pytest.mark.parametrize("text, line, words", [
    ("executor: spark\n", 8, "kind 'spark' is unknown"),
    ("executor:\n  kind: dask\n  workers: 4\n", 8, "a mapping with kind and scheduler"),
    ("executor:\n  kind: local\n  scheduler: tcp://h:8786\n", 10, "needs kind: dask"),
    ("executor: [dask]\n", 8, "executor must be local, dask"),
])
def test_a_bad_executor_names_reportgen_yaml_and_the_line(tmp_path, text, line, words):
    root = make_project(tmp_path / "proj", count=1)
    _configure(root, text)
    with pytest.raises(ConfigError, match=words) as err:
        load_project(root)
    d = err.value.diagnostic
    assert d.file.endswith("reportgen.yaml") and d.line == line and "executor:" in d.hint


def test_the_executor_key_reads_a_kind_or_a_mapping(tmp_path):
    root = make_project(tmp_path / "proj", count=1)
    assert load_project(root).executor is None
    _configure(root, "executor: dask\n")
    assert load_project(root).executor == ExecutorConfig("dask", None)


def test_without_dask_the_dask_executor_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    root = make_project(tmp_path / "proj", count=1)
    for name in [m for m in sys.modules if m == "distributed" or m.startswith("distributed.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed: import fails
    assert run_main("build", "--project", str(root), "--executor", "dask") == 2
    err = capsys.readouterr().err
    assert "Dask distributed, which is not installed" in err and "pip install 'reportgen[dask]'" in err
    assert run_main("build", "--project", str(root), "-q") == 0  # the local pool needs no Dask


def test_reportgen_and_the_local_pool_do_not_import_dask(tmp_path):
    root = make_project(tmp_path / "proj", count=2)
    code = ("import sys, reportgen; reportgen.build(sys.argv[1], jobs=2); "
            "assert not any(m.split('.')[0] in ('dask', 'distributed') for m in sys.modules), 'dask imported'")
    proc = subprocess.run([PYTHON, "-c", code, str(root)], capture_output=True, text=True, env=_env(), timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert len(outputs(root / "output")) == 2


def test_scheduler_and_executor_local_contradict(tmp_path, capsys):
    root = make_project(tmp_path / "proj", count=1)
    assert run_main("build", "--project", str(root), "--executor", "local", "--scheduler", "tcp://h:8786") == 2
    assert "needs --executor dask" in capsys.readouterr().err


def test_ctrl_c_finishes_running_documents_and_the_next_build_the_rest(tmp_path):
    """Ctrl-C on a terminal reaches the build and its LocalCluster's workers
    (one process group): the workers ignore it, the build stops handing out
    work, records what finished, and exits 130."""
    pytest.importorskip("distributed")
    n = 2 * 16
    root = make_project(tmp_path / "proj", count=16, formats=("docx", "pdf"))
    out = root / "output"
    proc = subprocess.Popen([PYTHON, "-m", "reportgen", "build", "--project", str(root), "--executor", "dask",
                             "-j", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(),
                            start_new_session=True)
    for _ in range(1200):  # a bound on polling, not a timing check
        if outputs(out) or proc.poll() is not None:
            break
        time.sleep(0.05)
    assert proc.poll() is None, proc.communicate()
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err.decode()
    done = outputs(out)
    assert 0 < len(done) < n
    assert_valid(out, done)
    docs = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]
    assert sorted(e["path"] for e in docs if e["status"] == "built") == done  # all that finished, recorded

    assert run_main("build", "--project", str(root), "-j", "2", "-q") == 0  # the local pool does the rest
    assert len(outputs(out)) == n
    assert_valid(out, outputs(out))


def test_the_command_line_wins_over_reportgen_yaml():
    from reportgen.batch.executor import choose_executor

    configured = ExecutorConfig("dask", "tcp://a:8786")
    assert choose_executor(configured) == configured
    assert choose_executor(configured, "local") == ExecutorConfig("local", None)
    assert choose_executor(configured, "dask") == configured
    assert choose_executor(None, None, "tcp://b:8786") == ExecutorConfig("dask", "tcp://b:8786")
    assert choose_executor(configured, None, "tcp://b:8786") == ExecutorConfig("dask", "tcp://b:8786")
    assert choose_executor(None, "dask") == ExecutorConfig("dask", None)


def test_bundles_do_not_run_on_dask(tmp_path, capsys):
    root = make_project(tmp_path / "proj", count=1)
    assert run_main("build", "--project", str(root), "--bundle", "--executor", "dask") == 2
    assert "drop --executor dask" in capsys.readouterr().err
