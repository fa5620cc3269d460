"""Broken copies of the data give the kit's own clear error: file, row, column and what is wrong."""
import json
import os
import subprocess
import sys

import pytest

import kit
from kit.errors import DataError


def _rewrite(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _error(name, folder):
    with pytest.raises(DataError) as err:
        kit.load(name, data_dir=folder)
    return err.value


def test_the_real_package_is_valid():
    problems = kit.validate()
    assert problems == [], "\n".join(p.message for p in problems)


def test_missing_file(data_copy):
    (data_copy / "article" / "links.csv").unlink()
    err = _error("links", data_copy)
    assert err.file == "article/links.csv" and "missing" in err.problem
    assert any("links.csv" in p.message for p in kit.validate(data_copy))


def test_unparsable_csv_row(data_copy):
    path = data_copy / "article" / "related.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2] + ",an extra cell"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = _error("related", data_copy)
    assert (err.file, err.row) == ("article/related.csv", 2)
    assert "cells but the header has" in err.problem
    assert "row 2 (file line 3)" in str(err)


def test_truncated_file_with_an_open_quote(data_copy):
    path = data_copy / "article" / "links.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("Not identified.")] + '"cut off here', encoding="utf-8")
    err = _error("links", data_copy)
    assert err.file == "article/links.csv" and err.row is not None
    assert "cells" in err.problem or "cut short" in err.problem


def test_wrong_type(data_copy):
    _rewrite(data_copy / "article" / "related.csv", "\n2,16,", "\n2,sixteen,")
    err = _error("related", data_copy)
    assert (err.row, err.column) == (2, "after_paragraph")
    assert "'sixteen' is not a whole number" in err.problem
    found = [p for p in kit.validate(data_copy) if p.column == "after_paragraph"]
    assert found and found[0].row == 2 and found[0].file == "article/related.csv"


def test_bad_date(data_copy):
    _rewrite(data_copy / "article" / "links.csv", "2020-08-15", "2020-13-15")
    err = _error("links", data_copy)
    assert (err.row, err.column) == (2, "published") and "not a date" in err.problem


def test_constraint_broken(data_copy):
    _rewrite(data_copy / "article" / "related.csv", ",unknown,", ",probably,")
    err = _error("related", data_copy)
    assert err.column == "status" and "'probably' is not one of the allowed values" in err.problem
    _rewrite(data_copy / "article" / "related.csv", ",probably,", ",unknown,")
    _rewrite(data_copy / "article" / "related.csv", "\n3,27,", "\n3,99,")
    err = _error("related", data_copy)
    assert (err.row, err.column) == (3, "after_paragraph") and "more than the allowed 35" in err.problem


def test_missing_source(data_copy):
    # A minimal factual table in the copy: the rule is the kit's, whatever the table.
    (data_copy / "facts.csv").write_text(
        "fact,source_url\nLukashenko first won in 1994,https://en.wikipedia.org/wiki/Alexander_Lukashenko\n"
        "An unsourced claim,\n", encoding="utf-8")
    desc = json.loads((data_copy / "datapackage.json").read_text())
    desc["resources"].append({"name": "facts", "path": "facts.csv", "title": "t", "description": "d",
                              "schema": {"fields": [
                                  {"name": "fact", "type": "string", "description": "a fact"},
                                  {"name": "source_url", "type": "string", "description": "its page",
                                   "constraints": {"required": True}}]}})
    (data_copy / "datapackage.json").write_text(json.dumps(desc))
    err = _error("facts", data_copy)
    assert (err.row, err.column) == (2, "source_url") and "missing source" in err.problem
    assert any(p.row == 2 and p.column == "source_url" for p in kit.validate(data_copy))


def test_broken_descriptor(data_copy):
    (data_copy / "datapackage.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(DataError, match="datapackage.json: is not valid JSON"):
        kit.list_datasets(data_copy)


def test_data_folder_not_found(tmp_path):
    env = dict(os.environ, KIT_DATA_DIR=str(tmp_path / "nowhere"))
    out = subprocess.run([sys.executable, "-m", "kit", "validate"], env=env, capture_output=True, text=True)
    assert out.returncode != 0
    said = out.stdout + out.stderr
    assert "cannot find the kit's data" in said and "Traceback" not in said
    with pytest.raises(DataError, match="no datapackage.json in"):
        kit.load_article(tmp_path / "nowhere")


def test_validate_command_reports_every_problem(data_copy):
    _rewrite(data_copy / "article" / "related.csv", "\n2,16,", "\n2,sixteen,")
    out = subprocess.run([sys.executable, "-m", "kit", "validate", "--data", str(data_copy)],
                         capture_output=True, text=True)
    assert out.returncode == 1
    assert "article/related.csv, row 2 (file line 3), column 'after_paragraph'" in out.stdout
