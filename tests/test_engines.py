"""Same output whatever runs the extraction: one process, --jobs 2, a Dask cluster, --resume."""

from __future__ import annotations

import shutil

import pytest

from pipeline.batch import extract_to_dir

from .conftest import RAW

FILES = ("documents.csv", "signatories.csv", "focus_areas.csv", "documents.parquet", "datapackage.json")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """The seed releases plus an error row and a duplicate stem: order and ids must survive."""
    base = tmp_path_factory.mktemp("engines_in")
    shutil.copytree(RAW, base / "raw")
    (base / "raw" / "sub").mkdir()
    (base / "raw" / "sub" / "tom.txt").write_bytes(b"")
    first = sorted((base / "raw").glob("*.txt"))[0]
    shutil.copy(first, base / "raw" / "sub" / first.name)
    return base / "raw"


@pytest.fixture(scope="module")
def single(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("single")
    extract_to_dir([inputs], out)
    return out


def _same(a, b):
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_jobs_2_is_byte_identical(inputs, single, tmp_path):
    summary = extract_to_dir([inputs], tmp_path, jobs=2)
    assert summary.read == 7 and summary.errors == 1
    _same(single, tmp_path)


def test_dask_local_cluster_is_byte_identical(inputs, single, tmp_path):
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        extract_to_dir([inputs], tmp_path, engine="dask", scheduler=client)
    _same(single, tmp_path)


def test_dask_needs_a_scheduler(inputs, tmp_path):
    with pytest.raises(ValueError, match="scheduler"):
        extract_to_dir([inputs], tmp_path, engine="dask")


def test_resume_reuses_known_documents_and_gives_the_same_tables(inputs, single, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(single, out)
    summary = extract_to_dir([inputs], out, resume=True)
    assert summary.reused == 6 and summary.read == 7  # the error row is retried, not reused
    _same(single, out)


def test_resume_analyses_only_new_documents(inputs, tmp_path):
    partial = tmp_path / "partial"
    shutil.copytree(inputs, partial)
    later = sorted(partial.glob("*.txt"))[-1]
    moved = tmp_path / later.name
    later.rename(moved)
    extract_to_dir([partial], tmp_path / "out")
    moved.rename(later)
    summary = extract_to_dir([partial], tmp_path / "out", resume=True)
    assert summary.reused == 5 and summary.read == 7
    full = tmp_path / "full"
    extract_to_dir([partial], full)
    _same(full, tmp_path / "out")
