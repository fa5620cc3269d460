"""The loading API: list, load (typed), describe, and errors for unknown names."""
import pandas as pd
import pytest

import kit
from kit.errors import UnknownDatasetError


def test_list_and_load_every_dataset():
    names = kit.list_datasets()
    assert {"paragraphs", "links", "related"} <= set(names)
    for name in names:
        frame = kit.load(name)
        assert isinstance(frame, pd.DataFrame) and len(frame) > 0, name


def test_types_come_from_the_schema():
    links = kit.load("links")
    assert str(links["published"].dtype).startswith("datetime64")
    assert str(links["paragraph"].dtype) == "Int64"
    assert isinstance(links["title_status"].dtype, pd.CategoricalDtype)


def test_load_returns_a_copy():
    a = kit.load("links")
    a.loc[0, "publisher"] = "changed"
    assert kit.load("links").loc[0, "publisher"] != "changed"


def test_unknown_name_lists_valid_names_and_suggests():
    with pytest.raises(UnknownDatasetError) as err:
        kit.load("linkss")
    message = str(err.value)
    assert "Did you mean 'links'?" in message
    assert "paragraphs" in message and "related" in message
    with pytest.raises(UnknownDatasetError, match="The datasets are"):
        kit.describe(42)


def test_describe_gives_columns_with_meaning_and_sources():
    card = kit.describe("links")
    assert card.rows == 7
    assert set(card.columns["column"]) >= {"url", "paragraph", "anchor_status"}
    assert card.columns["description"].str.len().min() > 0
    text = str(card)
    assert "Columns:" in text and "Sources:" in text
    assert "<script>" not in card._repr_html_()


def test_every_field_of_every_resource_is_described():
    from kit.data_package.datasets import package
    pkg = package()
    for res in pkg.resources.values():
        assert res.get("title") and res.get("description"), res["name"]
        for field in res["schema"]["fields"]:
            assert field.get("description"), (res["name"], field["name"])
