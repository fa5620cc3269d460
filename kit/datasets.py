"""The data package: read datapackage.json, load each table typed from its schema, describe it.

Loading is the kit's own small reader (Python's csv module, then pandas), not frictionless, for two
reasons: start-up time in a classroom, and messages a teacher can act on ("row 12, column 'date':
'2020-13-01' is not a date"). Full validation against the Frictionless standard (keys, foreign keys,
every constraint) lives in kit.validation and runs in the tests.
"""
from __future__ import annotations

import csv
import difflib
import io
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ._files import data_dir
from .errors import DataError, UnknownDatasetError

_TRUE = {"true", "True", "TRUE", "yes", "1"}
_FALSE = {"false", "False", "FALSE", "no", "0"}


@dataclass
class DatasetCard:
    """What a dataset is: title, description, columns with their meaning, sources, known gaps."""

    name: str
    title: str
    description: str
    rows: int
    columns: pd.DataFrame
    sources: list[dict] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [f"{self.title} ({self.name}: {self.rows} rows)", "", self.description, "", "Columns:"]
        for col in self.columns.itertuples():
            lines.append(f"  {col.column} ({col.type}): {col.description}")
        if self.gaps:
            lines += ["", "Known gaps (left out because no source could be found):"]
            lines += [f"  - {gap}" for gap in self.gaps]
        if self.sources:
            lines += ["", "Sources:"]
            lines += [f"  - {s.get('title', '')}: {s.get('path', '')}" for s in self.sources]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        from .html import escape, table
        gaps = "".join(f"<li>{escape(g)}</li>" for g in self.gaps)
        sources = "".join(
            f"<li>{escape(s.get('title', ''))}: {escape(s.get('path', ''))}</li>" for s in self.sources)
        return (
            f"<div class='kit-card'><h4>{escape(self.title)} <small>({escape(self.name)}, "
            f"{self.rows} rows)</small></h4><p>{escape(self.description)}</p>"
            f"{table(self.columns)}"
            + (f"<p><b>Known gaps</b></p><ul>{gaps}</ul>" if gaps else "")
            + (f"<p><b>Sources</b></p><ul>{sources}</ul>" if sources else "")
            + "</div>")


class DataPackage:
    """One data folder described by its datapackage.json."""

    def __init__(self, folder: str | os.PathLike | None = None):
        self.folder = data_dir(folder)
        descriptor = self.folder / "datapackage.json"
        try:
            self.descriptor = json.loads(descriptor.read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            raise DataError(f"is not valid JSON ({err.msg} at line {err.lineno}, column {err.colno})",
                            file="datapackage.json") from None
        resources = self.descriptor.get("resources")
        if not isinstance(resources, list) or not all(isinstance(r, dict) and "name" in r for r in resources):
            raise DataError("needs a list of resources, each with a name", file="datapackage.json")
        self.resources = {r["name"]: r for r in resources}

    # -- names -------------------------------------------------------------------------------
    def names(self) -> list[str]:
        return list(self.resources)

    def resource(self, name: str) -> dict:
        if not isinstance(name, str) or name not in self.resources:
            valid = self.names()
            close = difflib.get_close_matches(str(name), valid, n=1, cutoff=0.5)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise UnknownDatasetError(
                f"There is no dataset called '{name}'.{hint} The datasets are: {', '.join(valid)}.")
        return self.resources[name]

    # -- loading -----------------------------------------------------------------------------
    def read(self, name: str) -> pd.DataFrame:
        res = self.resource(name)
        path = self.folder / res["path"]
        header, rows = _read_csv(path, res["path"])
        fields = res.get("schema", {}).get("fields", [])
        expected = [f["name"] for f in fields]
        missing = [c for c in expected if c not in header]
        if missing:
            raise DataError(f"the column is missing (the header has: {', '.join(header)})",
                            file=res["path"], column=missing[0])
        extra = [c for c in header if c not in expected]
        if extra:
            raise DataError("this column is not in the schema in datapackage.json",
                            file=res["path"], column=extra[0])
        frame = pd.DataFrame(rows, columns=header)[expected]
        for spec in fields:
            frame[spec["name"]] = _typed(frame[spec["name"]], spec, res["path"])
        return frame

    def card(self, name: str) -> DatasetCard:
        res = self.resource(name)
        fields = res.get("schema", {}).get("fields", [])
        columns = pd.DataFrame(
            [(f["name"], f.get("type", "string"), f.get("description", "")) for f in fields],
            columns=["column", "type", "description"])
        return DatasetCard(
            name=name, title=res.get("title", name), description=res.get("description", ""),
            rows=len(self.read(name)), columns=columns,
            sources=res.get("sources", []), gaps=res.get("kit:gaps", []))


def _read_csv(path: Path, label: str) -> tuple[list[str], list[list[str]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError("the file is missing", file=label) from None
    except UnicodeDecodeError as err:
        raise DataError(f"is not UTF-8 text (a bad byte at position {err.start})", file=label) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise DataError("the file is empty (not even a header row)", file=label) from None
    except csv.Error as err:
        raise DataError(f"cannot be read as CSV: {err}", file=label, row=0) from None
    rows = []
    row_no = 0
    try:
        for row_no, row in enumerate(reader, start=1):
            if len(row) != len(header):
                raise DataError(f"has {len(row)} cells but the header has {len(header)} "
                                "(a missing or extra comma, or an unclosed quote?)", file=label, row=row_no)
            rows.append(row)
    except csv.Error as err:
        raise DataError(f"cannot be read as CSV ({err}); the file may be cut short or have an "
                        "unclosed quote", file=label, row=row_no + 1) from None
    return header, rows


def _fail(values: pd.Series, bad: pd.Series, spec: dict, label: str, problem: str):
    index = bad[bad].index[0]
    value = values[index]
    raise DataError(problem.format(value=value, name=spec["name"]), file=label, row=int(index) + 1,
                    column=spec["name"])


def _typed(values: pd.Series, spec: dict, label: str) -> pd.Series:
    """Convert one column of strings to the schema's type, or say which cell is wrong."""
    kind = spec.get("type", "string")
    cons = spec.get("constraints", {})
    blank = values.str.strip() == ""
    if cons.get("required") and blank.any():
        what = ("missing source: every factual row must name the page it came from"
                if spec["name"].startswith("source") else f"is empty, but every row needs a {spec['name']}")
        _fail(values, blank, spec, label, what)
    text = values.where(~blank, None)
    if kind == "integer":
        out = pd.to_numeric(text, errors="coerce")
        bad = out.isna() & ~blank | (out.notna() & (out % 1 != 0))
        if bad.any():
            _fail(values, bad, spec, label, "'{value}' is not a whole number")
        out = out.astype("Int64")
    elif kind == "number":
        out = pd.to_numeric(text, errors="coerce")
        bad = out.isna() & ~blank
        if bad.any():
            _fail(values, bad, spec, label, "'{value}' is not a number")
        out = out.astype("Float64")
    elif kind == "boolean":
        bad = ~blank & ~values.isin(_TRUE | _FALSE)
        if bad.any():
            _fail(values, bad, spec, label, "'{value}' is not true or false")
        out = text.map(lambda v: None if v is None else v in _TRUE).astype("boolean")
    elif kind == "date":
        out = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        bad = out.isna() & ~blank
        if bad.any():
            _fail(values, bad, spec, label, "'{value}' is not a date (write it as YYYY-MM-DD)")
    else:
        # pandas' default text type: missing cells are NaN, so comparisons and .str methods
        # simply give False there (friendlier for students than pd.NA)
        out = text.astype("str")
    for bound, test, words in (("minimum", lambda s, b: s < b, "less than"),
                               ("maximum", lambda s, b: s > b, "more than")):
        if bound in cons and kind in ("integer", "number"):
            bad = test(out, cons[bound]).fillna(False).astype(bool)
            if bad.any():
                _fail(values, bad, spec, label, f"'{{value}}' is {words} the allowed {cons[bound]}")
    if "enum" in cons:
        allowed = cons["enum"]
        bad = ~blank & ~values.isin([str(a) for a in allowed])
        if bad.any():
            _fail(values, bad, spec, label,
                  "'{value}' is not one of the allowed values: " + ", ".join(map(str, allowed)))
        if kind == "string":  # numbers with an enum stay numbers (a year is easier to filter as int)
            out = pd.Categorical(text, categories=allowed, ordered=bool(spec.get("categoriesOrdered")))
            out = pd.Series(out, index=values.index)
    return out


@lru_cache(maxsize=8)
def _package_for(folder: str, stamp: float) -> DataPackage:
    return DataPackage(folder)


def _cached_frame_key(pkg: DataPackage, name: str) -> tuple:
    path = pkg.folder / pkg.resource(name)["path"]
    return (str(path), path.stat().st_mtime_ns if path.exists() else 0)


_frames: dict[tuple, pd.DataFrame] = {}


def package(data_dir_: str | os.PathLike | None = None) -> DataPackage:
    """The data package (cached; re-read when datapackage.json changes)."""
    folder = data_dir(data_dir_)
    return _package_for(str(folder), (folder / "datapackage.json").stat().st_mtime_ns)


def list_datasets(data_dir: str | os.PathLike | None = None) -> list[str]:
    """The names of the kit's datasets, in the order of datapackage.json."""
    return package(data_dir).names()


def load(name: str, data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """One dataset as a pandas DataFrame, typed from its schema.

    Dates are parsed, numbers are numbers (nullable), categories with a meaningful order are ordered
    categoricals. An unknown name raises an error that lists the valid names.
    """
    pkg = package(data_dir)
    key = _cached_frame_key(pkg, name)
    if key not in _frames:
        _frames[key] = pkg.read(name)
    return _frames[key].copy()


def describe(name: str, data_dir: str | os.PathLike | None = None) -> DatasetCard:
    """A readable card for one dataset: title, description, columns and their meaning, sources, gaps."""
    return package(data_dir).card(name)


def split_list(cell) -> list[str]:
    """Cells that hold lists (actor ids, paragraph numbers, URLs) separate items with spaces."""
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return []
    return str(cell).split()
