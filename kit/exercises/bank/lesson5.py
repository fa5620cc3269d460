"""Lesson 5: sources and hindsight."""
from ... import tables
from ..model import Question

SHOW = ["claim_id", "paragraph", "claim_type", "verdict", "quote"]
LINKS = {"L2": "A", "L4": "B", "L6": "C", "L7": "D"}
TARGETS = {"A": 16, "B": 21, "C": 22, "D": 26}


def _link_matches():
    from ...article import load_article
    by_paragraph = {v: k for k, v in TARGETS.items()}
    links = load_article().links.set_index("link_id")
    return {link: by_paragraph[int(links.loc[link, "paragraph"])] for link in LINKS}


def _n_predictions():
    return int((tables.claims()["claim_type"] == "prediction").sum())


def _doubtful():
    c = tables.claims()
    return c[c["verdict"].isin(["inaccurate", "contested"])]


QUESTIONS = [
    Question(
        qid="q5.1", kind="matching", skill="sourcing", variable="link_to_paragraph",
        prompt="Match each link with the paragraph it most likely supports. Store a dictionary in "
               "link_to_paragraph, for example {\"L2\": \"A\", ...}.",
        options={"A": "Paragraph 16: the Kremlin's first statement 'mentioned nothing of aid or support'",
                 "B": "Paragraph 21: Russia reduced its discounts on crude oil",
                 "C": "Paragraph 22: Belarus arrested mercenaries before the election",
                 "D": "Paragraph 26: Russian security culture's 'very paranoid view of geopolitics'"},
        items=list(LINKS),
        expected=_link_matches,
        feedback={"correct": "All four right. Remember these anchors are inferred: the PDF lost them."},
        hints=["The links table shows each link's publisher and date.",
               "Which publisher would report a Kremlin statement? Which one is about mercenaries in July 2020?",
               "Worked example: L2 is kremlin.ru, the Kremlin's own readout, so \"L2\": \"A\"."]),
    Question(
        qid="q5.2", kind="choice", skill="corroboration", variable="revolution_years",
        prompt="Paragraph 2 says the colour revolutions in Ukraine and Georgia came 'the previous year' "
               "(before 2006). What do other sources say?",
        options={"A": "The column is right: both were in 2005",
                 "B": "The column is inaccurate: Georgia's was in 2003 and Ukraine's in 2004",
                 "C": "There were no colour revolutions in those countries",
                 "D": "It cannot be checked"},
        expected="B",
        misconceptions={"A": "trusts the column's dates without checking",
                        "C": "doubts well-documented events",
                        "D": "gives up on a fact that can be checked"},
        feedback={"correct": "Yes: the Rose Revolution was November 2003; the Orange Revolution November 2004 "
                             "to January 2005. A small slip, but a checkable one.",
                  "A": "Check the dates in kit.timeline().",
                  "C": "The timeline lists both revolutions with their sources.",
                  "D": "Dates of well-documented events can be checked: try kit.timeline()."},
        hints=["Search the timeline: kit.timeline()[kit.timeline()[\"title\"].str.contains(\"Revolution\")].",
               "Compare the years with 2006.",
               "Worked example: the timeline dates the Rose Revolution in 2003 and the Orange Revolution in 2004. "
               "Answer B."]),
    Question(
        qid="q5.3", kind="number", skill="working with data", variable="n_predictions",
        prompt="How many of the column's claims are predictions? Store the number in n_predictions.",
        expected=_n_predictions,
        no_code={"table": "claims", "show": SHOW,
                 "steps": "Filter 1: keep rows where claim_type is one of prediction. Then count the rows. "
                          "Type the number and press Check."},
        feedback={"correct": "Yes. Now look at their verdicts."},
        hints=["kit.claims() has a claim_type column.",
               "Count the rows where claim_type is \"prediction\" (or use value_counts()).",
               "Worked example: n_predictions = (claims[\"claim_type\"] == \"prediction\").sum()"]),
    Question(
        qid="q5.4", kind="frame", skill="working with data", variable="doubtful",
        prompt="Make a table of the claims the fact-check found inaccurate or contested. Store it in doubtful.",
        expected=_doubtful,
        no_code={"table": "claims", "show": SHOW,
                 "steps": "Filter 1: keep rows where verdict is one of the two values asked for (hold Shift "
                          "and press the arrow keys to choose two). Then show the rows. Press Check."},
        feedback={"correct": "Yes. Read the evidence column for each."},
        hints=["The verdict column holds the fact-check's result.",
               "claims[\"verdict\"].isin([...]) is True for rows whose verdict is in the list.",
               "Worked example: doubtful = claims[claims[\"verdict\"].isin([\"inaccurate\", \"contested\"])]"]),
    Question(
        qid="q5.5", kind="choice", skill="sourcing", variable="url_date",
        prompt="One Moscow Times link has 2025/11/16 in its address. What does this date most likely show?",
        options={"A": "The day the story was published", "B": "The day the page was turned into a PDF",
                 "C": "The day of the biggest protest", "D": "A typing mistake by the author"},
        expected="B",
        misconceptions={"A": "takes a date in a web address for the publication date without checking",
                        "C": "links a date to the story's subject without evidence",
                        "D": "blames the author for the website's address"},
        feedback={"correct": "Yes: the site stamps such links with the day the page was shown; the story is "
                             "from August 2020.",
                  "A": "The column is from August 2020 and links to this story, so it cannot be from 2025.",
                  "C": "The biggest protests were in August 2020.",
                  "D": "The website makes its addresses, not the author."},
        hints=["When was the column published? Can it link to a story from the future?",
               "Read the date_method of link L3.",
               "Worked example: a 2020 column cannot link to a 2025 story, so 2025 is when the page was saved. Answer B."]),
    Question(
        qid="q5.6", kind="text", skill="corroboration",
        prompt="Your lateral-reading report: which claim did you check, which two sources did you find "
               "(who published them, and when), and do they agree with the column?",
        min_words=40,
        starters=["I checked the claim in paragraph ... that ...",
                  "Source 1 is ... , published by ... on ... . It says ...",
                  "Source 2 is ... . It agrees / disagrees because ...",
                  "My verdict: the claim is ... . I am fairly / very sure because ..."],
        rubric=["names the claim (paragraph and quote)", "names two sources of different kinds, with "
                "publisher and date", "says whether they agree with the column and with each other",
                "reaches a verdict and says how sure it is"],
        examples=["Claim: paragraph 22, Belarus arrested mercenaries before the election. Source 1: a news "
                  "agency report of 29-30 July 2020 says 33 Russians from the Wagner group were detained near "
                  "Minsk. Source 2: an encyclopaedia article gives the same date and number. They agree with the "
                  "column. Verdict: supported; the reason for their presence is disputed."],
        hints=["Pick a claim with a name, a number or a date in it: those are easiest to check.",
               "Search for the fact, not for the column's words; note who published each page.",
               "Worked example: see the example in the answer key your teacher has."]),
]
