"""Keep committed notebooks small and honest: outputs stripped except the reference cells.

A reference cell is tagged ``nbval-check-output``: its output is deterministic, stored in the notebook,
and compared by nbval (lax mode compares only those). Every other cell is stored without output, so
nbval proves it runs. Widget state (megabytes of JavaScript for a FigureWidget) is never stored.
"""
from __future__ import annotations

from pathlib import Path

REFERENCE_TAG = "nbval-check-output"


def is_reference(cell) -> bool:
    return cell.cell_type == "code" and REFERENCE_TAG in cell.get("metadata", {}).get("tags", [])


def strip(nb):
    """Remove outputs and counts from every code cell but the reference cells; drop widget state."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.metadata.pop("execution", None)
        if not is_reference(cell):
            cell.outputs = []
            cell.execution_count = None
    return nb


def refresh(path: str | Path, timeout: int = 120) -> Path:
    """Run a notebook top to bottom, keep only the reference cells' outputs, save it in place."""
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    nbformat.write(strip(nb), path)
    return path


def unstripped_cells(nb) -> list[int]:
    """Indexes of non-reference code cells that still carry outputs (a test keeps this empty)."""
    return [i for i, c in enumerate(nb.cells)
            if c.cell_type == "code" and not is_reference(c) and (c.outputs or c.execution_count)]
