"""Support for language learners: short summaries, the idiom glossary, inflected forms in the reader,
sentence starters on every written task."""
import re

import kit
from kit.exercises import questions, write
from kit.exercises.model import GENERIC_STARTERS
from kit.views import lesson_views as views


def test_idioms_quote_the_column_and_the_reader_finds_each(article):
    idioms = kit.load("idioms")
    for must in ["on the heels of", "perfect storm", "cat and mouse", "a far cry from", "smack of", "smarting from"]:
        assert idioms["idiom"].str.contains(must, regex=False).any() or \
            idioms["match"].str.contains(must.replace("be ", ""), regex=False).any(), must
    assert len(idioms) >= 20 and idioms["idiom_id"].is_unique
    for row in idioms.itertuples():
        assert row.quote in article.paragraphs[row.paragraph], row.idiom_id
        assert row.idiom in [t for t, _ in views.idioms_in(article.paragraphs[row.paragraph])], row.idiom_id
        assert len(row.plain_gloss.split()) <= 15, row.idiom_id


def test_the_reader_marks_inflected_forms():
    marked = views.mark_terms("New sanctions hit the mercenaries; it smacked of a snub and smacks of fear.")
    assert re.search(r"<mark[^>]*kit-term[^>]*>sanctions</mark>", marked)
    assert re.search(r"<mark[^>]*kit-term[^>]*>mercenaries</mark>", marked)
    assert re.search(r"<mark[^>]*kit-idiom[^>]*>smacked of</mark>", marked)
    assert re.search(r"<mark[^>]*kit-idiom[^>]*>smacks of</mark>", marked)
    assert "<mark" not in views.mark_terms("The smackdown was a snubbing of the mercenariesque.")[:60]
    page = views.reader_view(24)
    assert "Idioms" in page and "smarting from" in page and "still feel the pain" in page


def test_summaries_got_shorter():
    s = kit.load("summaries")
    sentences = [x for t in s["summary"] for x in re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", t.strip()) if x]
    lengths = [len(x.split()) for x in sentences]
    assert max(lengths) <= 15 and sum(lengths) / len(lengths) <= 11


def test_every_written_task_has_sentence_starters():
    for q in questions().values():
        if q.kind == "text":
            assert q.sentence_starters, q.qid
            if q.lesson in (1, 2, 5, 6):
                assert q.starters and tuple(q.starters) != GENERIC_STARTERS, f"{q.qid}: its own starters"
            assert q.sentence_starters[0] in str(write(q.qid))


def test_the_answer_box_shows_the_starters(monkeypatch, tmp_path):
    from kit.widgets import lesson_widgets as widgets
    monkeypatch.setenv("KIT_RESPONSES_DIR", str(tmp_path))
    monkeypatch.setattr(widgets, "interactive", lambda: True)
    box = write("q6.11")
    assert "Sentence starters" in box.starters.value
    assert "As of 20 August 2020, the column&#x27;s proposal was" in box.starters.value
    assert box.children.index(box.starters) < box.children.index(box.box)
