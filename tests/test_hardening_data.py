"""Damaged data gives the kit's own error, never a raw traceback, and validate() never calls a broken
package valid (issue 14). Each damage is one an accident, a spreadsheet or a cut-short copy can do."""
import codecs
import json
import shutil
import subprocess
import sys

import pytest

import kit
from kit.data_package.datasets import DataPackage
from kit.errors import DataError

DESC = "datapackage.json"
RELATED = "article/related.csv"
LINKS = "article/links.csv"
RAW = "article/column_raw.txt"
META = "article/metadata.json"


def _desc(d, change):
    doc = json.loads((d / DESC).read_text(encoding="utf-8"))
    change(doc)
    (d / DESC).write_text(json.dumps(doc), encoding="utf-8")


def _res(doc, name):
    return next(r for r in doc["resources"] if r["name"] == name)


def _field(doc, name, column):
    return next(f for f in _res(doc, name)["schema"]["fields"] if f["name"] == column)


def _lines(d, path, change):
    lines = (d / path).read_text(encoding="utf-8").split("\n")
    change(lines)
    (d / path).write_text("\n".join(lines), encoding="utf-8")


def _meta(d, change):
    doc = json.loads((d / META).read_text(encoding="utf-8"))
    change(doc)
    (d / META).write_text(json.dumps(doc), encoding="utf-8")


def _folder(d, path):
    (d / path).unlink()
    (d / path).mkdir()


def _bytes(d, path, change):
    (d / path).write_bytes(change((d / path).read_bytes()))


def _set(lst, i, value):
    lst[i] = value


# (name, damage, what to load, file named, row, column). "package" = the descriptor, "article" = the
# column, else a dataset name. row/column None = the error need not name one (there is none).
DAMAGES = [
    # -- the descriptor --
    ("descriptor not UTF-8", lambda d: _bytes(d, DESC, lambda b: b.replace(b'"name"', b'"n\xe9me"', 1)),
     "package", DESC, None, None),
    ("descriptor a JSON list", lambda d: (d / DESC).write_text("[1, 2]"), "package", DESC, None, None),
    ("descriptor a JSON string", lambda d: (d / DESC).write_text('"data"'), "package", DESC, None, None),
    ("descriptor empty", lambda d: (d / DESC).write_text(""), "package", DESC, None, None),
    ("descriptor cut short", lambda d: _bytes(d, DESC, lambda b: b[: len(b) // 2]), "package", DESC, None, None),
    ("descriptor nested too deep", lambda d: (d / DESC).write_text("[" * 100000), "package", DESC, None, None),
    ("descriptor is a folder", lambda d: _folder(d, DESC), "package", None, None, None),
    ("resources an object", lambda d: _desc(d, lambda doc: doc.update(resources={"a": 1})),
     "package", DESC, None, None),
    ("resources empty", lambda d: _desc(d, lambda doc: doc.update(resources=[])), "package", DESC, None, None),
    ("a resource a string", lambda d: _desc(d, lambda doc: doc["resources"].append("links")),
     "package", DESC, None, None),
    ("a resource without a name", lambda d: _desc(d, lambda doc: _res(doc, "links").pop("name")),
     "package", DESC, None, None),
    ("a resource without a path", lambda d: _desc(d, lambda doc: _res(doc, "links").pop("path")),
     "package", DESC, None, None),
    ("a path outside the data folder", lambda d: _desc(d, lambda doc: _res(doc, "links").update(
        path="../../../etc/passwd")), "package", DESC, None, None),
    ("an absolute path", lambda d: _desc(d, lambda doc: _res(doc, "links").update(path="/etc/passwd")),
     "package", DESC, None, None),
    ("two resources with one name", lambda d: _desc(d, lambda doc: _res(doc, "links").update(name="related")),
     "package", DESC, None, None),
    ("schema without fields", lambda d: _desc(d, lambda doc: _res(doc, "links")["schema"].pop("fields")),
     "package", DESC, None, None),
    ("a field without a name", lambda d: _desc(d, lambda doc: _field(doc, "related", "title").pop("name")),
     "package", DESC, None, None),
    ("a field a string", lambda d: _desc(d, lambda doc: _res(doc, "related")["schema"]["fields"].append("x")),
     "package", DESC, None, None),
    ("two fields with one name", lambda d: _desc(d, lambda doc: _field(doc, "related", "title").update(
        name="url")), "package", DESC, None, "url"),
    ("an unknown type", lambda d: _desc(d, lambda doc: _field(doc, "related", "box").update(type="integr")),
     "package", DESC, None, "box"),
    ("constraints a list", lambda d: _desc(d, lambda doc: _field(doc, "related", "box").update(constraints=[1])),
     "package", DESC, None, "box"),
    ("enum not a list", lambda d: _desc(d, lambda doc: _field(doc, "related", "status")["constraints"].update(
        enum="unknown")), "package", DESC, None, "status"),
    ("minimum not a number", lambda d: _desc(d, lambda doc: _field(doc, "related", "after_paragraph")[
        "constraints"].update(minimum="one")), "package", DESC, None, "after_paragraph"),
    # -- a table --
    ("a CSV that is a folder", lambda d: _folder(d, RELATED), "related", RELATED, None, None),
    ("a CSV missing", lambda d: (d / RELATED).unlink(), "related", RELATED, None, None),
    ("a CSV empty", lambda d: (d / RELATED).write_text(""), "related", RELATED, None, None),
    ("header only", lambda d: _lines(d, RELATED, lambda ls: ls.__delitem__(slice(1, None))),
     "related", RELATED, 1, None),
    ("header only, no newline", lambda d: _lines(d, RELATED, lambda ls: ls.__delitem__(slice(1, None))
                                                 ) or _bytes(d, RELATED, lambda b: b.rstrip(b"\n")),
     "related", RELATED, 1, None),
    ("a CSV not UTF-8", lambda d: _bytes(d, RELATED, lambda b: b.replace(b"Belarus Leader", b"Belarus L\xe9ader")),
     "related", RELATED, 1, None),
    ("a CSV in UTF-16", lambda d: (d / RELATED).write_bytes((d / RELATED).read_text().encode("utf-16")),
     "related", RELATED, None, None),
    ("a NUL byte in a cell", lambda d: _bytes(d, RELATED, lambda b: b.replace(b"Russian Media", b"Russian\x00Media")),
     "related", RELATED, 2, "title"),
    ("a NUL byte in the header", lambda d: _bytes(d, RELATED, lambda b: b.replace(b"box,", b"b\x00ox,", 1)),
     "related", RELATED, None, None),
    ("a column name twice", lambda d: _lines(d, RELATED, lambda ls: _set(ls, 0, ls[0].replace("title", "url"))),
     "related", RELATED, None, "url"),
    ("an empty column name", lambda d: _lines(d, RELATED, lambda ls: _set(ls, 0, ls[0].replace("title", ""))),
     "related", RELATED, None, None),
    ("a column missing from the header", lambda d: _lines(d, RELATED, lambda ls: _set(
        ls, 0, ls[0].replace("title", "headline"))), "related", RELATED, None, "title"),
    ("a row with an extra cell", lambda d: _lines(d, RELATED, lambda ls: _set(ls, 2, ls[2] + ",extra")),
     "related", RELATED, 2, None),
    ("a row with a cell missing", lambda d: _lines(d, RELATED, lambda ls: _set(ls, 1, ls[1].rsplit(",", 1)[0])),
     "related", RELATED, 1, None),
    ("a blank line in the middle", lambda d: _lines(d, RELATED, lambda ls: ls.insert(2, "")),
     "related", RELATED, 2, None),
    ("cut short inside a quote", lambda d: _bytes(d, LINKS, lambda b: b[: b.index(b"none: the id")]),
     "links", LINKS, 1, None),
    ("cut short mid-row", lambda d: _bytes(d, RELATED, lambda b: b[: b.index(b"Russian Media")]),
     "related", RELATED, 2, None),
    ("a word in a number column", lambda d: _lines(d, RELATED, lambda ls: _set(ls, 2, ls[2].replace(",16,", ",16th,"))),
     "related", RELATED, 2, "after_paragraph"),
    ("a number out of range", lambda d: _lines(d, RELATED, lambda ls: _set(ls, 2, ls[2].replace(",16,", ",-4,"))),
     "related", RELATED, 2, "after_paragraph"),
    ("a date in the wrong form", lambda d: _bytes(d, LINKS, lambda b: b.replace(b"2020-08-15", b"15.08.2020", 1)),
     "links", LINKS, 2, "published"),
    ("a value not allowed", lambda d: _lines(d, RELATED, lambda ls: _set(ls, 1, ls[1].replace(",unknown,", ",maybe,"))),
     "related", RELATED, 1, "status"),
    ("a required cell empty", lambda d: _lines(d, RELATED, lambda ls: _set(ls, 1, "1,," + ls[1].split(",", 2)[2])),
     "related", RELATED, 1, "after_paragraph"),
    # -- the column's own files --
    ("column text cut short", lambda d: _bytes(d, RAW, lambda b: b[: len(b) // 2]), "article", RAW, None, None),
    ("column text cut before the disclaimer", lambda d: _bytes(d, RAW, lambda b: b[: b.index(b"The views expressed")]),
     "article", RAW, None, None),
    ("column text empty", lambda d: (d / RAW).write_text(""), "article", RAW, None, None),
    ("column text not UTF-8", lambda d: _bytes(d, RAW, lambda b: b.replace("—".encode(), b"\x97", 1)),
     "article", RAW, None, None),
    ("column text in UTF-16", lambda d: (d / RAW).write_bytes((d / RAW).read_text().encode("utf-16")),
     "article", RAW, None, None),
    ("column text missing", lambda d: (d / RAW).unlink(), "article", RAW, None, None),
    ("column text a folder", lambda d: _folder(d, RAW), "article", RAW, None, None),
    ("links block before the first paragraph", lambda d: _bytes(d, RAW, lambda b: b"https://x.org/a\n\n" + b),
     "article", RAW, None, None),
    ("a NUL byte in the column text", lambda d: _bytes(d, RAW, lambda b: b.replace(b"Lukashenko", b"Luka\x00shenko", 1)),
     "article", RAW, None, None),
    ("metadata not UTF-8", lambda d: _bytes(d, META, lambda b: b.replace(b"Opinion", b"Opini\xf3n")),
     "article", META, None, None),
    ("metadata a list", lambda d: (d / META).write_text("[]"), "article", META, None, None),
    ("metadata cut short", lambda d: _bytes(d, META, lambda b: b[: len(b) // 2]), "article", META, None, None),
    ("metadata fields a list", lambda d: _meta(d, lambda doc: doc.update(fields=[])), "article", META, None, None),
    ("metadata without the headline", lambda d: _meta(d, lambda doc: doc["fields"].pop("headline")),
     "article", META, None, "headline"),
    ("a metadata field without a status", lambda d: _meta(d, lambda doc: doc["fields"]["author"].pop("status")),
     "article", META, None, "author"),
    ("a status the kit does not know", lambda d: _meta(d, lambda doc: doc["fields"]["outlet"].update(status="sure")),
     "article", META, None, "outlet"),
    ("a publication date that is not a date", lambda d: _meta(d, lambda doc: doc["fields"]["published"].update(
        value="16 August 2020")), "article", META, None, "published"),
    ("a headline that is a number", lambda d: _meta(d, lambda doc: doc["fields"]["headline"].update(value=42)),
     "article", META, None, "headline"),
    ("evidence that is not a list", lambda d: _meta(d, lambda doc: doc["fields"]["author"].update(evidence=3)),
     "article", META, None, "author"),
]


def _load(what, folder):
    if what == "package":
        return DataPackage(folder)
    if what == "article":
        return kit.load_article(folder)
    return kit.load(what, data_dir=folder)


@pytest.mark.parametrize("name,damage,what,file,row,column", DAMAGES, ids=[d[0] for d in DAMAGES])
def test_each_damage_gives_the_kits_own_error(name, damage, what, file, row, column, data_copy):
    damage(data_copy)
    with pytest.raises(DataError) as caught:
        _load(what, data_copy)
    err = caught.value
    if file:
        assert err.file == file, str(err)
    if row is not None:
        assert err.row == row, str(err)
    if column is not None:
        assert err.column == column, str(err)
    assert "Traceback" not in str(err) and str(err).strip()


@pytest.mark.parametrize("name,damage,what,file,row,column", DAMAGES, ids=[d[0] for d in DAMAGES])
def test_validate_never_calls_a_damaged_package_valid(name, damage, what, file, row, column, data_copy):
    damage(data_copy)
    problems = kit.validate(data_copy)
    assert problems, f"{name}: validate() said the package is valid"
    assert all(isinstance(p, DataError) for p in problems)
    if file:
        assert any(p.file == file for p in problems), [p.message for p in problems][:5]


def test_there_are_at_least_thirty_damages():
    assert len(DAMAGES) >= 30 and len({d[0] for d in DAMAGES}) == len(DAMAGES)


def test_a_paragraphs_table_that_disagrees_with_the_column_text(data_copy):
    _lines(data_copy, "article/paragraphs.csv", lambda ls: _set(ls, 3, ls[3].replace("Belarus", "Belorussia", 1)))
    problems = kit.validate(data_copy)
    assert any(p.file == "article/paragraphs.csv" and p.row == 3 and p.column == "text" for p in problems)


@pytest.mark.parametrize("path", [RELATED, "timeline.csv", LINKS])
def test_a_byte_order_mark_is_accepted(path, data_copy):
    """Excel saves "CSV UTF-8" with a byte-order mark: the first column must still be found."""
    name = {RELATED: "related", LINKS: "links", "timeline.csv": "timeline"}[path]
    clean = kit.load(name, data_dir=data_copy)
    (data_copy / path).write_bytes(codecs.BOM_UTF8 + (data_copy / path).read_bytes())
    shutil.rmtree(data_copy / "__pycache__", ignore_errors=True)
    assert kit.load(name, data_dir=data_copy).equals(clean)
    assert [p.message for p in kit.validate(data_copy)] == []


def test_validate_command_exits_non_zero_with_the_kits_message(data_copy):
    _bytes(data_copy, RELATED, lambda b: b.replace(b"Russian Media", b"Russian\x00Media"))
    out = subprocess.run([sys.executable, "-m", "kit", "validate", "--data", str(data_copy)],
                         capture_output=True, text=True)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "article/related.csv, row 2 (file line 3), column 'title': contains a NUL byte" in out.stdout


def test_a_hostile_cell_cannot_drive_the_teachers_terminal(data_copy):
    """A terminal escape code or a bidi override in a cell is shown as an escape in the kit's message."""
    _lines(data_copy, RELATED, lambda ls: _set(ls, 2, ls[2].replace(",16,", ",\x1b]0;pwned\x07\u202e16,")))
    with pytest.raises(DataError) as caught:
        kit.load("related", data_dir=data_copy)
    said = str(caught.value)
    assert "\x1b" not in said and "\u202e" not in said and "\\x1b]0;pwned\\x07\\u202e16" in said
    assert (caught.value.row, caught.value.column) == (2, "after_paragraph")
    long = "9" * 5000 + "x"
    _lines(data_copy, RELATED, lambda ls: _set(ls, 1, ls[1].replace(",10,", f",{long},")))
    with pytest.raises(DataError) as caught:
        kit.load("related", data_dir=data_copy)
    assert len(str(caught.value)) < 400
