"""The document set, the organiser, claims sorted before verdicts, and the background reading."""
import re

import ipywidgets as w
import pytest

import kit
from kit.data_package import documents as docs
from kit.data_package.validation import site_kind
from kit.exercises import documents_ui as dw
from kit.exercises import evaluate, organiser
from kit.views import lesson_views as views
from kit.widgets import lesson_widgets as widgets

pytestmark = pytest.mark.usefixtures("private_responses")  # conftest: answers saved in tmp_path


@pytest.fixture
def live(monkeypatch):
    monkeypatch.setattr(widgets, "interactive", lambda: True)
    monkeypatch.setattr(dw, "interactive", lambda: True)


# -- the dataset -------------------------------------------------------------------------------------
def test_four_to_six_short_documents_with_original_and_modified_excerpts():
    d = kit.documents()
    assert 4 <= len(d) <= 8 and d["doc_id"].is_unique
    for row in d.itertuples():
        assert len(row.excerpt_original.split()) <= 300, row.doc_id
        assert row.excerpt_modified.startswith("MODIFIED"), row.doc_id
        assert len(row.excerpt_modified.split()) < len(row.excerpt_original.split()) + 10, row.doc_id
        assert docs.glossary_pairs(row.glossary), row.doc_id
        assert row.date.year == 2020 and row.date.month == 8, row.doc_id


def test_no_document_is_dated_after_the_policy_lessons_date():
    assert (kit.documents()["date"] <= "2020-08-20").all()


def test_a_copy_says_what_it_copies_and_is_typed_as_a_repost():
    d = kit.documents()
    sources = kit.sources().set_index("url")
    for row in d.itertuples():
        kind = sources.loc[row.source_url, "kind"]  # issue 20: what the page read is (copy, original, ...)
        if isinstance(row.copy_of, str) and row.copy_of:
            assert kind == "copy" and "COPY" in row.note, row.doc_id
        else:
            assert kind != "copy", row.doc_id
        assert site_kind(row.source_url) is None, row.doc_id


def test_the_set_holds_the_kinds_the_issue_asks_for():
    d = kit.documents()
    text = " ".join(d["author"] + " " + d["publisher"] + " " + d["genre"])
    for needed in ("Kremlin", "European Council", "Tsikhanouskaya", "Belarus", "opinion"):
        assert needed in text, needed
    assert set(d["date"].dt.day) >= {15, 16, 19}


def test_card_labels_the_modified_version_and_escapes_text():
    card = docs.card_html("d1", "modified")
    assert "MODIFIED version" in card and "Hard words" in card
    assert "<script" not in card
    assert "quoted exactly" in docs.card_html("d1")
    with pytest.raises(ValueError):
        docs.card_html("d1", "easy")


def test_an_unknown_document_gets_a_helpful_message():
    with pytest.raises(kit.errors.UnknownDatasetError, match="d1, d2"):
        docs.document("d9")


# -- the organiser ---------------------------------------------------------------------------------------
def test_clean_entry_reports_problems_and_keeps_the_rest():
    clean, problems = docs.clean_entry("d2", {"who": "  The   Kremlin ", "agrees": "maybe", "mood": "x",
                                              "claims": "y" * 900})
    assert clean["who"] == "The Kremlin" and clean["agrees"] == "" and len(clean["claims"]) == docs.MAX_CHARS
    assert any("'mood' is not a part" in p for p in problems)
    assert any("choose one of" in p for p in problems)
    assert docs.clean_entry("d2", "text")[1] == ["The organiser needs a dictionary, for example "
                                                 "{\"who\": \"...\", \"when\": \"...\"}."]


def test_entries_are_saved_like_answers_and_print_as_a_worksheet():
    message = organiser.save("d1", {"who": "The Kremlin, via Interfax-Ukraine", "agrees": "agrees"}, lesson=1)
    assert message.startswith("Saved your organiser for document d1") and "Still empty: Sourcing" in message
    organiser.save("d5", {"who": "Belarusian presidency"}, lesson=1)
    saved = organiser.saved(1)
    assert set(saved) == {"d1", "d5"} and saved["d1"]["agrees"] == "agrees"
    from kit.exercises import responses
    record = responses.load(responses.lesson_file(1))["answers"]["q1.9"]
    assert record["attempts"] == 2 and record["answer"]["d5"]["who"] == "Belarusian presidency"
    sheet = docs.worksheet(saved)
    assert "## Document d1" in sheet and "The Kremlin, via Interfax-Ukraine" in sheet and "## Document d5" in sheet
    html = docs.worksheet(saved, fmt="html", student="Ana")
    assert html.startswith("<!DOCTYPE html>") and "Document organiser: Ana" in html and "Interfax" in html
    blank = docs.worksheet(doc_ids=["d3"])
    assert "_____" in blank and "European Council" in blank


def test_saving_for_an_unknown_document_explains_and_saves_nothing():
    assert "There is no document called" in organiser.save("d42", {"who": "x"})
    assert organiser.saved(1) == {}


def test_write_worksheet(tmp_path):
    organiser.save("d4", {"claims": "new elections"}, lesson=1)
    out = tmp_path / "sheet.html"
    assert "Open it in a browser" in organiser.write_worksheet(out, lesson=1)
    assert "new elections" in out.read_text(encoding="utf-8")


# -- claims sorted before verdicts --------------------------------------------------------------------
def test_verdicts_stay_hidden_until_sorting_and_predictions_are_saved():
    hidden = views.claims_view(reveal=False)
    assert hidden.figure is None and "verdicts are hidden" in hidden.caption
    assert "not borne out" not in hidden.caption and "supported" not in hidden.caption
    assert not dw.verdicts_unlocked()
    evaluate("q5.3", {"c03": "A"})
    assert not dw.verdicts_unlocked()
    evaluate("q5.4", {"c03": "C"})
    assert dw.verdicts_unlocked()
    assert "kit's judgements" in views.claims_view().caption


def test_sorting_compared_sets_the_students_answers_beside_the_kits():
    table = views.sorting_compared({"c03": "A", "c41": "opinion"}, {"c03": "C"})
    row = table.set_index("claim_id").loc["c03"]
    assert (row.your_type, row.kit_type, row.your_verdict, row.kit_verdict) == ("fact", "fact", "inaccurate", "inaccurate")
    assert table.set_index("claim_id").loc["c41", "your_type"] == "opinion"
    assert list(table["claim_id"]) == views.SORT_CLAIMS


def test_sorting_step_uses_claims_of_every_type():
    types = set(kit.claims().set_index("claim_id").loc[views.SORT_CLAIMS, "claim_type"])
    assert types == {"fact", "opinion", "prediction", "recommendation"}


def test_explorer_reveals_only_after_the_student_has_sorted(live):
    explorer = dw.claims_explorer()
    assert explorer.figure is None and explorer.verdict.disabled and "hidden" in explorer.listing.value
    explorer.try_reveal()
    assert not explorer.revealed and "Not yet" in explorer.status.value
    sorter = dw.claim_sorter()
    sorter.save_button.click()
    assert "Choose a type and a verdict for every claim" in sorter.result.value
    for cid in views.SORT_CLAIMS:
        sorter.types[cid].value = "A"
        sorter.verdicts[cid].value = "A"
    sorter.save_button.click()
    assert "q5.3" in sorter.result.value and "your_verdict" in sorter.result.value
    explorer.show.click()
    assert explorer.revealed and explorer.figure is not None and not explorer.verdict.disabled
    explorer.verdict.value = "inaccurate"
    assert "c03" in explorer.listing.value
    assert dw.claims_explorer().revealed, "a new explorer remembers the saved sorting"


# -- widgets ------------------------------------------------------------------------------------------------
def _controls(widget):
    found, stack = [], [widget]
    while stack:
        x = stack.pop()
        if isinstance(x, (w.Dropdown, w.Textarea, w.ToggleButtons, w.Button)):
            found.append(x)
        stack.extend(getattr(x, "children", ()))
    return found


def test_document_set_switches_documents_and_versions(live):
    ds = dw.document_set("d1")
    first = ds.card.value
    ds.version.value = "modified"
    assert ds.card.value != first and "MODIFIED" in ds.card.value
    ds.doc.value = "d3"
    assert "European Council" in ds.card.value


def test_organiser_widget_saves_and_reloads(live):
    o = dw.organiser("d2", lesson=5)
    o.boxes["who"].value = "The Kremlin"
    o.boxes["agrees"].value = "partly agrees"
    assert "Saved your organiser for document d2" in o.save()
    again = dw.organiser("d2", lesson=5)
    assert again.boxes["who"].value == "The Kremlin" and again.boxes["agrees"].value == "partly agrees"
    again.sheet_button.click()
    assert "The Kremlin" in again.sheet.value and "<body>" not in again.sheet.value


def test_every_new_control_has_a_label(live):
    for make in (lambda: dw.document_set(), lambda: dw.organiser(), dw.claim_sorter, dw.claims_explorer):
        for control in _controls(make()):
            assert control.description or getattr(control, "tooltip", ""), type(control).__name__


def test_static_versions_without_a_front_end(monkeypatch):
    monkeypatch.setenv("KIT_STATIC", "1")
    assert len(dw.document_set().parts) == len(kit.documents())
    assert "your notes" in dw.organiser("d1").parts[0]
    assert "c03" in dw.claim_sorter().parts[0]
    assert "verdicts are hidden" in dw.claims_explorer().parts[0]


# -- background and lateral reading -----------------------------------------------------------------
def test_background_is_plain_short_and_sourced():
    text = docs.background()
    body = text.split("*Written by")[0].split("\n", 2)[2]
    assert 250 <= len(body.split()) <= 350
    cited = set(int(n) for n in re.findall(r"\[(\d+)\]", body))
    listed = re.findall(r"^(\d+)\. .*(https?://\S+)$", text, flags=re.M)
    assert cited == {int(n) for n, _ in listed}, "every numbered source is cited, and only those"
    for _, url in listed:
        assert site_kind(url) is None, url


def test_lateral_packet_is_about_the_outlet_and_author_first_and_marks_hindsight():
    packet = docs.lateral_packet()
    assert packet.index("The outlet") < packet.index("The author") < packet.index("Click restraint")
    assert "1992" in packet and "2017" in packet and "hindsight" in packet.lower()
    for url in re.findall(r"https?://\S+", packet):
        assert site_kind(url) is None, url


# -- skill labels that are true ---------------------------------------------------------------------
def test_corroboration_items_compare_at_least_two_documents_or_sources():
    from kit.exercises.api import questions
    for q in questions().values():
        if q.skill != "corroboration":
            continue
        text = " ".join([q.prompt, *q.rubric, *q.options.values()])
        docs_named = set(re.findall(r"\bd[1-6]\b", text))
        assert len(docs_named) >= 2 or "two sources" in text, q.qid


def test_lookups_are_not_labelled_close_reading():
    from kit.exercises.api import questions
    qs = questions()
    assert qs["q1.5"].skill == "working with data"  # a search of the text
    assert qs["q1.4"].skill == "vocabulary"  # a glossary match
    assert qs["q5.5"].skill != "corroboration"  # a look-up in the kit's own timeline
