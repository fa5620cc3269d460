"""Where the data lives: inside the installed package (``kit.data``), or a folder given explicitly.

Reading through importlib.resources means a wheel installed with ``pip install .`` finds the column and
the datasets from any working directory, exactly as a checkout does. Tests and teachers with their own
copy can point the kit elsewhere with ``KIT_DATA_DIR`` or the ``data_dir`` argument.
"""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from ..errors import DataError


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The folder that holds ``datapackage.json``."""
    chosen = explicit or os.environ.get("KIT_DATA_DIR")
    if chosen:
        path = Path(chosen)
        origin = "the folder you gave" if explicit else "KIT_DATA_DIR"
    else:
        path = Path(str(resources.files("kit.data")))
        origin = "the installed kit"
    if not (path / "datapackage.json").is_file():
        raise DataError(
            f"cannot find the kit's data: there is no datapackage.json in {path} ({origin}). "
            "Reinstall the kit (make lab) or point KIT_DATA_DIR at the kit's data/ folder.")
    return path
