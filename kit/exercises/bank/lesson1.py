"""Lesson 1: reading the column as a source."""
from ..model import Question
from . import _data

SECTIONS = {"A": "Putin's options", "B": "2006 and now", "C": "The proposal",
            "D": "Moscow's hesitation", "E": "The crisis in 2020"}

QUESTIONS = [
    Question(
        qid="q1.1", kind="choice", skill="sourcing", variable="kind_of_text",
        prompt="What kind of text is this?",
        options={"A": "A news report", "B": "An opinion column",
                 "C": "An official statement of the Russian government", "D": "An encyclopaedia article"},
        expected="B",
        misconceptions={
            "A": "This answer reads an opinion column as news reporting.",
            "C": "This answer confuses the newspaper with the government it writes about.",
            "D": "This answer takes a text with facts and links for a neutral reference work."},
        feedback={"correct": "Yes: it argues for a point of view and ends with a proposal. The site's own "
                             "disclaimer says it is an opinion piece.",
                  "A": "A news report tells what happened. This text argues and recommends: look at its last paragraphs.",
                  "C": "The Moscow Times is a newspaper. Look at the disclaimer at the end of the source card.",
                  "D": "An encyclopaedia tries to be neutral. Does this text take a side?"},
        hints=["Read the disclaimer on the source card.", "Does the text only report, or does it also recommend "
               "what Moscow and Brussels should do?",
               "Worked example (a similar text): a page that says 'The minister resigned on Monday' reports; "
               "one that says 'The minister should resign' argues. Now look for 'could' and 'should' in the "
               "column's last paragraphs."]),
    Question(
        qid="q1.2", kind="choice", skill="sourcing", variable="author_status",
        prompt="How sure can we be that Anna Arutunyan wrote the column?",
        options={"A": "Verified: her name is on the page we read",
                 "B": "Inferred: the evidence points to her, but no page we read prints her name with the column, "
                      "beside its headline",
                 "C": "Unknown: there is no evidence at all",
                 "D": "It does not matter who wrote an opinion column"},
        expected="B",
        misconceptions={"A": "This answer takes a likely fact for a verified one.",
                        "C": "This answer ignores the evidence we do have.",
                        "D": "This answer thinks the author does not matter when judging an opinion."},
        feedback={"correct": "Yes. The web address, her 2006 job and the linked Foreign Affairs essay all point "
                             "to her, but no page prints her name with the column.",
                  "A": "Look at the coloured word (verified, inferred or unknown) next to the author on the source card.",
                  "C": "Read the note under the source card: there are three clues.",
                  "D": "Who writes an opinion tells us what they know and which side they may take."},
        hints=["Look at the coloured word (verified, inferred or unknown) next to 'Author' on the source card.",
               "Read the note under the source card and count the clues it gives. With code: in a new code cell,"
               " type print(article.metadata['author'].note) and press Shift+Enter.",
               "Worked example (a similar case): a letter signed 'A. Smith' is verified as Smith's; an unsigned "
               "letter in Smith's handwriting, sent from Smith's address, is inferred to be Smith's. Which is "
               "the column's author more like?"]),
    Question(
        qid="q1.3", kind="text", skill="sourcing",
        prompt="Who was the column written for? Give two clues from the text or the source card.",
        min_words=20,
        starters=["I think it was written for ... because ...",
                  "One clue is ... (from the text / the source card).",
                  "Another clue is ..."],
        rubric=["names a likely audience (readers of an English-language paper about Russia: expatriates, "
                "foreign readers, policy makers, Russians who read English)",
                "gives two clues (language, outlet, the 'we' of the West, the advice to Brussels and Moscow)",
                "explains how each clue points to that audience"],
        examples=["It was written for English-speaking readers who follow Russia, including people who make policy "
                  "in the EU. It is in English in The Moscow Times, and it gives advice to Brussels and Moscow."],
        hints=["Which language is it in, and where was it published?",
               "Whom does the column give advice to in its last paragraphs?",
               "Worked example (a similar question, about a school newsletter): 'It is in simple English and "
               "speaks of our pupils, so it is for the pupils' parents.' Now do the same for the column: its "
               "language, its newspaper, and whom it gives advice to."]),
    Question(
        qid="q1.5", kind="number", skill="working with data", variable="first_csto",
        prompt="In which paragraph does the author first mention the CSTO? Store the number in first_csto.",
        expected=lambda: _data.first_paragraph_with("CSTO"),
        feedback={"correct": "Yes: paragraph 12, where Moscow promises support 'if necessary'.",
                  "=17": "Paragraph 17 mentions the CSTO too, but it is not the first time. Look earlier."},
        misconceptions={"=17": "This answer stops at a later mention instead of the first."},
        no_code={"table": "words", "show": ["word", "paragraph", "snippet"],
                 "steps": "Filter 1: keep rows where word is CSTO. Each row is a paragraph that mentions it. Then "
                          "choose 'find the smallest number in a column' and the column paragraph. Type the "
                          "number and press Check."},
        hints=["Read the column in the reader and note each paragraph that mentions the CSTO. In the table "
               "tool under this exercise: Filter 1, word, CSTO. With code: in a new code cell, type "
               "article.find('CSTO') and press Shift+Enter: it lists every paragraph that mentions it.",
               "The smallest paragraph number in that list is the first mention.",
               "Worked example (a similar task): to find the first paragraph about Donbass, list the paragraphs "
               "that mention Donbass and take the smallest number. With code: in a new code cell, type "
               "article.find('Donbass')['paragraph'].min(). Do the same for the CSTO."]),
    Question(
        qid="q1.4", kind="matching", skill="vocabulary", variable="my_matches",
        prompt="Match each term with its plain definition. Store a dictionary in my_matches, "
               "for example {\"OMON\": \"A\", ...}.",
        options={"A": "A military alliance led by Russia; its members promise to defend each other.",
                 "B": "Riot police in Belarus, part of the Interior Ministry.",
                 "C": "A plan for Russia and Belarus to join their economies and some institutions.",
                 "D": "Someone who is both a friend and a rival."},
        items=["OMON", "CSTO", "Union State", "frenemy"],
        expected={"OMON": "B", "CSTO": "A", "Union State": "C", "frenemy": "D"},
        feedback={"correct": "All four right. These words come back in every lesson."},
        hints=["The glossary table in section 3 defines all four words.",
               "Start with the word you know best, then the others are easier.",
               "Worked example (another word from the glossary): the glossary says the OSCE is 'a big security "
               "organisation of 57 countries in Europe, Asia and North America that also watches elections'. So a "
               "definition about watching elections would go with the OSCE. Now read each definition above and "
               "find the word in the glossary that it describes."]),
    Question(
        qid="q1.10", kind="ordering", skill="close reading", variable="section_order",
        prompt="Put the column's sections in the order the author wrote them. Store a list of letters "
               "in section_order, for example [\"A\", \"B\", ...].",
        options=SECTIONS,
        expected=lambda: _data.section_order(SECTIONS),
        feedback={"correct": "Yes: from 2006, to the crisis, to Moscow's hesitation, to its options, to the proposal."},
        hints=["The argument chart in section 4 shows the sections from top to bottom.",
               "A section comes earlier when its first paragraph has a smaller number.",
               "Worked example (the method): note the first paragraph of each section in the argument chart, "
               "then sort the letters by those paragraph numbers."]),
    Question(
        qid="q1.6", kind="choice", skill="close reading", variable="caved_does",
        prompt="Paragraph 12 says Moscow 'appears to have caved and promised, \"if necessary,\" to support "
               "its frenemy'. What does the word 'caved' do?",
        options={"A": "It reports the Kremlin's own words: the Kremlin said it had caved",
                 "B": "It presents Moscow as giving in under pressure, against its will: the author's "
                      "reading, not something the Kremlin said",
                 "C": "It says Russian troops went into Belarus",
                 "D": "It is a technical term from the CSTO treaty"},
        expected="B",
        misconceptions={"A": "This answer takes the author's word for the source's word.",
                        "C": "This answer reads a loaded word as a report of an event.",
                        "D": "This answer thinks a loaded word is neutral jargon."},
        feedback={"correct": "Yes. 'Caved' is a loaded word: it tells us how to see Moscow's promise "
                             "(reluctant, pushed). Document d2, the Kremlin's readout, uses no such word.",
                  "A": "Read document d2: the Kremlin 'reaffirmed its readiness'. Whose word is 'caved'?",
                  "C": "Nothing in paragraph 12 says troops moved. What does 'caved' say about Moscow's will?",
                  "D": "Look the word up: to cave (in) means to give in."},
        hints=["To 'cave' or 'cave in' means to give in after resisting.",
               "Compare the Kremlin's own words in document d2 with the column's word.",
               "Worked example (a similar word): a match report that says a team 'crumbled' in the second half "
               "adds a picture of how they played; the score alone only shows they let in goals. Now compare the "
               "column's 'caved' with the Kremlin's own words in d2, 'reaffirmed its readiness'. Whose word is it?"]),
    Question(
        qid="q1.7", kind="matching", skill="close reading", variable="word_jobs",
        prompt="Loaded words tell the reader how to feel. Match each word from the column with what it does. "
               "Store a dictionary in word_jobs, for example {\"frenemy\": \"A\", ...}.",
        options={"A": "Tells us the author finds Lukashenko's reaction reasonable",
                 "B": "Calls a whole security culture's view of the world irrational",
                 "C": "Sums up a relationship as friendly and hostile at once, in one casual word",
                 "D": "Says the violence was meant to be seen, to frighten everyone"},
        items=["frenemy", "understandably", "paranoid", "demonstrative terror"],
        expected={"frenemy": "C", "understandably": "A", "paranoid": "B", "demonstrative terror": "D"},
        feedback={"correct": "All four. Each word does work a fact cannot do: it judges. Ask what evidence "
                             "the column gives for each judgement."},
        hints=["Find each word in the column (the reader shows every paragraph) and read its whole sentence. "
               'With code: in a new code cell, type article.find("paranoid") to see the paragraph of a word.',
               "'Understandably' (paragraph 21) is about how Lukashenko 'painted' Moscow's demands; 'paranoid' "
               "(paragraph 26) is about 'Russian security culture'.",
               "Worked example (another loaded word from the column): in paragraph 12 Moscow 'appears to have "
               "caved'. 'Caved' means gave in against its will. So the word does not only report a promise: it "
               "tells us how to see Moscow, as weak and pushed. Ask the same question about each of the four "
               "words: what does it tell you to feel or think?"]),
    Question(
        qid="q1.9", kind="text", skill="sourcing",
        prompt="Fill in the organiser for one document (d1 or d5) with the organiser above and press Save. "
               "Or write here: who wrote it, when, why, what it claims, and whether it agrees with the column.",
        min_words=25,
        starters=["Document ... was written by ... and published by ... on ... .",
                  "It was written to ... , for ... .",
                  "It claims that '...'.",
                  "It agrees / does not agree with the column because ..."],
        rubric=["sourcing: names the author and the publisher, and says whether the page read is the original",
                "says when it was issued, before or after the column of 16 August 2020",
                "says why it was written and for whom", "close reading: quotes a few of its words",
                "corroboration: says whether it agrees with the column, with a reason"],
        examples=["Document d1 is the Kremlin's readout of 15 August 2020, as quoted by Interfax-Ukraine, one day "
                  "before the column. It was written to tell the public what Putin and Lukashenko said. It claims "
                  "the problems 'would be resolved soon' and warns of 'destructive forces'. It mentions no aid, so "
                  "it agrees with the column's point that Moscow was careful at first."],
        hints=["Start with the source line above the excerpt: author, publisher, date.",
               "For 'why': an official readout tells the public what the government wants it to know.",
               "Worked example: see the example answer in your teacher's key."]),
    Question(
        qid="q1.8", kind="text", skill="close reading",
        prompt="Absences: whose voices does the column leave out? Name two people or groups it does not "
               "quote or name, and say what they might add to the story.",
        min_words=30,
        starters=["The column does not quote or name ... .",
                  "I know this because it quotes only ... .",
                  "... could tell us ... .",
                  "A second missing voice is ... , who could add ..."],
        rubric=["names two absent voices (for example Tsikhanouskaya and the opposition leaders, the "
                "protesters themselves, striking workers, Belarus's neighbours)",
                "gives evidence that they are absent (who the column does quote: the Kremlin, experts, the author)",
                "says what each might add or change in the story"],
        examples=["The column never names Sviatlana Tsikhanouskaya, the opposition candidate, and it quotes no "
                  "protester. It quotes the Kremlin, Russian experts and the author's own memory of 2006. "
                  "Tsikhanouskaya could say what the protesters want (new elections, document d4); a protester "
                  "could say whether they want help from Russia or the EU at all."],
        hints=["Read the column in the reader: does it name Tsikhanouskaya, or quote any protester? With code: "
               'in a new code cell, type article.find("Tsikhanouskaya") and press Shift+Enter.',
               "Who speaks in the column? Whose words are quoted?",
               "Worked example: 'The column quotes the Kremlin but no protester...' Then add a second voice."]),
]
