"""Lesson 5: sources and hindsight."""
from ... import tables
from ..model import Question

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
                 "B": "The column is wrong on both: Georgia's was in 2003 and Ukraine's in 2004",
                 "C": "The column is partly right: Georgia's was in 2003, but Ukraine's ran from November 2004 "
                      "into January 2005",
                 "D": "It cannot be checked"},
        expected="C",
        partly={"B": "Half right. Georgia's Rose Revolution was in November 2003. But Ukraine's Orange Revolution "
                     "did not end in 2004: look at the timeline's events for Ukraine after the run-off."},
        misconceptions={"A": "trusts the column's dates without checking",
                        "B": "dates an event by its start only",
                        "D": "gives up on a fact that can be checked"},
        feedback={"correct": "Yes: the Rose Revolution was November 2003; the Orange Revolution ran from November "
                             "2004 until Yushchenko's inauguration in January 2005. So 'the previous year' fits only "
                             "the end of one of them. The kit's claim c03 calls this 'inaccurate' because neither "
                             "revolution began in 2005: 'partly right' and 'inaccurate' are both fair readings.",
                  "A": "Check the dates in kit.timeline().",
                  "D": "Dates of well-documented events can be checked: try kit.timeline()."},
        hints=["Search the timeline: kit.timeline()[kit.timeline()[\"title\"].str.contains(\"Revolution\")].",
               "Compare the years with 2006. When did each revolution begin, and when did it end?",
               "Worked example (a made-up similar check): a text of 2010 says a strike happened 'the previous "
               "year'. Find when the strike began and when it ended: if both fall in 2009 the text is right; if "
               "only one does, it is partly right. Check each revolution the same way."]),
    Question(
        qid="q5.3", kind="number", skill="working with data", variable="n_predictions",
        prompt="How many of the column's claims are predictions? Store the number in n_predictions.",
        expected=_n_predictions,
        feedback={"correct": "Yes. Now look at their verdicts."},
        hints=["kit.claims() has a claim_type column.",
               "Count the rows where claim_type is \"prediction\" (or use value_counts()).",
               "Worked example (a similar count): (claims[\"claim_type\"] == \"fact\").sum() counts the "
               "facts. Now count the predictions."]),
    Question(
        qid="q5.4", kind="frame", skill="working with data", variable="doubtful",
        prompt="Make a table of the claims the fact-check found inaccurate or contested. Store it in doubtful.",
        expected=_doubtful, key=["claim_id"],
        feedback={"correct": "Yes. Read the evidence column for each."},
        hints=["The verdict column holds the fact-check's result.",
               "claims[\"verdict\"].isin([...]) is True for rows whose verdict is in the list.",
               "Worked example (a similar table): claims[claims[\"claim_type\"].isin([\"opinion\", "
               "\"recommendation\"])] keeps the opinions and the recommendations. Now do it for the verdicts."]),
    Question(
        qid="q5.5", kind="choice", skill="sourcing", variable="url_date",
        prompt="One Moscow Times link has 2025/11/16 in its address. What does this date most likely show?",
        options={"A": "The day the story was published", "B": "The day the page was turned into a PDF",
                 "C": "The day of the biggest protest", "D": "A typing mistake by the author"},
        expected="B",
        misconceptions={"A": "takes a date in a web address for the publication date without checking",
                        "C": "links a date to the story's subject without evidence",
                        "D": "blames the author for the website's address"},
        feedback={"correct": "Most likely, yes, but this is an inference, not a fact: the kit's date_method for "
                             "L3 says 'inferred'. The clues: a story about the crackdown of August 2020 is unlikely "
                             "to date from November 2025, and the site keeps another August 2020 story under a "
                             "2024 date in its address.",
                  "A": "Read L3's date_method. The story is about the August 2020 crackdown: would it be "
                       "published in November 2025?",
                  "C": "The biggest protests were in August 2020.",
                  "D": "The website makes its addresses, not the author."},
        hints=["When was the column published? Can it link to a story from the future?",
               "Read the date_method of link L3.",
               "Worked example (a similar case): a photo of a 1990 concert, on a page whose address says 2019, "
               "was most likely put online or saved in 2019; the address date tells us about the page, not the "
               "concert."]),
    Question(
        qid="q5.6", kind="text", skill="corroboration",
        prompt="Your lateral-reading report: which claim did you check, which two sources did you find "
               "(who published them, and when), and do they agree with the column?",
        min_words=40,
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
