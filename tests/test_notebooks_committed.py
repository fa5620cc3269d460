"""Committed notebooks are stripped except their reference cells, and small."""
import nbformat
import pytest
from conftest import ROOT

from kit.classroom.notebooks import REFERENCE_TAG, unstripped_cells

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stripped_except_reference_cells(path):
    nb = nbformat.read(path, as_version=4)
    assert unstripped_cells(nb) == [], "run `python -m kit refresh` to strip outputs"
    assert "widgets" not in nb.metadata
    refs = [c for c in nb.cells if REFERENCE_TAG in c.metadata.get("tags", [])]
    assert refs and all(c.outputs for c in refs), "reference cells carry their expected output"
    for cell in nb.cells:  # tags, never comment markers
        assert "# NBVAL" not in cell.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_under_100_kb(path):
    assert path.stat().st_size < 100_000
