"""Fair marking (issue 10): for every exercise, answers a student could reasonably write that must get full
credit, and wrong answers that must not, each with words its feedback must use. Expected values come
from the data, never typed in here."""
import re

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import pytest

import kit
from kit.exercises import evaluate, questions
from kit.exercises.grade import chart_name, grade, word_count
from kit.exercises.model import CORRECT, NOT_YET, PARTLY, SAVED, Question

pytestmark = pytest.mark.usefixtures("private_responses")  # conftest: answers saved in tmp_path


P = kit.protests()
C = kit.claims()
O = kit.options()
A = kit.load_article()
OFFICIAL = P[P["official_claim"]]
SHARE = P[P["measure_id"] == "incumbent_share_official"]
CRITERIA = ["feasibility", "de_escalation", "protester_safety", "belarusian_choice", "actor_interest"]
NEUTRAL = CRITERIA[:4]   # q3.5 averages what the neutral view scores: not the owners' interests (issue 19)
RANKED = O.assign(average=O[NEUTRAL].astype(float).mean(axis=1)).sort_values("average", ascending=False)
DOUBTFUL = C[C["verdict"].isin(["inaccurate", "contested"])]
DET = P[P["measure_id"] == "detentions_total"]
BASE_2006 = float(DET[DET["year"] == 2006][["value", "low", "high"]].max().max())
# lesson 2 stops on 20 August 2020: its only 2020 count is the Interior Ministry's, for the first four days
TOP_2020 = float(DET[DET["year"] == 2020][["value", "low", "high"]].max().max())
INTERIOR = round(TOP_2020 / BASE_2006)
FIRST_CSTO = int(A.find("CSTO")["paragraph"].min())
N_MEASURES_2020 = int(P[P["year"] == 2020]["measure_id"].nunique())
N_PRED = int((C["claim_type"] == "prediction").sum())
N_SAFE = int((O["protester_safety"] >= 4).sum())
from kit.exercises.bank.lesson6 import EVENTS as EVENTS_2020  # noqa: E402
from kit.views.lesson_views import SORT_CLAIMS, TYPE_LETTERS, VERDICT_LETTERS  # noqa: E402

BY_ID = C.set_index("claim_id")
TYPE_OF = {cid: str(BY_ID.loc[cid, "claim_type"]) for cid in SORT_CLAIMS}
VERDICT_OF = {cid: str(BY_ID.loc[cid, "verdict"]) for cid in SORT_CLAIMS}
TYPES = {cid: {v: k for k, v in TYPE_LETTERS.items()}[t] for cid, t in TYPE_OF.items()}
VERDICTS = {cid: {v: k for k, v in VERDICT_LETTERS.items()}[t] for cid, t in VERDICT_OF.items()}
ALL_WRONG_TYPES = {cid: "D" if letter != "D" else "A" for cid, letter in TYPES.items()}
DATES = kit.timeline().set_index("event_id")["date"]
ORDER_2020 = sorted(EVENTS_2020, key=lambda k: DATES[EVENTS_2020[k]])
SHARE_2020 = float(SHARE[SHARE["year"] == 2020]["value"].iloc[0])
FIRST_DAYS = float(P[(P["measure_id"] == "detentions_first_days") & (P["year"] == 2020)]["value"].iloc[0])
ABSENT_RU = ("Колонка ни разу не называет Светлану Тихановскую, кандидата оппозиции, и не цитирует ни одного "
             "протестующего. Она цитирует Кремль, российских экспертов и воспоминания автора о 2006 годе. "
             "Тихановская могла бы сказать, чего хотят протестующие: новых выборов. Протестующий мог бы сказать, "
             "нужна ли им помощь России или ЕС вообще.")
D1_ZH = ("文件d1是克里姆林宫2020年8月15日的通话纪要，由国际文传电讯社乌克兰分社引用，比专栏早一天。它告诉公众普京和"
         "卢卡申科说了什么：问题会很快解决，并警告有破坏性势力。它没有提到任何援助，所以它和专栏一致：莫斯科起初很谨慎。")
SCORES_EN = ("o04 EU and Russia mediate together: feasibility 1, de-escalation 5, protester safety 3, Belarusian "
             "choice 2, actor interest 2. Reason: Lukashenko said on 15 August that Belarus needed no foreign "
             "mediators. o10 OSCE dialogue: feasibility 2, de-escalation 4, protester safety 4, choice 5, interest 3. "
             "Reason: the OSCE offered on 17 August to meet both sides. We gave o04 feasibility 1; the kit gives 2.")
MEMO_EN = ("We are the EU. Answer: yes, if Russia accepts a new, fair election as the goal. Our interests: a "
           "stable, independent Belarus. Evidence: on 19 August 2020 our leaders said the election was neither "
           "free nor fair. Offer: economic help. Red line: no deal that keeps the violence going.")
POLICY_MEMO = ("Memo for the EU, 20 August 2020. We recommend sanctions on the officials responsible for the violence, "
               "together with an offer to support an OSCE-led dialogue. First, our leaders said on 19 August that the "
               "elections were 'neither free nor fair' (European Council). Second, the OSCE offered on 17 August to "
               "meet the government and the opposition. The risk is that Moscow reads our steps as meddling, as the "
               "column warns, so we keep them targeted and talk to Moscow. The Kremlin group said any outside role "
               "is interference, but the OSCE includes Russia.")
READOUTS_RU = ("Документ d1, сообщение Кремля от 15 августа (в цитате Интерфакс-Украина), говорит, что проблемы скоро "
               "решат, и упоминает «деструктивные силы», но помощи не предлагает. Документ d2 от 16 августа (мы "
               "читали копию) говорит о готовности оказать необходимую помощь по договору о Союзном государстве и "
               "через ОДКБ при необходимости. Вместе они подтверждают слова колонки в абзацах 16 и 17.")
LONG_EN = ("It was written for readers of an English-language paper who follow Russia, and for people who make "
           "policy in the EU: it is in English, and it gives advice to Brussels and to Moscow.")
LONG_RU = ("Колонка написана для англоязычных читателей, которые следят за Россией, и для тех, кто делает политику "
           "в ЕС: она на английском языке и даёт советы Брюсселю и Москве, а также объясняет позицию Кремля.")
LONG_ZH = "这篇专栏是写给关注俄罗斯的英语读者的，也是写给欧盟的决策者的。它用英文发表在莫斯科时报上，并且向布鲁塞尔和莫斯科提出了建议。"
LONG_JA = "このコラムはロシアに関心を持つ英語の読者と、EUの政策を決める人々のために書かれた。英語で書かれ、ブリュッセルとモスクワに助言している。"
LONG_TH = ("บทความนี้เขียนขึ้นสำหรับผู้อ่านภาษาอังกฤษที่ติดตามข่าวรัสเซียและผู้กำหนดนโยบายของสหภาพยุโรป"
           "เพราะเขียนเป็นภาษาอังกฤษและให้คำแนะนำแก่บรัสเซลส์และมอสโก")

# qid -> (answers that must get full credit, with words their feedback uses;
#         answers that must not, with the status they get and words their feedback uses)
FAIR = {
    "q1.1": ([("B", "opinion"), ("b", ""), (" B. ", ""), ("(B)", ""), ("Answer: B", ""), (["B"], ""),
              ("An opinion column", ""), ("b) an opinion column", "")],
             [("A", NOT_YET, "news reporting"), ("E", NOT_YET, "Choose one of the letters"),
              ("opinion", NOT_YET, "Choose one of the letters")]),
    "q1.2": ([("B", "prints her name with the column"), ("b", "")], [("A", NOT_YET, "likely fact"), ("C", NOT_YET, "evidence we do have")]),
    "q1.3": ([(LONG_EN, "Your teacher will read"), (LONG_RU, "Your teacher will read"),
              (LONG_ZH, "Your teacher will read"), (LONG_JA, "Your teacher will read"),
              (LONG_TH, "Your teacher will read"), ([LONG_EN], "")],
             [("Readers.", SAVED, "It is short"), ("读者。", SAVED, "It is short"), (42, NOT_YET, "sentences")]),
    "q1.5": ([(FIRST_CSTO, "paragraph"), (str(FIRST_CSTO), "typed it as text"), (float(FIRST_CSTO), ""),
              (f"paragraph {FIRST_CSTO}", ""), (A.find("CSTO")["paragraph"].min(), "")],
             [(17, NOT_YET, "not the first time"), (FIRST_CSTO + 50, NOT_YET, "too high"),
              ("twelve", NOT_YET, "needs a number"), ("12 or 17", NOT_YET, "needs a number")]),
    "q1.4": ([({"OMON": "B", "CSTO": "A", "Union State": "C", "frenemy": "D"}, "All four"),
              ({"omon": "b", "csto": "a", "union state": "c", "Frenemy": "d"}, ""),
              ({"OMON": "B", "CSTO": "A", "Union_State": "C", "frenemy": "D"}, ""),
              ([("OMON", "B"), ("CSTO", "A"), ("Union State", "C"), ("frenemy", "D")], ""),
              (pd.Series({"OMON": "B", "CSTO": "A", "Union State": "C", "frenemy": "D"}), "")],
             [({"OMON": "A", "CSTO": "B", "Union State": "C", "frenemy": "D"}, PARTLY, "2 of 4 matched"),
              ({"KGB": "A"}, NOT_YET, "not one of the items")]),
    "q1.10": ([(["B", "E", "D", "A", "C"], "from 2006"), ("BEDAC", ""), ("b, e, d, a, c", ""), ("B > E > D > A > C", ""),
              (("B", "E", "D", "A", "C"), "")],
             [(["C", "A", "D", "E", "B"], NOT_YET, "out of order"), ("BEDA", NOT_YET, "exactly once")]),
    "q2.1": ([(OFFICIAL, "claims, not facts"), (OFFICIAL[["year", "measure", "value"]], ""),
              (OFFICIAL[list(reversed(OFFICIAL.columns))], ""), (OFFICIAL.set_index("row_id"), ""),
              (OFFICIAL.assign(year=OFFICIAL["year"].astype(float)), ""), (OFFICIAL.sample(frac=1, random_state=1), ""),
              (OFFICIAL.reset_index(drop=True), ""), (P[P["official_claim"] == True], "")],  # noqa: E712
             [(P, NOT_YET, "Check your filter"), (P[~P["official_claim"].astype(bool)], NOT_YET, "Check your filter"),
              (OFFICIAL.iloc[:-1], NOT_YET, "rows are in it"), (OFFICIAL.assign(value=0.0), PARTLY, "column value"),
              (pd.DataFrame({"a": [1]}), NOT_YET, "none of the columns"),
              (OFFICIAL[["official_claim"]], PARTLY, "cannot tell them apart")]),
    "q2.2": ([(N_MEASURES_2020, "counts once"), (str(N_MEASURES_2020), ""), (float(N_MEASURES_2020), "")],
             [(int((P["year"] == 2020).sum()), NOT_YET, "number of rows"), (P["measure_id"].nunique(), NOT_YET, "Keep only the 2020 rows")]),
    "q2.3": ([(INTERIOR, "not like for like"), (f"{INTERIOR} times", "Interior Ministry"), (INTERIOR + 0.4, ""),
              (str(INTERIOR), "four days")],
             [(round(BASE_2006 / TOP_2020, 2), NOT_YET, "divided the 2006 count"),
              (INTERIOR * 10, NOT_YET, "too high"), (f"{INTERIOR} or 33", NOT_YET, "needs a number")]),
    "q2.4": ([(px.bar(SHARE, x="year", y="value"), "official claims"),
              (px.bar(SHARE, x="value", y="year", orientation="h"), ""),
              (px.bar(SHARE, x="year", y="value", color="year"), ""),
              (px.bar(SHARE, x="year", y="value", facet_col="year"), ""),
              (px.bar(SHARE.assign(value=SHARE["value"].round()), x="year", y="value"), ""),
              (px.bar(SHARE.assign(year=SHARE["year"].astype(str)), x="year", y="value"), ""),
              (px.bar(SHARE.assign(year=SHARE["year"].astype(float)), x="year", y="value", title="Official"), ""),
              (go.Figure(go.Bar(x=SHARE["year"].tolist(), y=SHARE["value"].tolist())), "")],
             [(px.line(SHARE, x="year", y="value"), PARTLY, "as a line chart"),
              (px.scatter(SHARE, x="year", y="value"), PARTLY, "as a scatter plot"),
              (px.bar(SHARE, x="value", y="year"), PARTLY, "axes are swapped"),
              (px.bar(P.head(3), x="year", y="value"), PARTLY, "not the data"),
              (px.pie(SHARE, names="year", values="value"), NOT_YET, "yours is a pie chart"),
              (px.bar(SHARE.assign(value=SHARE["value"] + 5), x="year", y="value"), PARTLY, "not the data"),
              (go.Figure(), NOT_YET, "empty"), ("bar", NOT_YET, "plotly figure")]),
    "q2.5": ([("A", "COVID-19"), ("The pandemic", ""), ("D", "Defensible"), ("d", "45 to 47 dollars")],
             [("B", NOT_YET, "before 2006"), ("C", NOT_YET, "since 1994")]),
    "q2.6": ([(["C", "B", "E", "A", "D"], "1999"), ("CBEAD", ""), ("c b e a d", "")],
             [(["B", "C", "E", "A", "D"], PARTLY, "right place"), (["A", "B"], NOT_YET, "exactly once")]),
    "q2.7": ([("In 2020 Reuters counted around 200,000 marchers, against 8,000-10,000 in 2006 (news agencies). "
               "Viasna, a rights group, counted more than 33,000 detentions in 2020, against more than 1,000 in 2006. "
               "These are estimates, but the difference is very large.", "teacher"),
              ("Да. В 2006 году агентства насчитали 8–10 тысяч человек, а в 2020 году Reuters насчитал около 200 000. "
               "Правозащитный центр «Вясна» насчитал более 33 000 задержаний. Это оценки, но разница огромна.", "")],
             [("Yes.", SAVED, "short"), ("是。", SAVED, "short")]),
    "q3.1": ([("C", "leaving room for both"), ("c", "")], [("A", NOT_YET, "conditional pledge"),
                                                           ("B", NOT_YET, "second option")]),
    "q3.5": ([(RANKED[["option_id", "label", "average"]], "ranking"), (RANKED, ""),
              (RANKED[["average", "label", "option_id"]], ""), (RANKED.assign(average=RANKED["average"].round(2)), ""),
              (RANKED.assign(average=RANKED["average"].round(1)), ""), (RANKED.set_index("option_id"), "")],
             [(O, NOT_YET, "no column called average"),
              (RANKED.sort_values("option_id")[["option_id", "label", "average"]], PARTLY, "sort"),
              (RANKED.assign(average=RANKED["average"] + 0.3), NOT_YET, "averages are not right")]),
    "q3.6": ([(N_SAFE, "actors"), (str(N_SAFE), ""), ((O["protester_safety"] >= 4).sum(), "")],
             [(N_SAFE + 5, NOT_YET, "too high"), (True, NOT_YET, "needs a number")]),
    "q3.7": ([({"russia": "C", "eu": "A", "osce": "B", "lukashenko": "D"}, "All four"),
              ({"russia": "C", "eu": "B", "osce": "B", "lukashenko": "D"}, "fits the EU too"),
              ({"Russia": "c", "EU": "a", "OSCE": "b", "Lukashenko": "d"}, "")],
             [({"russia": "A", "eu": "C", "osce": "B", "lukashenko": "D"}, PARTLY, "2 of 4")]),
    "q3.2": ([(SCORES_EN, "teacher"), (SCORES_EN.split(". "), "")],
             [("o04: 1, 5, 3, 2, 2.", SAVED, "It is short"), (3.4, NOT_YET, "sentences")]),
    "q3.3": ([("B", "weights"), ("b", "")], [("A", NOT_YET, "model's output"), ("D", NOT_YET, "author's view")]),
    "q5.2": ([({"L2": "A", "L4": "B", "L6": "C", "L7": "D"}, "All four"), ({"l2": "a", "l4": "b", "l6": "c", "l7": "d"}, "")],
             [({"L2": "B", "L4": "A", "L6": "C", "L7": "D"}, PARTLY, "Look again at: L2, L4")]),
    "q5.5": ([("C", "partly right"), ("c", "Orange Revolution")],
             [("B", PARTLY, "Half right"), ("A", NOT_YET, "column's dates"), ("D", NOT_YET, "can be checked")]),
    "q5.6": ([(N_PRED, "verdicts"), (str(N_PRED), ""), (f"{N_PRED}.0", ""), ((C["claim_type"] == "prediction").sum(), "")],
             [(len(C), NOT_YET, "too high"), (N_PRED - 3, NOT_YET, "too low")]),
    "q5.7": ([(DOUBTFUL, "evidence column"), (DOUBTFUL[["claim_id", "verdict"]], ""), (DOUBTFUL[["quote", "verdict"]], ""),
              (DOUBTFUL.set_index("claim_id"), ""), (DOUBTFUL.sort_values("verdict"), ""),
              (C.query("verdict in ['inaccurate', 'contested']"), "")],
             [(C[C["verdict"] == "inaccurate"], NOT_YET, "Check your filter"), (C["verdict"], NOT_YET, "Check your filter"),
              (DOUBTFUL.assign(verdict="supported"), PARTLY, "column verdict")]),
    "q5.1": ([("B", "inference"), ("b", "date_method")],
             [("A", NOT_YET, "date_method"), ("C", NOT_YET, "August 2020")]),
    "q5.11": ([("Claim: paragraph 22, Belarus arrested mercenaries before the election. Source 1: a news agency "
               "report of 29-30 July 2020. Source 2: an encyclopaedia article gives the same date and number. They "
               "agree with the column and with each other. Verdict: supported, and I am fairly sure; the reason the "
               "men were in Belarus is still disputed.", "teacher")],
             [("I checked it.", SAVED, "short")]),
    "q1.6": ([("B", "loaded word"), ("b", ""), ("(B)", ""), ("Answer: B", ""), ("B) it presents Moscow as giving in", ""),
              (questions()["q1.6"].options["B"].lower(), "")],
             [("A", NOT_YET, "Whose word is 'caved'"), ("C", NOT_YET, "troops moved"), ("D", NOT_YET, "give in"),
              ("caved", NOT_YET, "Choose one of the letters")]),
    "q1.7": ([({"frenemy": "C", "understandably": "A", "paranoid": "B", "demonstrative terror": "D"}, "All four"),
              ({"Frenemy": "c", "Understandably": "a", "PARANOID": "(b)", "Demonstrative_Terror": "d"}, ""),
              ([("frenemy", "C"), ("understandably", "A"), ("paranoid", "B"), ("demonstrative terror", "D")], ""),
              (pd.Series({"frenemy": "C", "understandably": "A", "paranoid": "B", "demonstrative terror": "D"}), ""),
              ({"frenemy": questions()["q1.7"].options["C"], "understandably": "A", "paranoid": "B",
                "demonstrative terror": "D"}, "")],
             [({"frenemy": "C", "understandably": "B", "paranoid": "A", "demonstrative terror": "D"}, PARTLY,
               "2 of 4 matched"),
              ({"frenemy": "A", "understandably": "C", "paranoid": "D", "demonstrative terror": "B"}, NOT_YET,
               "None matched yet"),
              ({"caved": "A"}, NOT_YET, "not one of the items")]),
    "q1.8": ([(questions()["q1.8"].examples[0], "Your teacher will read"), (ABSENT_RU, "Your teacher will read")],
             [("Tsikhanouskaya.", SAVED, "It is short"), ("Тихановская.", SAVED, "It is short"),
              (2, NOT_YET, "sentences")]),
    "q1.9": ([(questions()["q1.9"].examples[0], "Your teacher will read"), (D1_ZH, "Your teacher will read"),
              (questions()["q1.9"].examples[0].split(". "), "")],
             [("d1, the Kremlin.", SAVED, "It is short"), ("克里姆林宫。", SAVED, "It is short")]),
    "q3.4": ([("A", "o10 is never below o04"), ("a", ""), (" (A) ", ""), (questions()["q3.4"].options["A"], "")],
             [("B", NOT_YET, "highest score"), ("C", NOT_YET, "kit's value judgements"), ("D", NOT_YET, "0 times")]),
    "q4.1": ([("A", "evidence"), ("a", ""), ("(A)", ""), ("My answer is A", ""),
              ("What the actor said, with its date and source", "")],
             [("B", NOT_YET, "for debate"), ("C", NOT_YET, "not the same kind of evidence"),
              ("D", NOT_YET, "a date and a source"), ("the first part", NOT_YET, "Choose one of the letters")]),
    "q4.2": ([("B", "only B had happened"), ("b.", ""), ("Answer: B", ""), ("B - Lukashenko said Belarus needed no foreign mediators", ""),
              (questions()["q4.2"].options["B"], ""), (questions()["q4.2"].options["B"].upper() + ".", "")],
             [("A", NOT_YET, "nobody knew this yet"), ("C", NOT_YET, "shortly"), ("D", NOT_YET, "what it did"),
              ("15 August", NOT_YET, "Choose one of the letters")]),
    "q4.3": ([(MEMO_EN, "Your teacher will read"), (MEMO_EN.split(". "), "")],
             [("We are the EU.", SAVED, "It is short"), ("我们是欧盟。", SAVED, "It is short"), (None, "not answered yet", "Not answered")]),
    "q4.4": ([({"lukashenko": "A", "russia": "B", "eu": "C", "tsikhanouskaya": "D"}, "All four"),
              ({"Lukashenko": "a", "Russia": "b", "EU": "c", "Tsikhanouskaya": "d"}, ""),
              ([("lukashenko", "A"), ("russia", "B"), ("eu", "C"), ("tsikhanouskaya", "D")], ""),
              ({"lukashenko": "(A)", "russia": "B.", "eu": "C", "tsikhanouskaya": "D"}, ""),
              # the Belarusian and the Russian spellings, a capital, a leader's name: the same actors
              ({"Lukashenka": "A", "the Kremlin": "B", "European Union": "C", "Tikhanovskaya": "D"}, ""),
              ({"Лукашенко": "A", "Putin": "B", "Brussels": "C", "Svetlana Tikhanovskaya": "D"}, "")],
             [({"lukashenko": "A", "russia": "C", "eu": "B", "tsikhanouskaya": "D"}, PARTLY, "2 of 4 matched"),
              ({"belarus": "A"}, NOT_YET, "not one of the items")]),  # the state or the opposition? not an actor
    "q4.5": ([(POLICY_MEMO, "Your teacher will read"), (POLICY_MEMO.split(". "), "")],
             [("We recommend sanctions.", SAVED, "It is short"), ("Мы рекомендуем санкции.", SAVED, "It is short"),
              (3.5, NOT_YET, "sentences")]),
    "q4.6": ([("B", "judge a decision"), ("b", ""), ("(B)", ""),
              ("An argument can be good on the evidence of 20 August and still turn out wrong.", "")],
             [("A", NOT_YET, "Guessing right"), ("C", NOT_YET, "never tried"), ("D", NOT_YET, "nobody knew")]),
    "q5.3": ([(TYPES, "All six"), ({k.upper(): v.lower() for k, v in TYPES.items()}, ""), (TYPE_OF, ""),
              ({k: v.capitalize() for k, v in TYPE_OF.items()}, ""), (pd.Series(TYPES), ""),
              ({**TYPES, "c10": "B"}, "That is defensible"),  # "rigged" read as the author's judgement
              ({**TYPES, "c21": "B"}, "what lesson 1 taught")],  # q1.6: "caved" is the author's reading
             [({**TYPES, "c21": "C"}, PARTLY, "5 of 6 matched"), (ALL_WRONG_TYPES, NOT_YET, "None matched yet"),
              ({"c99": "A"}, NOT_YET, "not one of the items")]),
    "q5.4": ([(VERDICTS, "kit's verdicts"), ({k.upper(): v.lower() for k, v in VERDICTS.items()}, ""),
              (VERDICT_OF, ""), (list(VERDICTS.items()), ""),
              ({**VERDICTS, "c03": "B"}, "as exercise 5.5 says")],  # q5.5: "partly right" is fair for c03
             [({**VERDICTS, "c03": "A"}, PARTLY, "5 of 6 matched"),
              ({"c03": VERDICT_OF["c03"]}, PARTLY, "Not matched yet")]),
    "q5.8": ([("B", "paragraphs 16-17"), ("b", ""), ("(B)", ""), ("Answer: B", ""),
              (questions()["q5.8"].options["B"], "")],
             [("A", NOT_YET, "which words are about help"), ("C", NOT_YET, "presidential election"),
              ("D", NOT_YET, "Lukashenko said Russia would help"), ("the second one", NOT_YET, "Choose one of the letters"),
              ("d2", NOT_YET, "Choose one of the letters")]),  # a document's name, not option D
    "q5.12": ([(questions()["q5.12"].examples[0], "Your teacher will read")],
              [("d1 and d2 say it.", SAVED, "It is short")]),
    "q5.9": ([(questions()["q5.9"].examples[0], "Your teacher will read"), (READOUTS_RU, "Your teacher will read")],
             [("d1 no aid; d2 the CSTO.", SAVED, "It is short"), ("d1没有援助。", SAVED, "It is short")]),
    "q5.10": ([("A", "disclaimer"), ("a", ""), ("(A)", ""), ("Answer: A", ""), (questions()["q5.10"].options["A"], "")],
              [("B", NOT_YET, "who owned it in 2020"), ("C", NOT_YET, "March 2022"), ("D", NOT_YET, "names a founder")]),
    "q6.1": ([("A", "her husband"), ("a", ""), ("(A)", ""), ("Answer: A", ""), ("Sviatlana Tsikhanouskaya", ""),
              ("sviatlana tsikhanouskaya", ""), ("Tsikhanouskaya", ""), ("Tikhanovskaya", ""), ("Тихановская", ""),
              ("Svetlana Tikhanovskaya.", "")],
             [("B", NOT_YET, "not on the ballot"), ("C", NOT_YET, "refused registration"), ("D", NOT_YET, "did not run"),
              ("Babaryka", NOT_YET, "not on the ballot"), ("Tikhanovsky", NOT_YET, "Choose one of the letters")]),
    "q6.2": ([({"tsikhanouski": "A", "babariko": "B", "tsepkalo": "C", "tsikhanouskaya": "D"}, "All four"),
              ({"Tsikhanouski": "a", "Babariko": "b", "Tsepkalo": "c", "Tsikhanouskaya": "d"}, ""),
              ([("tsikhanouski", "A"), ("babariko", "B"), ("tsepkalo", "C"), ("tsikhanouskaya", "D")], ""),
              ({"Tikhanovsky": "A", "Babaryka": "B", "Tsapkala": "C", "Tikhanovskaya": "D"}, "")],
             [({"tsikhanouski": "A", "babariko": "C", "tsepkalo": "B", "tsikhanouskaya": "D"}, PARTLY,
               "2 of 4 matched"),
              # husband and wife are two people, whatever the spelling
              ({"Tikhanovskaya": "A", "babariko": "B", "tsepkalo": "C", "Tikhanovsky": "D"}, PARTLY, "2 of 4 matched"),
              ({"lukashenko": "D"}, NOT_YET, "not one of the items")]),
    "q6.3": ([(SHARE_2020, "commission's claim"), (str(SHARE_2020), "typed it as text"), (f"{SHARE_2020}%", ""),
              (f"{SHARE_2020}".replace(".", ","), ""), (80.23, ""), ("about 80%", "")],
             [(10.12, NOT_YET, "Tsikhanouskaya's official share"), (56, NOT_YET, "independent estimate"),
              (SHARE_2020 / 100, NOT_YET, "too low"), ("80 or 81", NOT_YET, "needs a number")]),
    "q6.4": ([("A", "reconstructed"), ("a", ""), ("(A)", ""), (questions()["q6.4"].options["A"], "")],
             [("B", NOT_YET, "did not recognise"), ("C", NOT_YET, "close to its first one"),
              ("D", NOT_YET, "Putin congratulated")]),
    "q6.5": ([("A", "deliberate blocking"), ("a", ""), ("(A)", ""), ("Answer: A", "")],
             [("B", NOT_YET, "Internet shutdown"), ("C", NOT_YET, "'from abroad' claim"),
              ("D", NOT_YET, "partly restored")]),
    "q6.6": ([("A", "13-14 August"), ("a", ""), ("(A)", ""), (questions()["q6.6"].options["A"], "")],
             [("B", NOT_YET, "'Strikes'"), ("C", NOT_YET, "No source in the kit"), ("D", NOT_YET, "at factories")]),
    "q6.7": ([(FIRST_DAYS, "own count"), (int(FIRST_DAYS), ""), (f"{FIRST_DAYS:,.0f}", "typed it as text"),
              (f"{FIRST_DAYS:,.0f} people", ""), (f"about {FIRST_DAYS:,.0f}".replace(",", " "), ""),
              (FIRST_DAYS + 50, "")],
             [(33000, NOT_YET, "whole of 2020"), (27000, NOT_YET, "UN's count"),
              (FIRST_DAYS * 1.07, PARTLY, "Close"), (FIRST_DAYS / 100, NOT_YET, "too low"),
              ("6,700 or 7,000", NOT_YET, "needs a number")]),
    "q6.8": ([({"tsikhanouskaya": "A", "tsepkalo": "B", "kalesnikava": "C", "babariko": "D"}, "exile"),
              ({"Tsikhanouskaya": "a", "TSEPKALO": "b", "Kalesnikava": "(c)", "Babariko": "d"}, ""),
              (pd.Series({"tsikhanouskaya": "A", "tsepkalo": "B", "kalesnikava": "C", "babariko": "D"}), ""),
              ({"Tikhanovskaya": "A", "Tsepkalo": "B", "Maria Kolesnikova": "C", "Viktar Babaryka": "D"}, "")],
             [({"tsikhanouskaya": "A", "tsepkalo": "B", "kalesnikava": "D", "babariko": "C"}, PARTLY, "2 of 4 matched"),
              ({"tsikhanouskaya": "B", "tsepkalo": "A", "kalesnikava": "D", "babariko": "C"}, NOT_YET,
               "None matched yet")]),
    "q6.9": ([("A", "$1.5 billion loan"), ("a", ""), ("(A)", ""), ("Answer: A", ""), (questions()["q6.9"].options["A"], "")],
             [("B", NOT_YET, "out of control"), ("C", NOT_YET, "10 August"), ("D", NOT_YET, "column proposed")]),
    "q6.10": ([(ORDER_2020, "24 July"), ("".join(ORDER_2020), ""), (", ".join(ORDER_2020).lower(), ""),
               (" > ".join(ORDER_2020), ""), (tuple(ORDER_2020), ""),
               ([questions()["q6.10"].options[k] for k in ORDER_2020], "")],
              [(list(reversed(ORDER_2020)), NOT_YET, "out of order"), ("".join(ORDER_2020[:4]), NOT_YET, "exactly once"),
               (ORDER_2020[:3] + ORDER_2020[:2:-1], PARTLY, "right place")]),
    "q6.11": ([(questions()["q6.11"].examples[0], "Your teacher will read"),
               (questions()["q6.11"].examples[1], "Your teacher will read")],
              [(" ".join(questions()["q6.11"].examples[2].body.split()[:60]), SAVED, "It is short"),  # the examples are all long enough
               ("The proposal was good.", SAVED, "It is short"), (12, NOT_YET, "sentences")]),
}


def test_every_exercise_has_fair_variants_and_wrong_answers():
    assert set(FAIR) == set(questions())
    for qid, (right, wrong) in FAIR.items():
        assert right and wrong, qid


@pytest.mark.parametrize("qid", sorted(FAIR))
def test_reasonable_variants_get_full_credit(qid):
    q = questions()[qid]
    for answer, words in FAIR[qid][0]:
        fb = evaluate(qid, answer)
        # a written task is saved for the teacher; a prediction (q5.4) is recorded, not marked (issue 18)
        want = SAVED if q.kind == "text" or not q.graded else CORRECT
        assert fb.status == want and fb.score == (0 if want == SAVED else q.points), (qid, repr(answer)[:80], str(fb))
        assert words in str(fb), (qid, words, str(fb))
        assert not fb.flag, (qid, fb.flag)


@pytest.mark.parametrize("qid", sorted(FAIR))
def test_wrong_answers_do_not_get_full_credit(qid):
    for answer, status, words in FAIR[qid][1]:
        fb = evaluate(qid, answer)
        assert fb.status == (status if questions()[qid].graded else SAVED), (qid, repr(answer)[:80], str(fb))
        assert fb.status == SAVED or fb.score < fb.points
        assert words in str(fb), (qid, words, str(fb))
        assert "Traceback" not in str(fb) and "checker could not read" not in str(fb)


def test_a_short_text_is_saved_and_flagged_never_not_yet():
    for text in ("Yes.", "是。", "Да", "ใช่"):
        fb = evaluate("q2.7", text)
        assert fb.status == SAVED and fb.flag == "short" and "It is short" in fb.message


def test_the_length_limit_is_said_before_it_bites():
    from kit.exercises.responses import MAX_ANSWER_CHARS
    fb = evaluate("q2.7", "word " * (MAX_ANSWER_CHARS // 4))
    assert fb.status == SAVED and fb.flag == "too long" and f"{MAX_ANSWER_CHARS:,}" in fb.message
    assert evaluate("q2.7", "word " * (MAX_ANSWER_CHARS // 6)).flag == ""


def test_word_count_works_without_spaces():
    assert word_count("one two three") == 3
    assert word_count("Это три слова") == 3
    assert word_count("中文没有空格") == 3          # six characters, about two per word
    assert word_count("คำ" * 10) == 4               # Thai: combining marks do not count; about five letters a word
    assert word_count("— ... !!") == 0              # punctuation alone is not a word
    assert word_count(LONG_ZH) >= questions()["q1.3"].min_words


def test_chart_names_say_what_the_student_made():
    assert chart_name(px.line(SHARE, x="year", y="value").data[0]) == "line chart"
    assert chart_name(px.scatter(SHARE, x="year", y="value").data[0]) == "scatter plot"
    assert chart_name(px.pie(SHARE, names="year", values="value").data[0]) == "pie chart"
    assert chart_name(px.histogram(SHARE, x="value").data[0]) == "histogram"


def _figure_question(**spec):
    return Question(qid="q9.1", kind="figure", prompt="p", skill="working with data", hints=["a", "b", "c"],
                    expected={"type": "bar", "x": [2006, 2020], "y": [83.0, 80.1], **spec})


def test_a_title_and_a_source_are_checked_where_the_question_asks():
    q = _figure_question(title=True, source=True)
    bare = px.bar(SHARE, x="year", y="value")
    fb = grade(q, bare)
    assert fb.status == PARTLY and "a title" in fb.message and "source" in fb.message
    titled = px.bar(SHARE, x="year", y="value", title="Lukashenko's official share")
    assert "a title" not in grade(q, titled).message and grade(q, titled).status == PARTLY
    sourced = px.bar(SHARE, x="year", y="value", title="Lukashenko's share (source: Central Election Commission)")
    assert grade(q, sourced).status == CORRECT
    assert grade(_figure_question(), bare).status == CORRECT  # not asked, not checked


def test_values_within_the_rounding_tolerance():
    q = _figure_question(tolerance=0.5)
    assert grade(q, go.Figure(go.Bar(x=[2006, 2020], y=[83, 80]))).status == CORRECT
    assert grade(q, go.Figure(go.Bar(x=[2006, 2020], y=[83, 78]))).status == PARTLY


def test_a_named_column_that_is_missing_is_named():
    q = Question(qid="q9.2", kind="frame", prompt="p", skill="working with data", hints=["a", "b", "c"],
                 expected=lambda: OFFICIAL, key=["row_id"], columns=["row_id", "claimed_by"])
    fb = grade(q, OFFICIAL[["row_id", "value"]])
    assert fb.status == PARTLY and "claimed_by" in fb.message
    assert grade(q, OFFICIAL[["claimed_by", "row_id"]]).status == CORRECT


def test_a_discussion_item_records_but_does_not_mark():
    q = Question(qid="q9.3", kind="choice", prompt="p", skill="corroboration", hints=["a", "b", "c"],
                 options={"A": "x", "B": "y", "C": "The evidence does not settle this"}, expected="C",
                 misconceptions={"A": "reads x"}, discussion=True)
    for letter in "ABC":
        fb = grade(q, letter)
        assert fb.status == SAVED and fb.score == 0 and "class discussion" in fb.message
    assert grade(q, "A").misconception == "reads x"       # still counted for the misconception report
    assert grade(q, "Z").status == NOT_YET                 # an unreadable answer still says what is wrong


def test_no_hint_gives_the_answer_away():
    import re
    for q in questions().values():
        for text in q.hints:
            assert not re.search(r"\b(?i:answer|choose|pick)\s+[A-E]\b", text), (q.qid, text)
            if q.kind == "choice":
                assert q.options[q.expected_value()] not in text, q.qid


# Lessons whose bank this issue owns: running the worked example must not produce the right answer.
NAMESPACE = {"kit": kit, "px": px, "protests": P, "claims": C, "options": O, "article": A}


@pytest.mark.parametrize("qid", [q for q in sorted(FAIR) if q[1] in "125"])
def test_the_worked_example_is_a_similar_task_not_the_answer(qid):
    q = questions()[qid]
    last = q.hints[-1]
    assert last.startswith("Worked example")
    if q.kind not in ("number", "frame", "figure"):
        return
    # the code in the worked example: from a known name up to "; ", ". " followed by a capital, or the end
    code = re.findall(r"(?:^|\s)(\(?(?:protests|claims|article|px)\b.*?)(?=; |\. [A-Z]|, and |$)", last)
    ran = 0
    for snippet in code:
        words = snippet.rstrip(".").split(" ")
        for end in range(len(words), 0, -1):  # the longest start of the snippet that is Python
            try:
                value = eval(" ".join(words[:end]), dict(NAMESPACE))  # noqa: S307 - our own hint text
            except Exception:
                continue
            ran += 1
            assert evaluate(qid, value).status != CORRECT, (qid, snippet)
            break
    assert ran, (qid, "no code in the worked example ran", code)

