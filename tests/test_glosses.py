"""Help for every hard word (issue 24).

The word-level list is cefrpy 1.0.3 (PyPI, MIT licence; word levels built from CEFR-J and Google Books
frequencies, 1 = A1 ... 6 = C2). "Above B1" is a cefrpy average level of 3.5 or more (cefrpy calls 3.5 B2).
The texts are those students read in class: the column's 35 paragraphs in the reader, the background
narrative, the kit's summaries of the paragraphs, lesson 4's six role cards, the documents (both versions),
and lesson 6's scored examples and rubric. A word is glossed when the reader's matcher marks it
(glossary, idioms, or data/glosses.csv by its own forms). Names (capitalised inside a sentence) and words
cefrpy does not list are left out: they are names, or the glossary's terms.
"""
from __future__ import annotations

import re

import pytest
from cefrpy import CEFRAnalyzer

from kit.data_package.article import load_article
from kit.data_package.datasets import load
from kit.data_package.documents import background, glossary_pairs
from kit.data_package.glosses import forms_pattern, glosses_in
from kit.exercises import questions
from kit.views.lesson_views import glossary_terms_in, mark_terms, reader_view

THRESHOLD = 3.5
# Words above the threshold that the kit keeps without a gloss, each with the reason (the kit's judgement).
ALLOW = {
    "protest": "the unit's own subject, explained in lesson 1 and on every page",
    "protests": "the unit's own subject, explained in lesson 1 and on every page",
    "protested": "the unit's own subject, explained in lesson 1 and on every page",
    "campaign": "election vocabulary taught with the candidates in lessons 1 and 6",
    "campaigns": "election vocabulary taught with the candidates in lessons 1 and 6",
    "candidate": "election vocabulary taught in lessons 1 and 6",
    "candidates": "election vocabulary taught in lessons 1 and 6",
    "presidential": "election vocabulary; 'president' is an everyday word",
    "ministers": "'minister' is taught with the EU's foreign ministers in lessons 2 and 4",
    "minister": "'minister' is taught with the EU's foreign ministers in lessons 2 and 4",
    "media": "an everyday word for young readers; lesson 5 is about media sources",
    "western": "'the West' is explained in lesson 1; the adjective follows",
    "growing": "a form of 'grow'",
    "existing": "a form of 'exist'",
    "improved": "a form of 'improve'",
    "proposed": "a form of 'propose'; 'proposal' is the unit's key word",
    "threatened": "a form of 'threaten'; 'threat' is explained in lesson 3",
    "risk": "a criterion word of lesson 3, explained there",
    "risky": "a criterion word of lesson 3, explained there",
    "aim": "common in school instructions ('the aim of the lesson')",
    "desire": "a common word; the sentence explains it ('not out of a desire to annex')",
    "sort": "'this sort of' is an everyday phrase",
    "particular": "'in particular' is an everyday phrase",
    "decade": "ten years; used with dates in lesson 2's explorer",
    "neither": "a grammar word ('neither ... nor')",
    "mass": "'mass' as in 'mass protests', used from lesson 1 on",
    "openly": "'open' + 'ly'; the sentence says how",
    "politically": "'political' + 'ly'",
    "revolutions": "the glossary explains 'colour revolution' and each named revolution",
    "cannot": "'can' + 'not'",
    "community": "'the international community' is clear from its sentence",
    "coronavirus": "COVID-19, which every student of 2020 onwards knows",
    "energy": "an everyday word; the card says 'cheap energy for Belarus' (gas and oil)",
    "found": "the past of 'find'; cefrpy rates the verb 'to found'",
    "means": "'by non-violent means' is clear from its sentence",
    "process": "an everyday word ('a process')",
    "quoted": "'quote' is used in every lesson (quotations)",
    "related": "an everyday phrase ('related to')",
    "aimed": "'aim' is an everyday school word (see 'aim' above)",
    "billion": "a number word students know from maths",
    "data": "the kit's own word for its tables, used in every lesson",
    "fighting": "a form of 'fight'",
    "known": "a form of 'know'",
    "quotes": "'quote' is used in every lesson (quotations)",
    "risks": "a criterion word of lesson 3, explained there",
    "times": "part of the name The Moscow Times, or 'three times more' (lesson 2)",
}


ROLE_CARDS = ["eu", "russia", "usa", "lukashenko", "tsikhanouskaya", "osce"]  # lesson 4's reading


def _texts() -> dict[str, str]:
    article = load_article()
    texts = {f"column {n}": t for n, t in article.paragraphs.items()}
    texts["background"] = str(background()).split("\n## Sources")[0]
    texts.update({f"summary {r.paragraph}": r.summary for r in load("summaries").itertuples()})
    actors = load("actors").set_index("actor_id")
    for aid in ROLE_CARDS:
        a = actors.loc[aid]
        texts[f"card {aid}"] = f"{a['role']} {a['stated_position']} {a['analyst_reading']}"
    for r in load("documents").itertuples():  # both versions a card can show
        texts[f"document {r.doc_id}"] = f"{r.excerpt_original}\n{r.excerpt_modified}"
    essay = questions()["q6.11"]  # lesson 6 reads the scored examples and marks them with the rubric
    texts.update({f"example {i}": e.body for i, e in enumerate(essay.examples)})
    texts["rubric"] = " ".join([*essay.rubric, *(level for c in essay.rubric for level in c.levels)])
    return texts


def _own_glossary(name: str) -> set[str]:
    """A document's own hard words (its glossary column), which its card lists."""
    if not name.startswith("document "):
        return set()
    doc = load("documents").set_index("doc_id").loc[name.split()[1]]
    return {w.lower() for term, _ in glossary_pairs(doc["glossary"]) for w in re.findall(r"[A-Za-z-]+", term)}


def _marked(text: str) -> set[str]:
    """The lower-case words inside the reader's marks (glossary terms, idioms, glossed words)."""
    spans = re.findall(r"<mark[^>]*>(.*?)</mark>", mark_terms(text))
    return {w.lower() for s in spans for w in re.findall(r"[A-Za-z’'-]+", s)}


def unglossed(allow: dict | None = None, texts: dict | None = None) -> dict[str, set[str]]:
    """Every word form above the threshold that no gloss covers, with the texts it is in."""
    analyzer = CEFRAnalyzer()
    allow = ALLOW if allow is None else allow
    out: dict[str, set[str]] = {}
    texts = texts or _texts()
    # A name is a word the texts never write in lower case ("Kremlin", "EU", "Vladimir").
    lower_seen = {w for t in texts.values() for w in re.findall(r"\b[a-z][a-z-]*\b", t)}
    for name, text in texts.items():
        covered = _marked(text) | _own_glossary(name)
        for m in re.finditer(r"[A-Za-z][A-Za-z’'-]*", text):
            word = m.group(0)
            if "’" in word or "'" in word:
                continue  # contractions and possessives: the base word is checked where it stands alone
            before = text[:m.start()].rstrip()
            if word[0].isupper() and before and before[-1] not in ".!?“\"—:":
                continue  # a name inside a sentence
            lw = word.lower()
            if word[0].isupper() and lw not in lower_seen:
                continue  # a name at the start of a sentence
            level = analyzer.get_average_word_level_float(lw)
            if level is None or level < THRESHOLD or lw in covered or lw in allow:
                continue
            out.setdefault(lw, set()).add(name.split()[0])
    return out


def test_every_word_above_b1_in_the_class_texts_has_a_gloss():
    missing = unglossed()
    without_allow = unglossed(allow={})
    print(f"\nwords above B1 (cefrpy >= {THRESHOLD}) without a gloss: {len(without_allow)} before the allow-list, "
          f"{len(missing)} after it; glosses: {len(load('glosses'))}, allow-list: {len(ALLOW)}")
    assert not missing, "Words above B1 with no gloss (add them to data/glosses.csv, or to ALLOW with a reason):\n" + \
        "\n".join(f"{w} ({', '.join(sorted(where))})" for w, where in sorted(missing.items()))


def test_the_allow_list_holds_only_words_that_need_it():
    """A word on the allow-list that is glossed, or below the threshold, is dead weight: take it off."""
    analyzer = CEFRAnalyzer()
    glossed = {f.strip().lower() for forms in load("glosses")["forms"] for f in forms.split("|")}
    for word, why in ALLOW.items():
        assert why and word not in glossed, word
        assert (analyzer.get_average_word_level_float(word) or 0) >= THRESHOLD, word


def test_the_check_finds_a_hard_word_without_a_gloss():
    """The coverage check can fail: a paragraph with an unglossed C2 word is reported; a glossed one is not."""
    texts = _texts()
    texts["column 1"] += " The regime was obdurate, and the protests were suppressed."
    found = unglossed(texts=texts)
    assert "obdurate" in found and "suppressed" not in found


@pytest.mark.parametrize("row", list(load("glosses").itertuples()), ids=lambda r: r.word)
def test_each_gloss_is_short_and_the_reader_finds_each_form(row):
    assert 2 <= len(row.gloss.split()) <= 15, row.word
    pattern = forms_pattern(row.forms, html=False)
    for form in (f.strip() for f in row.forms.split("|")):
        assert pattern.fullmatch(form), (row.word, form)
        assert (row.word, row.gloss) in glosses_in(f"They said {form} twice."), (row.word, form)
    assert row.appears_in, f"{row.word}: say where students meet it"


def test_the_reader_matches_words_by_their_own_forms_not_by_near_spelling():
    paragraph12 = load_article().paragraphs[12]
    assert "reported" in paragraph12
    assert "dispatch (news)" not in dict(glossary_terms_in(paragraph12)), "'reported' is not a news dispatch"
    assert "dispatch (news)" not in reader_view(12)
    # A form is a whole word: "pact" is not found in "impact", "ally" not in "really".
    assert not glosses_in("The impact was really small.")
    assert ("pact", dict(glosses_in("a pact"))["pact"]) in glosses_in("They signed a pact.")


def test_the_background_lists_its_hard_words():
    text = str(background())
    assert "## Words to know" in text
    narrative = text.split("\n## Sources")[0]
    for word, gloss in glosses_in(narrative):
        assert f"**{word}**: {gloss}" in text
