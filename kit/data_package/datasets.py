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
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..errors import DataError, UnknownDatasetError
from ..source.files import data_dir

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
        from ..html import escape, table
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


TYPES = ("string", "integer", "number", "boolean", "date")


def _json_kind(value) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true or false",
            type(None): "null"}.get(type(value), "a number")


#: The largest data file the kit reads (the kit's own are well under 1 MB), and the longest cell:
#: Python's csv reader refuses a longer one, and validate refuses what load refuses.
MAX_FILE_BYTES = 20_000_000
MAX_CELL_CHARS = 131_072


def unreadable(err: OSError, label: str) -> DataError:
    """The kit's message for a data file the system would not open or read."""
    if isinstance(err, FileNotFoundError):
        return DataError("the file is missing", file=label)
    if isinstance(err, IsADirectoryError):
        return DataError("is a folder, not a file", file=label)
    if isinstance(err, PermissionError):
        return DataError("cannot be read (permission denied)", file=label)
    return DataError(f"cannot be read ({err.strerror or type(err).__name__})", file=label)


def check_regular(path: Path, label: str) -> os.stat_result:
    """The file's stat, or a DataError if it is not a regular file of a sane size (a FIFO would hang,
    a device such as /dev/zero never ends). Opened without blocking, so nothing waits on a pipe."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        raise unreadable(err, label) from None
    try:
        st = os.fstat(fd)
    finally:
        os.close(fd)
    if stat.S_ISDIR(st.st_mode):
        raise DataError("is a folder, not a file", file=label)
    if not stat.S_ISREG(st.st_mode):
        raise DataError("is not a regular file (a device, a pipe or a socket); the kit reads only files",
                        file=label)
    if st.st_size > MAX_FILE_BYTES:
        raise DataError(f"is too large to be one of the kit's tables ({st.st_size:,} bytes; the limit is "
                        f"{MAX_FILE_BYTES:,})", file=label)
    return st


def read_bytes(path: Path, label: str) -> bytes:
    """A data file's bytes, or the kit's DataError saying why it cannot be read."""
    try:
        check_regular(path, label)
        with open(path, "rb") as fh:  # a file swapped after the check: still never more than the limit
            raw = fh.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise DataError(f"is too large to be one of the kit's tables (the limit is {MAX_FILE_BYTES:,} bytes)",
                            file=label)
        return raw
    except OSError as err:
        raise unreadable(err, label) from None


def decode(raw: bytes, label: str, table: bool = False) -> str:
    """UTF-8 text (a byte-order mark, as Excel writes, is accepted and dropped). For a table the
    error names the data row (the file line minus the header)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError("is saved as UTF-16; save it again as UTF-8", file=label)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        row = line - 1 if table and line > 1 else None
        raise DataError(f"is not UTF-8 text (a bad byte at line {line}, position {err.start}); "
                        "save it again as UTF-8", file=label, row=row) from None


def read_json(path: Path, label: str):
    text = decode(read_bytes(path, label), label)
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise DataError(f"is not valid JSON ({err.msg}: line {err.lineno}, column {err.colno})",
                        file=label) from None
    except (RecursionError, ValueError) as err:
        raise DataError(f"is not valid JSON ({type(err).__name__})", file=label) from None


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")  # http:, https:, ftp:, file:, data:, s3: ...


def check_resources(resources) -> dict[str, dict]:
    """The descriptor's resources by name, after checking what the kit relies on in each."""
    label = "datapackage.json"
    if not isinstance(resources, list) or not resources:
        raise DataError("needs a list of resources, each with a name", file=label)
    out: dict[str, dict] = {}
    for i, res in enumerate(resources, start=1):
        if not isinstance(res, dict):
            raise DataError(f"resource {i} is {_json_kind(res)}, not an object", file=label)
        name = res.get("name")
        if not isinstance(name, str) or not name.strip():
            raise DataError(f"resource {i} has no name", file=label)
        if name in out:
            raise DataError(f"two resources are called '{name}'", file=label)
        what = f"resource '{name}'"
        path = res.get("path")
        if not isinstance(path, str) or not path.strip():
            raise DataError(f"{what} has no path (the CSV file it reads)", file=label)
        parts = Path(path).parts
        for key in ("profile", "$schema", "dialect", "schema"):
            if isinstance(res.get(key), str) and _SCHEME.match(res[key]):
                raise DataError(f"{what}: '{key}' is a web address ({res[key][:80]}); the kit reads nothing from "
                                "the network at run time: put it in datapackage.json itself", file=label)
        if _SCHEME.match(path):
            raise DataError(f"{what}: the path '{path}' is a web address; the kit reads only files in the data "
                            "folder (nothing goes to the network at run time)", file=label)
        if Path(path).is_absolute() or ".." in parts or "\\" in path:
            raise DataError(f"{what}: the path '{path}' must stay inside the data folder", file=label)
        schema = res.get("schema", {})
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if not isinstance(fields, list) or not fields:
            raise DataError(f"{what} needs a schema with a list of fields", file=label)
        seen = set()
        for j, spec in enumerate(fields, start=1):
            if not isinstance(spec, dict):
                raise DataError(f"{what}: field {j} is {_json_kind(spec)}, not an object", file=label)
            fname = spec.get("name")
            if not isinstance(fname, str) or not fname.strip():
                raise DataError(f"{what}: field {j} has no name", file=label)
            if fname in seen:
                raise DataError(f"{what}: two fields are called '{fname}'", file=label, column=fname)
            seen.add(fname)
            if spec.get("type", "string") not in TYPES:
                raise DataError(f"{what}: the type '{spec.get('type')}' is not one of {', '.join(TYPES)}",
                                file=label, column=fname)
            cons = spec.get("constraints", {})
            if not isinstance(cons, dict):
                raise DataError(f"{what}: constraints must be an object", file=label, column=fname)
            if "enum" in cons and not isinstance(cons["enum"], list):
                raise DataError(f"{what}: enum must be a list of allowed values", file=label, column=fname)
            for bound in ("minimum", "maximum"):
                if bound in cons and (isinstance(cons[bound], bool) or not isinstance(cons[bound], (int, float))):
                    raise DataError(f"{what}: {bound} must be a number", file=label, column=fname)
        out[name] = res
    return out


class DataPackage:
    """One data folder described by its datapackage.json."""

    def __init__(self, folder: str | os.PathLike | None = None):
        self.folder = data_dir(folder)
        self.descriptor = read_json(self.folder / "datapackage.json", "datapackage.json")
        if not isinstance(self.descriptor, dict):
            raise DataError(f"must be a JSON object ({{...}}), not {_json_kind(self.descriptor)}",
                            file="datapackage.json")
        self.resources = check_resources(self.descriptor.get("resources"))

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
            try:
                frame[spec["name"]] = _typed(frame[spec["name"]], spec, res["path"])
            except DataError:
                raise
            except Exception as err:  # a constraint the kit cannot apply to this column
                raise DataError(f"the schema cannot be applied to this column ({type(err).__name__})",
                                file=res["path"], column=spec["name"]) from None
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


def _nul_error(text: str, header: list[str] | None, label: str) -> DataError:
    """Where the first NUL byte is: row and column (a NUL is never text a person typed)."""
    at = text.index("\x00")
    line_start = text.rfind("\n", 0, at) + 1
    line = text[:at].count("\n") + 1
    try:
        cells = next(csv.reader([text[line_start:at]]), [""])
    except csv.Error:
        cells = [""]
    column = header[len(cells) - 1] if header and 0 < len(cells) <= len(header) else None
    if line == 1:
        return DataError("the header contains a NUL byte (the file may be damaged or not a CSV)", file=label)
    return DataError("contains a NUL byte (the file may be damaged, or saved in another format)",
                     file=label, row=line - 1, column=column)


def _read_csv(path: Path, label: str) -> tuple[list[str], list[list[str]]]:
    text = decode(read_bytes(path, label), label, table=True)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise DataError("the file is empty (not even a header row)", file=label) from None
    except csv.Error as err:
        raise DataError(f"cannot be read as CSV: {err}", file=label, row=0) from None
    if "\x00" in text:
        raise _nul_error(text, header, label)
    for i, name in enumerate(header, start=1):
        if not name.strip():
            raise DataError(f"header cell {i} is empty: every column needs a name", file=label)
        if header.index(name) != i - 1:
            raise DataError("two columns have this name in the header", file=label, column=name)
    rows = []
    row_no = 0
    try:
        for row_no, row in enumerate(reader, start=1):
            if len(row) != len(header):
                what = "is empty" if not row else f"has {len(row)} cells but the header has {len(header)}"
                raise DataError(f"{what} (a missing or extra comma, or an unclosed quote?)", file=label, row=row_no)
            rows.append(row)
    except csv.Error as err:
        if "field larger than field limit" in str(err):
            raise DataError(f"a cell is longer than {MAX_CELL_CHARS:,} characters, the most a cell of the kit's "
                            "tables may hold (an unclosed quote can also swallow the rest of the file)",
                            file=label, row=row_no + 1) from None
        raise DataError(f"cannot be read as CSV ({err}); the file may be cut short or have an "
                        "unclosed quote", file=label, row=row_no + 1) from None
    if not rows:
        raise DataError("has a header but no data rows (the file may be cut short)", file=label, row=1)
    return header, rows


def _fail(values: pd.Series, bad: pd.Series, spec: dict, label: str, problem: str):
    index = bad[bad].index[0]
    value = values[index] if len(str(values[index])) <= 80 else str(values[index])[:77] + "..."
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
        bad = out.isna() & ~blank | (out.notna() & (out % 1 != 0)) | out.isin([float("inf"), float("-inf")])
        if bad.any():
            _fail(values, bad, spec, label, "'{value}' is not a whole number")
        out = out.astype("Int64")
    elif kind == "number":
        out = pd.to_numeric(text, errors="coerce")
        # 1e400 reads as infinity: not a number a table can mean (and it breaks every sum and chart)
        bad = (out.isna() & ~blank) | out.isin([float("inf"), float("-inf")])
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
