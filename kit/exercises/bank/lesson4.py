"""Lesson 4: the role-play, set on 20 August 2020, its debrief, a policy memo, then what happened."""
from ..model import Question

# What each actor had said by 20 August 2020 (the role cards in data/actors.csv, stated_position).
SAID = {"lukashenko": "A", "russia": "B", "eu": "C", "tsikhanouskaya": "D"}

QUESTIONS = [
    Question(
        qid="q4.1", kind="choice", skill="sourcing", variable="card_evidence",
        prompt="Your role card has two parts: what the actor said, and an analyst's reading of its interests. "
               "Which part is evidence of the actor's own position?",
        options={"A": "What the actor said, with its date and source",
                 "B": "The analyst's reading of its interests",
                 "C": "Both parts equally",
                 "D": "Neither: role cards are made up"},
        expected="A",
        misconceptions={"B": "This answer treats an interpretation as the actor's own words.",
                        "C": "This answer does not tell a source from someone's reading of it.",
                        "D": "This answer does not see that each statement is dated and sourced."},
        feedback={"correct": "Yes. The analyst's reading is a judgement you can argue with; the statement is evidence.",
                  "B": "The reading is the kit's judgement, for debate. Which part quotes the actor, with a date?",
                  "C": "One part quotes the actor; the other interprets. They are not the same kind of evidence.",
                  "D": "Each statement has a date and a source you can open."},
        hints=["Look at the labels on your card: 'What they said' and 'An analyst's reading'.",
               "Which part has a date and a web address?",
               "Worked example (a similar case): a sports profile quotes a player, 'I want to stay' (interview, "
               "3 May), then gives the journalist's view that he wants more money. The dated quote is evidence of "
               "what the player said; the view is one reading of it. Look at the two parts of your card the same way."]),
    Question(
        qid="q4.3", kind="text", skill="use of evidence",
        prompt="Your group's position memo for the role-play (use the template above).",
        min_words=40,
        starters=["We are ... . Our answer is ... , if ... .",
                  "Our interests are ... .",
                  "Our evidence: on ... , ... said ... (source: ...).",
                  "We can offer ... . Our red line is ... ."],
        rubric=["states a clear answer to the decision question", "names the actor's interests",
                "uses one fact known by 20 August 2020, with its source", "says what the actor can offer",
                "states a red line"],
        examples=["We are the EU. Answer: yes, if Russia accepts a new, fair election as the goal. Our interests: "
                  "a stable, independent Belarus and no new war on our border. Evidence: our leaders said on 19 "
                  "August 2020 that the election was neither free nor fair (European Council). Offer: economic help "
                  "and talks with Moscow. Red line: no deal that keeps the violence going."],
        hints=["Fill in the six lines of the template, one or two sentences each.",
               "For the evidence, copy the statement on your role card, with its date and source.",
               "Worked example: see the EU example in the answer key; your teacher can read you its first lines."]),
    Question(
        qid="q4.2", kind="choice", skill="contextualisation", variable="known_on_the_day",
        prompt="The role-play is set on 20 August 2020. Which of these could your group know on that day?",
        # The wrong options are things a group could imagine on 20 August but could not know: how the open
        # questions of that day would be answered. No later event is named or dated here (the frame holds
        # until the reveal).
        options={"A": "Whether Russia would send police or troops if Lukashenko asked for them",
                 "B": "Lukashenko said Belarus needed no foreign mediators (15 August 2020)",
                 "C": "Which officials the EU would sanction, and when",
                 "D": "Whether Russia would lend Belarus money, and how much"},
        expected="B",
        misconceptions={"A": "This answer treats an open question of the day as already answered: that is hindsight.",
                        "C": "This answer treats an open question of the day as already answered: that is hindsight.",
                        "D": "This answer treats an open question of the day as already answered: that is hindsight."},
        feedback={"correct": "Yes: only B had happened by 20 August. Argue with what the actors knew then.",
                  "A": "On 20 August nobody knew this yet: Russia had only said it was ready to help 'if "
                       "necessary'. You may argue about what it might do, but not say what it did.",
                  "C": "On 20 August nobody knew this yet: the EU had only said on 19 August that it would "
                       "impose sanctions 'shortly'.",
                  "D": "On 20 August nobody knew this yet. You may argue about what Russia might do, but not say "
                       "what it did."},
        hints=["Which of these had already been said by a dated source on or before 20 August?",
               "The other three are questions nobody could answer on 20 August.",
               "Worked example (a similar case): for a decision on 1 March, a statement of 25 February is known; "
               "what a government will decide next week is not. Now check each option."]),
    Question(
        qid="q4.4", kind="matching", skill="sourcing", variable="who_said_it",
        prompt="Round 1 check: who said what by 20 August 2020? Match each actor to its statement. Store a "
               "dictionary in who_said_it, for example {\"lukashenko\": \"A\", ...}.",
        options={"A": "'We don't need any foreign governments or mediators.'",
                 "B": "Ready to provide 'necessary assistance', 'if needed' through the CSTO",
                 "C": "'Neither free nor fair, therefore we do not recognise the results.'",
                 "D": "Ready to 'act as the national leader' until new, fair elections"},
        items=list(SAID),
        expected=SAID,
        feedback={"correct": "All four right: you listened to the statements."},
        hints=["Each group read its statement in Round 1; the role cards show them again.",
               "Who would say there is no need for mediators? Who speaks of the CSTO?",
               "Worked example (another actor, not in this list): on 17 August the OSCE offered to help start a "
               "dialogue. A statement about 'dialogue' would go with the OSCE. Find the key words in each statement "
               "and ask which actor speaks that way."]),
    Question(
        qid="q4.5", kind="text", skill="use of evidence",
        prompt="Policy memo (about 80-120 words): as your actor, on 20 August 2020, what should be done about "
               "Belarus, and why? Use the sentence starters above.",
        min_words=60,
        starters=["Memo for ... , 20 August 2020. We recommend ... .",
                  "First, ... (source: ... , date). Second, ... .",
                  "The risk is ... , so we ... .",
                  "The ... group said ... , but ..."],
        rubric=["gives a clear recommendation for one actor",
                "supports it with two facts known by 20 August 2020, each with its source",
                "weighs at least one risk or trade-off (for example de-escalation against protesters' safety)",
                "answers one other group's argument from the negotiation",
                "uses nothing from after 20 August 2020"],
        examples=["Memo for the EU, 20 August 2020. We recommend sanctions on the officials responsible for the "
                  "violence and the falsification, together with an offer to support an OSCE-led dialogue. First, "
                  "our leaders said on 19 August that the elections were 'neither free nor fair' (European Council). "
                  "Second, the OSCE offered on 17 August to meet the government and the opposition (European "
                  "Western Balkans). The risk is that Moscow reads our steps as meddling, as the column warns, so we "
                  "keep them targeted and talk to Moscow. The Kremlin group said any outside role is interference; "
                  "but the OSCE includes Russia. [Scored with the rubric: meets all five criteria; exceeds on the "
                  "third, because it weighs the risk and says how to reduce it. A memo that cites the October "
                  "sanctions would not meet the fifth criterion: hindsight.]"],
        hints=["Start: 'Memo for ..., 20 August 2020. We recommend ...'",
               "Add two dated facts from your role card or the options table, and one risk.",
               "Worked example: see the scored example in the answer key; your teacher can read you its first "
               "three sentences."]),
    Question(
        qid="q4.6", kind="choice", skill="contextualisation", variable="fair_judgement",
        prompt="Now you know what happened after 20 August 2020. Which statement about your debate is fair?",
        options={"A": "The groups that guessed what would happen argued best",
                 "B": "An argument can be good on the evidence of 20 August and still turn out wrong",
                 "C": "What happened shows the column's proposal was a bad idea",
                 "D": "The role-play was pointless, because now we know the answer"},
        expected="B",
        misconceptions={"A": "This answer judges an argument by how things turned out: that is called outcome bias.",
                        "C": "This answer uses hindsight: what happened does not show what would have happened with another choice.",
                        "D": "This answer uses hindsight: the actors did not know the outcome either."},
        feedback={"correct": "Yes: judge a decision by what was known when it was made; judge the outcome separately.",
                  "A": "Guessing right is not the same as arguing well from the evidence of the day.",
                  "C": "The proposal was never tried, so we cannot see what it would have done.",
                  "D": "On 20 August nobody knew the answer: that is what the role-play trains."},
        hints=["What did each actor know on 20 August?",
               "Is a good decision the same as a good outcome?",
               "Worked example (a similar case): a footballer takes a penalty well, low into the corner, but the "
               "goalkeeper makes a great save. Was it a bad penalty? Judge the choice by what the player could "
               "know and do, and the result separately. Now look at the options the same way."]),
]
