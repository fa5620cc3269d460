"""The column: nothing lost, added or changed; metadata with statuses; links; the API."""
import datetime as dt
import re

from conftest import DATA

import kit
from kit.source.parse import parse_column

RAW = (DATA / "article" / "column_raw.txt").read_text(encoding="utf-8")

# Everything the cleaning removes from the running text, written out by hand (not taken from the
# parser) so that the test can catch the parser dropping or inventing a word.
REMOVED_ARTEFACTS = [
    # the dek: moved to metadata
    "It’s certainly not too soon for Moscow and Brussels to learn from past mistakes.",
    # the related-article boxes: moved to metadata
    "Related article: Belarus Leader Vows to Hold Fast as Tens of Thousands March for New Vote",
    "Related article: Russian Media Responds to Belarus Protest Crackdown",
    "Related article: Belarus Strongman Says Putin Ready to 'Help Ensure Security'",
    # the URL block at the page break
    *["https://www.ft.com/content/10afafcd-0e0c-40e3-a13a-e5a09aa1928d"] * 2,
    *["http://kremlin.ru/events/president/news/63893"] * 2,
    "https://www.themoscowtimes.com/2025/11/16/russian-media-responds-to-belarus-protest-crackdown",
    *["https://www.ft.com/content/6afa0cf2-54a6-11ea-90ad-25e377c0ee1f"] * 2,
    *["https://www.wsj.com/articles/belarus-comes-in-from-the-cold-as-it-seeks-to-distance-itself-from-russia-11560504604"] * 3,
    *["https://www.cnn.com/2020/07/30/europe/belarus-russia-mercenaries-arrests-intl/index.html"] * 2,
    *["https://www.foreignaffairs.com/articles/united-states/2020-08-05/there-no-russian-plot-against-america"] * 2,
    # the closing disclaimer: moved to metadata
    "The views expressed in opinion pieces do not necessarily reflect the position of The Moscow Times.",
]
# Words split at a line-end hyphen, mended into one.
HYPHEN_MENDS = {("anti-", "Russian"): "anti-Russian"}


def _remove_run(words, run):
    for i in range(len(words) - len(run) + 1):
        if words[i:i + len(run)] == run:
            return words[:i] + words[i + len(run):]
    raise AssertionError(f"artefact not found in the raw text: {' '.join(run)[:80]}")


def test_no_word_lost_added_or_changed(article):
    words = RAW.split()
    for artefact in REMOVED_ARTEFACTS:
        words = _remove_run(words, artefact.split())
    mended = []
    for w in words:
        if mended and (mended[-1], w) in HYPHEN_MENDS:
            mended[-1] = HYPHEN_MENDS[(mended[-1], w)]
        else:
            mended.append(w)
    assert article.text.split() == mended


def test_removed_artefacts_are_kept_as_metadata(article):
    assert article.dek == REMOVED_ARTEFACTS[0]
    assert article.disclaimer == REMOVED_ARTEFACTS[-1]
    assert [t for _, t in article.parsed.related] == [a.removeprefix("Related article: ")
                                                      for a in REMOVED_ARTEFACTS[1:4]]
    assert article.parsed.page_break_join == "short statement"


def test_paragraphs_as_the_author_wrote_them(article):
    assert len(article.paragraphs) == 35
    assert list(article.paragraphs) == list(range(1, 36))
    assert article.paragraphs[1].startswith("In the spring of 2006, I was dispatched")
    assert article.paragraphs[3].startswith("I was pessimistic")  # a break marked only by an indent
    assert "There were no calls to join the EU" in article.paragraphs[14]  # an indent that is not a break
    assert "A short statement of solidarity for protesters" in article.paragraphs[26]
    assert "anti-Russian “fascists”" in article.paragraphs[13]
    assert article.paragraphs[35].endswith("learn from past mistakes.")
    for text in article.paragraphs.values():
        assert "\n" not in text and "http" not in text and "Related article" not in text
        assert "  " not in text


def test_related_boxes_keep_their_position(article):
    assert article.related["after_paragraph"].tolist() == [10, 16, 27]
    assert [n for n, _ in article.parsed.related] == [10, 16, 27]


def test_metadata_and_api(article):
    assert article.title == "Putin Doesn't Want to Intervene in Belarus. That's an Opportunity for the West."
    assert article.published == dt.date(2020, 8, 16)
    assert article.outlet == "The Moscow Times"
    assert article.author == "Anna Arutunyan" and article.status("author") == "inferred"
    assert article.metadata["canonical_url"].status == "unknown"
    assert article.genre == "opinion"
    for name, field in article.metadata.items():
        assert field.status in {"verified", "inferred", "unknown"}, name
        for url in field.evidence:
            assert url.startswith("http"), (name, url)
    frame = article.frame
    assert list(frame.columns) == ["paragraph", "text", "words"]
    assert frame["words"].sum() == article.word_count == len(article.text.split())
    assert article.reading_minutes == -(-article.word_count // 40)  # the lesson plans' rate for the column


def test_find_is_case_insensitive_with_snippets(article):
    hits = article.find("csto")
    assert hits["paragraph"].tolist() == [12, 17]
    assert all("CSTO" in s for s in hits["snippet"])
    assert article.find("no such words here").empty
    assert article.find("").empty


def test_paragraphs_csv_is_what_the_parser_derives(article):
    table = kit.load("paragraphs")
    assert table["text"].tolist() == list(article.paragraphs.values())
    assert table["words"].tolist() == article.frame["words"].tolist()


def test_links_are_deduplicated_and_their_sentences_exist(article):
    links = article.links
    block = [u for u in article.parsed.urls]
    assert links["url"].tolist() == list(dict.fromkeys(block))
    assert links["times_in_block"].tolist() == [block.count(u) for u in links["url"]]
    for row in links.itertuples():
        if isinstance(row.sentence, str) and row.sentence:
            assert row.sentence in article.paragraphs[row.paragraph], row.link_id


def test_render_date_in_a_url_is_not_a_publication_date(article):
    mt = article.links[article.links["url"].str.contains("2025/11/16")].iloc[0]
    assert mt["published"] is None or str(mt["published"]) in ("NaT", "<NA>")
    assert mt["date_status"] == "unknown"
    assert "not the publication date" in mt["date_method"]


def test_decoded_dates_match_their_ids(article):
    import uuid
    links = article.links.set_index("link_id")
    u = uuid.UUID(links.loc["L4", "url"].rsplit("/", 1)[1])
    decoded = dt.datetime(1582, 10, 15) + dt.timedelta(microseconds=u.time // 10)
    assert decoded.date() == links.loc["L4", "published"].date()
    stamp = int(re.search(r"-1(\d{9,10})$", links.loc["L5", "url"]).group(1))
    assert dt.datetime.fromtimestamp(stamp, dt.UTC).date() == links.loc["L5", "published"].date()


def test_source_card_escapes_and_marks_inferred(article):
    html = article._repr_html_()
    assert "inferred" in html and "Anna Arutunyan" in html
    assert "Doesn&#x27;t" in html  # text is escaped, not pasted raw
    assert "16 August 2020" in repr(article)


def test_parser_rejects_text_without_the_disclaimer():
    import pytest
    with pytest.raises(ValueError, match="disclaimer"):
        parse_column("A dek.\n\nOne paragraph.\n")
