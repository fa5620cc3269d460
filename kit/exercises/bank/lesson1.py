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
            "A": "reads an opinion column as news reporting",
            "C": "confuses the newspaper with the government it writes about",
            "D": "takes a text with facts and links for a neutral reference work"},
        feedback={"correct": "Yes: it argues for a point of view and ends with a proposal. The site's own "
                             "disclaimer says it is an opinion piece.",
                  "A": "A news report tells what happened. This text argues and recommends: look at its last paragraphs.",
                  "C": "The Moscow Times is a newspaper. Look at the disclaimer at the end of the source card.",
                  "D": "An encyclopaedia tries to be neutral. Does this text take a side?"},
        hints=["Read the disclaimer on the source card.", "Does the text only report, or does it also recommend "
               "what Moscow and Brussels should do?",
               "Worked example: the last paragraphs say what the EU 'could' do and what 'should' be the goal: "
               "that is the language of opinion. Answer B."]),
    Question(
        qid="q1.2", kind="choice", skill="sourcing", variable="author_status",
        prompt="How sure can we be that Anna Arutunyan wrote the column?",
        options={"A": "Verified: her name is on the page we read",
                 "B": "Inferred: the evidence points to her, but no page we read shows her byline beside the headline",
                 "C": "Unknown: there is no evidence at all",
                 "D": "It does not matter who wrote an opinion column"},
        expected="B",
        misconceptions={"A": "takes a likely fact for a verified one",
                        "C": "ignores the evidence we do have",
                        "D": "thinks the author does not matter when judging an opinion"},
        feedback={"correct": "Yes. The web address, her 2006 job and the linked Foreign Affairs essay all point "
                             "to her, but no page shows the byline.",
                  "A": "Look at the badge next to the author on the source card.",
                  "C": "Read the note under the source card: there are three clues.",
                  "D": "Who writes an opinion tells us what they know and which side they may take."},
        hints=["Look at the coloured badge next to 'Author' on the source card.",
               "Run print(article.metadata['author'].note) and count the clues.",
               "Worked example: the status is 'inferred', and the note lists three clues but no byline. Answer B."]),
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
               "Worked example: 'It is in English in The Moscow Times, so it is for English readers who follow "
               "Russia. It advises the EU, so it also speaks to people who shape EU policy.'"]),
    Question(
        qid="q1.4", kind="number", skill="close reading", variable="first_csto",
        prompt="In which paragraph does the author first mention the CSTO? Store the number in first_csto.",
        expected=lambda: _data.first_paragraph_with("CSTO"),
        feedback={"correct": "Yes: paragraph 12, where Moscow promises support 'if necessary'.",
                  "=17": "Paragraph 17 mentions the CSTO too, but it is not the first time. Look earlier."},
        misconceptions={"=17": "stops at a later mention instead of the first"},
        hints=["article.find('CSTO') lists every paragraph that mentions it.",
               "The smallest paragraph number in that list is the first mention.",
               "Worked example: first_csto = article.find('CSTO')['paragraph'].min()"]),
    Question(
        qid="q1.5", kind="matching", skill="close reading", variable="my_matches",
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
               "Worked example: OMON are riot police, so \"OMON\": \"B\". Do the same for the other three."]),
    Question(
        qid="q1.6", kind="ordering", skill="close reading", variable="section_order",
        prompt="Put the column's sections in the order the author wrote them. Store a list of letters "
               "in section_order, for example [\"A\", \"B\", ...].",
        options=SECTIONS,
        expected=lambda: _data.section_order(SECTIONS),
        feedback={"correct": "Yes: from 2006, to the crisis, to Moscow's hesitation, to its options, to the proposal."},
        hints=["The argument chart in section 4 shows the sections from top to bottom.",
               "The column starts with the author's memory of 2006 and ends with a proposal.",
               "Worked example: it starts with B (2006 and now) and ends with C (the proposal); find the three in between."]),
]
