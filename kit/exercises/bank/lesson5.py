"""Lesson 5: sources and hindsight."""
from ...data_package import tables
from ..model import Question

SHOW = ["claim_id", "paragraph", "claim_type", "verdict", "quote"]
LINKS = {"L2": "A", "L4": "B", "L6": "C", "L7": "D"}
TARGETS = {"A": 16, "B": 21, "C": 22, "D": 26}


def _link_matches():
    from ...data_package.article import load_article
    by_paragraph = {v: k for k, v in TARGETS.items()}
    links = load_article().links.set_index("link_id")
    return {link: by_paragraph[int(links.loc[link, "paragraph"])] for link in LINKS}


def _n_predictions():
    return int((tables.claims()["claim_type"] == "prediction").sum())


def _sorted_types():
    from ...views.lesson_views import SORT_CLAIMS, TYPE_LETTERS
    letter = {v: k for k, v in TYPE_LETTERS.items()}
    c = tables.claims().set_index("claim_id")
    return {cid: letter[str(c.loc[cid, "claim_type"])] for cid in SORT_CLAIMS}


def _kit_verdicts():
    from ...views.lesson_views import SORT_CLAIMS, VERDICT_LETTERS
    letter = {v: k for k, v in VERDICT_LETTERS.items()}
    c = tables.claims().set_index("claim_id")
    return {cid: letter[str(c.loc[cid, "verdict"])] for cid in SORT_CLAIMS}


def _doubtful():
    c = tables.claims()
    return c[c["verdict"].isin(["inaccurate", "contested"])]


QUESTIONS = [
    Question(
        qid="q5.2", kind="matching", skill="sourcing", variable="link_to_paragraph",
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
               "Worked example (a made-up similar match): a link to a football club's own website, dated the day "
               "after a match, most likely supports a paragraph that quotes the club about that match. "
               "Match each link by its publisher, date and subject the same way."]),
    Question(
        qid="q5.5", kind="choice", skill="use of evidence", variable="revolution_years",
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
        misconceptions={"A": "This answer trusts the column's dates without checking.",
                        "B": "This answer dates an event by its start only.",
                        "D": "This answer gives up on a fact that can be checked."},
        feedback={"correct": "Yes: the Rose Revolution was November 2003; the Orange Revolution ran from November "
                             "2004 until Yushchenko's inauguration in January 2005. So 'the previous year' fits only "
                             "the end of one of them. The kit's claim c03 calls this 'inaccurate' because neither "
                             "revolution began in 2005: 'partly right' and 'inaccurate' are both fair readings.",
                  "A": "Check the dates in the kit's timeline.",
                  "D": "Dates of well-documented events can be checked: try the kit's timeline."},
        hints=["Look in the kit's timeline for the two revolutions (Rose and Orange). With code: in a new code "
               'cell, type kit.timeline()[kit.timeline()["title"].str.contains("Revolution")].',
               "Compare the years with 2006. When did each revolution begin, and when did it end?",
               "Worked example (a made-up similar check): a text of 2010 says a strike happened 'the previous "
               "year'. Find when the strike began and when it ended: if both fall in 2009 the text is right; if "
               "only one does, it is partly right. Check each revolution the same way."]),
    Question(
        qid="q5.6", kind="number", skill="working with data", variable="n_predictions",
        prompt="How many of the column's claims are predictions? Store the number in n_predictions.",
        expected=_n_predictions,
        no_code={"table": "claims", "show": SHOW,
                 "steps": "Filter 1: keep rows where claim_type is one of prediction. Then count the rows. "
                          "Type the number and press Check."},
        feedback={"correct": "Yes. Now look at their verdicts."},
        hints=["The claims table has a claim_type column.",
               "Count the rows where claim_type is prediction (in the table tool: Filter 1, claim_type, "
               "prediction; then count the rows). With code: in your answer cell, value_counts() counts each "
               "type.",
               "Worked example (a similar count): to count the facts, keep the rows where claim_type is fact and"
               ' count them. With code: in your answer cell, (claims["claim_type"] == "fact").sum(). Now count '
               "the predictions."]),
    Question(
        qid="q5.7", kind="frame", skill="working with data", variable="doubtful",
        prompt="Make a table of the claims the fact-check found inaccurate or contested. Store it in doubtful.",
        expected=_doubtful, key=["claim_id"],
        no_code={"table": "claims", "show": SHOW,
                 "steps": "Filter 1: keep rows where verdict is one of the two values asked for (hold Shift "
                          "and press the arrow keys to choose two). Then show the rows. Press Check."},
        feedback={"correct": "Yes. Read the evidence column for each."},
        hints=["The verdict column holds the fact-check's result.",
               "Keep the rows whose verdict is one of the two values the question names (in the table tool: "
               'Filter 1, verdict, choose both). With code: in your answer cell, claims["verdict"].isin([...]) '
               "is True for rows whose verdict is in the list.",
               "Worked example (a similar table): to keep the opinions and the recommendations, filter "
               "claim_type to those two values. With code: in your answer cell, "
               'claims[claims["claim_type"].isin(["opinion", "recommendation"])]. Now do it for the verdicts.']),
    Question(
        qid="q5.1", kind="choice", skill="sourcing", variable="url_date",
        prompt="One Moscow Times link has 2025/11/16 in its address. What does this date most likely show?",
        options={"A": "The day the story was published", "B": "The day the page was turned into a PDF",
                 "C": "The day of the biggest protest", "D": "A typing mistake by the author"},
        expected="B",
        misconceptions={"A": "This answer takes a date in a web address for the publication date without checking.",
                        "C": "This answer links a date to the story's subject without evidence.",
                        "D": "This answer blames the author for the website's address."},
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
        qid="q5.11", kind="text", skill="corroboration",
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
    Question(
        qid="q5.3", kind="matching", skill="close reading", variable="my_types",
        prompt="Sort six of the column's claims: is each a fact (can be checked now), an opinion (a judgement), "
               "a prediction (about the future) or a recommendation (what someone should do)? Use the sorter "
               "above, or store a dictionary in my_types, for example {\"c03\": \"A\", ...}.",
        options={"A": "fact", "B": "opinion", "C": "prediction", "D": "recommendation"},
        items=["c03", "c09", "c10", "c21", "c41", "c49"],
        expected=_sorted_types,
        # "rigged" is stated as given, with no evidence in the column: a student who reads it as the
        # author's judgement has read it closely. Full credit, and the kit's reason, for the debate.
        accept={"c10": {"B": "You called c10 an opinion. That is defensible: 'rigged' is the author's judgement, "
                             "and the column gives no evidence for it. The kit calls it a fact because it can be "
                             "checked: on 19 August 2020 EU leaders said the election was 'neither free nor "
                             "fair'. Which is it? Be ready to say why."},
                # Lesson 1 (q1.6) taught that "caved" is the author's reading: sorting c21 as an opinion
                # applies what lesson 1 taught, so it gets full credit, with the kit's reason for "fact".
                "c21": {"B": "You called c21 an opinion. That is what lesson 1 taught: 'appears to have caved' is "
                             "the author's reading of the Kremlin's words. The kit sorts it as a fact because "
                             "its core can be checked: the Kremlin's readout of 16 August did promise help, 'if "
                             "necessary' through the CSTO (document d2). Both readings are fair."}},
        feedback={"correct": "All six match the kit's sorting. The kit's types are its judgements too: "
                             "c21 ('appears to have caved') is a fact with a loaded word in it."},
        hints=["Can you check it now with a source? Then it is a fact, even if it could be wrong.",
               "Words like 'will', 'may' and 'buy a couple of years' point to a prediction; 'may be a chance "
               "for the EU to...' points to a recommendation.",
               "Worked example (another claim, not in this list): c45 says Babariko was 'the former head of a "
               "Belarusian bank partly owned by Russia's gas monopoly Gazprom'. You can check that now with a "
               "source, so the kit calls it a fact. Ask the same question about each of the six claims."]),
    Question(
        qid="q5.4", kind="matching", skill="use of evidence", variable="my_verdicts",
        graded=False,  # a prediction before the evidence: recorded for the discussion, not marked
        prompt="Before you see the kit's verdicts, predict one for each of the same six claims: supported, "
               "contested, inaccurate, not verifiable, borne out or not borne out. Then compare your "
               "predictions with the evidence column of the claims explorer.",
        options={"A": "supported", "B": "contested", "C": "inaccurate", "D": "not verifiable",
                 "E": "borne out", "F": "not borne out"},
        items=["c03", "c09", "c10", "c21", "c41", "c49"],
        expected=_kit_verdicts,
        # q5.5 accepts "partly right" for c03 and calls "partly right" and "inaccurate" both fair: "contested"
        # is the same reading here, so it gets credit with the kit's reason.
        accept={"c03": {"B": "You predicted 'contested' for c03. That is fair, as exercise 5.5 says: Ukraine's "
                             "Orange Revolution ran into January 2005, so 'the previous year' is partly right. "
                             "The kit says 'inaccurate' because the revolutions themselves began in 2003 and 2004, "
                             "two and three years before 2006."}},
        feedback={"correct": "Your predictions match the kit's verdicts. The verdicts are the kit's "
                             "judgements, for debate: read the evidence for each."},
        hints=["Facts can be supported, contested or inaccurate; opinions are often not verifiable; predictions "
               "and recommendations are borne out or not.",
               "Use what you know from lessons 1 and 2 and the kit's timeline of dated events. With code: in a "
               "new code cell, type kit.timeline().",
               "Worked example (another claim, not in this list): c27 says 'it took a second conversation on "
               "Sunday for Moscow to explicitly mention its obligations under the CSTO'. The Kremlin's readout "
               "of 16 August (document d2) mentions the CSTO, so the kit calls c27 supported. Predict each of "
               "the six claims the same way."]),
    Question(
        qid="q5.9", kind="text", skill="corroboration",
        prompt="Corroboration: fill in the organiser for documents d1 and d2 (the Kremlin's readouts of 15 and "
               "16 August) and press Save for each. Or write here: what does each say about help for "
               "Lukashenko, and do the two together agree with the column's paragraphs 16-17?",
        min_words=35,
        starters=["d1 (15 August) says ... about help for Lukashenko.",
                  "d2 (16 August) says ... .",
                  "Together they agree / do not agree with paragraphs 16-17 because ...",
                  "We are less sure of ... because we read it in a copy."],
        rubric=["names both documents, with their dates and who issued them",
                "says what each claims about help for Lukashenko (d1: none; d2: help under the Union State "
                "treaty and, 'if necessary', the CSTO)",
                "compares them with the column's account (first statement 'mentioned nothing of aid'; a second "
                "conversation mentioned the CSTO)",
                "notes how sure we are of each document's wording (a news agency's quotation; a copy)"],
        examples=["d1, the Kremlin's readout of 15 August (quoted by Interfax-Ukraine), speaks of problems to be "
                  "'resolved soon' and of 'destructive forces', but offers no help. d2, the readout of 16 August "
                  "(read in a copy), says Russia is ready to give 'the necessary assistance' under the Union State "
                  "treaty and through the CSTO 'if necessary'. Together they support the column: the first "
                  "statement mentioned no aid and the second mentioned the CSTO. We read d2 in a copy, so we are "
                  "less sure of its exact wording."],
        hints=["Read d1, then d2: underline every word about help or aid.",
               "Now read paragraphs 16 and 17 of the column in the reader. With code: in a new code cell, type "
               "article.paragraph(16).",
               "Worked example: 'd1 (15 Aug) offers no aid; d2 (16 Aug) mentions the CSTO...' Then say whether "
               "that matches the column."]),
    Question(
        qid="q5.8", kind="choice", skill="corroboration", variable="two_readouts",
        prompt="Compare documents d1 (15 August) and d2 (16 August). What do the two Kremlin readouts show "
               "together?",
        options={"A": "Both promise help through the CSTO",
                 "B": "Only the second (d2) offers help, under the Union State treaty and 'if necessary' the "
                      "CSTO; the first (d1) speaks of 'destructive forces' but offers none",
                 "C": "Neither mentions Belarus's election",
                 "D": "The first promises to send troops at once"},
        expected="B",
        misconceptions={"A": "This answer reads one document and assumes the other says the same.",
                        "C": "This answer answers without reading the documents.",
                        "D": "This answer confuses Lukashenko's claims with the Kremlin's readout."},
        feedback={"correct": "Yes. Two documents from the same source, one day apart, show the change the "
                             "column describes in paragraphs 16-17.",
                  "A": "Read d1 again: which words are about help?",
                  "C": "Both open with the situation after the presidential election.",
                  "D": "Lukashenko said Russia would help; the Kremlin's d1 does not. Read it again."},
        hints=["Read d1's excerpt, then d2's: which one has the words 'assistance' and 'Collective Security'?",
               "d1 is the first call (15 August), d2 the second (16 August).",
               "Worked example (the method): list the words about help in each readout. d2 has 'the necessary "
               "assistance' and, for the CSTO, 'if necessary'; now look for words like these in d1. Then keep "
               "the option that fits both lists."]),
    Question(
        qid="q5.10", kind="choice", skill="sourcing", variable="mt_fact",
        prompt="Lateral reading about the source itself: using the packet, which statement about The Moscow "
               "Times in August 2020 is supported?",
        options={"A": "An English-language news site founded in 1992 by the Dutch publisher Derk Sauer, who "
                      "bought it back in 2017; its newsroom was in Moscow",
                 "B": "A Russian state newspaper run by the Kremlin",
                 "C": "A news site based in Amsterdam since 1992",
                 "D": "A blog written by one person"},
        expected="A",
        misconceptions={"B": "This answer judges a source by its name alone.",
                        "C": "This answer applies a later fact (the move to Amsterdam in 2022) to 2020: that is hindsight.",
                        "D": "This answer does not check who is behind a site."},
        feedback={"correct": "Yes. Note also that its opinion pages carry a disclaimer: the views are the "
                             "author's, not the paper's.",
                  "B": "Read the packet: who founded it, and who owned it in 2020?",
                  "C": "The move to Amsterdam came in March 2022, after the column. What was true in 2020?",
                  "D": "The packet names a founder, an owner and a newsroom."},
        hints=["Read the packet's excerpts about The Moscow Times' history.",
               "Watch the dates: what was true in August 2020, not later?",
               "Worked example (a similar check): a club founded in 1950 that moved abroad in 2015 was still at "
               "home in 2010. Put the packet's dates for The Moscow Times (founding, owners, a move) on a line, "
               "and keep only what was true in August 2020."]),
    Question(
        # A short document-based question: it closes lesson 5 with an argument from the document set (all seven
        # documents dated 7-20 August 2020), so every document is used in at least one task.
        qid="q5.12", kind="text", skill="use of evidence",
        prompt="Document-based question. As of 20 August 2020, what did Moscow signal it would do about Belarus, "
               "and how did Minsk, Brussels and the opposition see the crisis? Read d1 and d2 (the Kremlin), d5 and "
               "d7 (the Belarusian presidency), d3 (the EU's leaders), d4 (Tsikhanouskaya) and d6 (a reader's letter). "
               "Write 120-180 words: a one-sentence answer first, then evidence from at least four documents "
               "(name each, with its date and who wrote it), and one limit of a document you used.",
        min_words=120,
        starters=["As of 20 August 2020, Moscow signalled that ...",
                  "First, d... (who, date) says '...', which shows ...",
                  "But d... (who, date) sees it differently: ...",
                  "One limit: d... is ... (a copy / a translation / a letter / written for ...), so ..."],
        rubric=["answers the question in one clear sentence (any answer the documents support)",
                "uses at least four documents, each named with its author and date",
                "quotes or closely paraphrases each document accurately",
                "compares at least two points of view (Moscow, Minsk, Brussels, the opposition, a reader)",
                "names one limit of a document (who wrote it, for whom, a copy or a translation) and what it means "
                "for the argument",
                "uses nothing from after 20 August 2020"],
        # One model answer (the lesson's solution cell); an answer that argues the other way from the same
        # documents can meet every criterion too.
        examples=["By 20 August 2020, the Kremlin had said it would stand by Lukashenko if he needed help, while Minsk, Brussels and the opposition each saw a different crisis. The Kremlin's readout of 15 August (d1) only warns of 'destructive forces', but the next day's readout (d2) says Russia is ready to give 'the necessary assistance', 'if necessary' through the CSTO. Lukashenko's presidency (d7, 18 August) blames 'Western nations' and says army units were sent to the western borders, so Minsk presented the crisis as a threat from outside. The EU's leaders (d3, 19 August) saw an election 'neither free nor fair' and asked for 'an inclusive national dialogue'. Tsikhanouskaya (d4, 17 August) asked for new elections and said the independence of Belarus 'cannot be lost'. One limit: d2 is read in a copy and d4 in a translation, so their exact words are less sure, and d1 gives us the Kremlin's words only as a news agency quoted them."],
        hints=["Start with the two Kremlin readouts, d1 and d2: what changed from the first call to the second? "
               "Each headnote gives its date.",
               "Now read d7: what did Lukashenko say about the West and about the army? Then d3: what did the EU's "
               "leaders ask for?",
               "A limit is about the document, not the event: who wrote it, for whom, and do we read the original, "
               "a copy or a translation?",
               "Worked example (a made-up similar case): 'A ministry's statement (3 May) promises help; a newspaper "
               "(4 May) calls the promise empty. One limit: we read the newspaper in a translation.' Now do the same "
               "with four of d1-d7."]),
]
