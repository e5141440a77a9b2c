"""Text that reads like ICB board papers, with planted involvement passages and hard negatives.

Signal passages are composed from independent parts (who, what, where, when, qualifiers) so that no
two ICBs word a signal the same way; hard negatives reuse the same words without the meaning. The
bank mixes sentences with the forms real papers use: run-on roster lines, acronyms, CCG-era
vocabulary (governing body, lay member for PPI, patient reference group).
"""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

# The signal ids, in their order, from the one place they are defined (read as a data file).
SIGNALS_TOML = Path(__file__).resolve().parent.parent / "signals.toml"
SIGNAL_IDS = tuple(entry["id"] for entry in
                   tomllib.loads(SIGNALS_TOML.read_text(encoding="utf-8"))["signal"])

COMMITTEES = (
    "Quality and Safety Committee", "Primary Care Commissioning Committee",
    "People and Communities Committee", "Finance and Performance Committee", "Audit Committee",
)
FORUM_COMMITTEE = "People and Communities Committee"

# Names that are themselves evidence wherever they appear (a title, a running header): the
# generator records them in the ground truth like any planted passage.
STRUCTURAL_SIGNALS = {
    FORUM_COMMITTEE: "involvement_forum",
    "Working with people and communities strategy": "involvement_strategy",
}

_BOILERPLATE = {
    "finance": [
        "The system reported a year-to-date deficit of £{m}.{d}m against a planned position of "
        "£{m2}.{d}m, with the variance driven by continuing healthcare and prescribing costs.",
        "The Chief Finance Officer set out the efficiency programme, which has delivered £{m}.{d}m "
        "of recurrent savings to month {month}.",
        "Capital expenditure remains within the system envelope; the Board noted the risks "
        "associated with the estates backlog maintenance programme.",
        "The Board approved the revised financial plan subject to the conditions set out in the "
        "paper and the delegated limits in the Scheme of Reservation and Delegation.",
    ],
    "performance": [
        "Performance against the four-hour emergency department standard was {p}% in month, "
        "below the operational planning target of 78%.",
        "The number of people waiting more than 65 weeks for elective treatment fell to {n}, "
        "and the 52-week cohort continues to reduce.",
        "Diagnostic waiting times improved, with {p}% of patients seen within six weeks.",
        "Ambulance handover delays remain a system risk and are monitored weekly by the urgent "
        "and emergency care delivery board.",
        "Patient flow through the acute hospitals was challenged by the number of people with no "
        "criteria to reside, which averaged {n} per day.",
    ],
    "quality": [
        "Two serious incidents were declared in the period and are being investigated under the "
        "Patient Safety Incident Response Framework.",
        "The Chief Nursing Officer reported on infection prevention and control, including "
        "C. difficile rates that remain above trajectory.",
        "The Care Quality Commission rated one provider as requires improvement; the ICB is "
        "supporting the improvement plan through the quality surveillance group.",
        "The maternity and neonatal safety report was received, with no new concerns escalated.",
    ],
    "workforce": [
        "Vacancy rates across the system fell to {p}%, with agency spend reducing for the third "
        "consecutive month.",
        "The annual NHS Staff Survey results were presented; staff engagement scores improved "
        "slightly, and the people plan sets out actions on wellbeing.",
        "The Board noted the workforce plan and the recruitment pipeline for international nurses.",
    ],
    "governance": [
        "The minutes of the previous meeting were agreed as an accurate record.",
        "There were no declarations of interest in relation to items on the agenda.",
        "The Board reviewed the Board Assurance Framework and the corporate risk register.",
        "The action log was reviewed and completed actions were closed.",
        "The Chair reminded members that the meeting was being held in public and that papers are "
        "publicly available on the ICB website.",
        "The Board approved the annual review of the Standing Financial Instructions.",
        "Apologies were received from the Director of Public Health.",
    ],
}

# Ordinary business composed from parts, so that filler text varies the way real minutes do:
# (who reports, what they reported, how the Board responded).
_BUSINESS = {
    "finance": (
        ["The Chief Finance Officer", "The Director of Finance", "The Deputy Director of Finance",
         "The chair of the Finance and Performance Committee"],
        ["reported a year-to-date deficit of £{m}.{d}m against plan",
         "confirmed that the efficiency programme had delivered £{m}.{d}m to month {month}",
         "explained that the underlying run rate had deteriorated by £{m}.{d}m",
         "set out the pressures from continuing healthcare and prescribing costs",
         "presented the month {month} position on the mental health investment standard",
         "reported that the system was forecasting breakeven, subject to £{m}.{d}m of mitigations",
         "set out the capital plan for {place}, which is £{m}.{d}m over the allocation"],
        ["", ", and the Board noted the report", ", and members asked for a recovery trajectory",
         "; the committee will review the forecast in month {month}",
         ", which the Board accepted with some concern"]),
    "performance": (
        ["The Chief Operating Officer", "The Director of Performance", "The urgent care lead",
         "The Director of Strategy and Delivery"],
        ["reported four-hour performance of {p}% against the 78% planning target",
         "noted that {n} people had waited more than 65 weeks for elective treatment",
         "described ambulance handover delays at the two acute trusts",
         "presented the winter plan, including {n} additional virtual ward beds",
         "reported that cancer 62-day performance had reached {p}%",
         "noted that {p}% of diagnostic tests were completed within six weeks",
         "set out the recovery plan for community waiting times in {place}"],
        ["", ", and the Board noted the actions under way",
         ", with a deep dive to follow at the next meeting",
         "; the risk remains on the Board Assurance Framework",
         ", and members challenged the pace of improvement"]),
    "quality": (
        ["The Chief Nursing Officer", "The Director of Nursing and Quality", "The Medical Director",
         "The chair of the Quality Committee"],
        ["reported on the serious incidents declared in the period",
         "presented the infection prevention and control report",
         "updated the Board on the maternity and neonatal safety champions",
         "reported that one provider had been rated requires improvement",
         "described the learning from the latest mortality review",
         "set out the safeguarding annual report for {place}",
         "noted progress against the medicines optimisation plan"],
        ["", ", and the Board took assurance from the report",
         "; further assurance was requested from the provider",
         ", with no new risks escalated", ", which will be reported to the System Quality Group"]),
    "workforce": (
        ["The Chief People Officer", "The Director of Workforce", "The Deputy Chief Executive"],
        ["reported a vacancy rate of {p}% across the system",
         "noted that agency spend had fallen for {month} consecutive months",
         "presented the system workforce plan and the international recruitment pipeline",
         "set out the plan to reduce the corporate running costs of the ICB by {p}%",
         "described the organisational change programme and its consultation with staff"],
        ["", ", and the Board noted the update", "; trade union colleagues had been briefed",
         ", with a further report due in month {month}"]),
    "governance": (
        ["The Chair", "The Company Secretary", "The Director of Corporate Affairs",
         "The Chief Executive"],
        ["presented the annual review of the Standing Financial Instructions",
         "reminded members of the register of interests",
         "introduced the revised Scheme of Reservation and Delegation",
         "reported on the decisions taken under delegated authority since the last meeting",
         "set out the timetable for the annual report and accounts",
         "updated the Board on the joint forward plan for {place}",
         "reported on the outcome of the internal audit of risk management"],
        ["", ", and the Board approved the recommendations", ", which the Board ratified",
         "; no further action was required", ", and members noted the changes"]),
}

NEGATIVES = [
    "Patient safety remains the Board's highest priority and the patient safety specialist "
    "reported on the learning from recent incidents.",
    "Patient flow across the urgent care pathway continues to be a pressure over winter.",
    "Non-emergency patient transport contracts will be retendered in the next financial year.",
    "The waiting list for community paediatrics has grown to {n} children.",
    "The Director of Public Health presented the annual public health report on smoking "
    "prevalence and obesity.",
    "This meeting was held in public and the papers were made publicly available in advance.",
    "The board membership was confirmed as set out in the Constitution.",
    "The staff engagement score from the staff survey rose to 6.9.",
    "The ICB continues its engagement with providers on the financial recovery plan.",
    "The lay-out of the new urgent treatment centre was agreed, and the delay to the "
    "programme was noted.",
    "Patient and public involvement implications: none.",
    "No patient representative has yet been appointed to the committee.",
    "Members of the public may not ask questions at this meeting.",
    "The Board considers the needs of patients in all its decisions.",
    "The delayed transfers of care position was discussed at length.",
    "Health inequalities funding has been allocated to the Core20PLUS5 programme.",
    "Present at the Board: Mr J Okoro (Chair); Mrs L Hughes (Lay Member for Audit and "
    "Governance); Dr S Byrne (Medical Director).",
    "The urgent care clinical reference group (CRG) agreed the revised pathway.",
    "The staff side representatives were consulted on the organisational change proposals.",
    "Insight from the performance dashboard showed that elective activity was {p}% of plan.",
    "Observers: two members of the public and a member of the press.",
]

_PEOPLE = ["patient", "public", "lay", "carer", "Healthwatch", "lived-experience"]


def _pick(rng: random.Random, options):
    return options[rng.randrange(len(options))]


def _signal_builders():
    def board(rng):
        who = _pick(rng, [
            "the chief executive of Healthwatch {place}", "a public partner member",
            "two patient partners", "a lay member representing patients and the public",
            "a carer representative", "a member of our citizens' assembly",
        ])
        verb = _pick(rng, [
            "sits on the Board as a participant", "attends Board meetings in a non-voting capacity",
            "has joined the Integrated Care Board as a standing attendee",
            "is a member of the Board and brings the voice of local people",
        ])
        roster = _pick(rng, [
            "Present at the Board: Ms A Patel (Chair); Mr R Shah (Chief Executive); "
            "Mrs D Cole (Public Partner Member); Dr S Byrne (Medical Director).",
            "Present at the Governing Body: Dr K Ferris (Clinical Chair); Mr D Harlow (Lay Member "
            "for Patient and Public Involvement); Mr P Osei (Chief Finance Officer).",
            "In attendance at the Board: Ms T Grant, Chief Executive, Healthwatch {place} "
            "(participant); Mr L Moss, Company Secretary.",
        ])
        if rng.random() < 0.4:
            return roster
        return f"{who[0].upper()}{who[1:]} {verb}."

    def committee(rng):
        who = _pick(rng, [
            "Two Patient Safety Partners", "A Healthwatch representative", "Three lay members",
            "Public members with lived experience", "A patient representative",
        ])
        verb = _pick(rng, ["are members of", "sits on", "have joined", "is a voting member of",
                           "attend"])
        committee = _pick(rng, COMMITTEES[:4])
        if rng.random() < 0.3:
            return _pick(rng, [
                f"In attendance at the {committee}: Mr T Bell, Patient Safety Partner; "
                "Ms J Rowe, Head of Nursing.",
                f"Present at the {committee}: Ms R Dale (Chair); Mr T Vale (Lay Member for Patient "
                "and Public Engagement); Dr C Moor (GP member).",
            ])
        return f"{who} {verb} the {committee}, and contributed to the discussion on the report."

    def forum(rng):
        body = _pick(rng, [
            "Our People's Panel of {n} residents", "The Youth Health Forum",
            "The patient reference group", "A lived experience network for mental health",
            "The Citizens' Panel", "Our Community Voices Assembly",
            "The Patient and Public Engagement Group (PPEG)", "The Youth Collective",
            "The Patient Reference Group (PRG)", "Our Experts by Experience Group",
        ])
        act = _pick(rng, [
            "met three times this year and advised on the urgent care strategy",
            "has been established as a standing forum reporting to the People and Communities "
            "Committee", "now brings together local people to shape commissioning priorities",
        ])
        return f"{body} {act}."

    def questions(rng):
        return _pick(rng, [
            "Questions from members of the public were received before the meeting; the "
            "answers are appended to these minutes.",
            "A member of the public asked about access to dentistry in {place}; the Chief "
            "Executive agreed to respond in writing.",
            "Members of the public are welcome to submit questions to the Board at least "
            "three working days before the meeting.",
            "GB/24/112 Questions from the public: two written questions were received about the "
            "walk-in centre and answers will be published with the minutes.",
            "The Chair invited questions from the public gallery; two questions were raised "
            "about the closure of the minor injuries unit.",
        ])

    def story(rng):
        who = _pick(rng, ["a carer", "a young person", "a patient", "a mother", "a veteran"])
        topic = _pick(rng, ["their experience of the stroke pathway", "caring for a relative "
                            "with dementia", "accessing mental health support",
                            "maternity care in {place}", "living with long COVID"])
        return _pick(rng, [
            f"The Board heard a patient story from {who} about {topic}.",
            f"The meeting opened with {who} sharing {topic}; members reflected on the learning.",
            f"A video story was shown in which {who} described {topic}.",
        ])

    def consultation(rng):
        change = _pick(rng, ["the proposed changes to stroke services", "the future of the "
                             "community hospital beds", "the redesign of urgent treatment "
                             "centres", "the new model for NHS 111 in {place}"])
        return _pick(rng, [
            f"A twelve-week public consultation on {change} closed with {{n}} responses.",
            f"The service was co-designed with patients and carers through a series of "
            f"workshops on {change}.",
            f"We ran an engagement exercise with local residents on {change}, including "
            f"drop-in events and an online survey.",
            f"Have your say: the engagement on {change} runs until the end of the month, with "
            f"focus groups in each locality.",
        ])

    def feedback(rng):
        return _pick(rng, [
            "A 'You said, we did' summary shows how public feedback changed the specification.",
            "The engagement report sets out how responses shaped the final decision and this "
            "will be published so participants can see the outcome.",
            "We wrote back to everyone who took part to explain what changed as a result of "
            "their views.",
            "The PRG newsletter reports back to patients on how their comments influenced the "
            "new appointment system.",
        ])

    def insight(rng):
        return _pick(rng, [
            "The patient experience report drew on {n} complaints and the Friends and Family "
            "Test results to identify themes.",
            "The latest GP Patient Survey shows satisfaction with access fell to {p}%; the "
            "committee considered the insight alongside the Healthwatch report.",
            "Insight from the quarterly patient experience dashboard informed the "
            "commissioning decision.",
            "The Healthwatch {place} report set out what residents said about getting a GP "
            "appointment, and the committee asked for the findings to inform the access plan.",
        ])

    def strategy(rng):
        return _pick(rng, [
            "The Board approved the refreshed Working with People and Communities Strategy.",
            "The ICB's public involvement framework describes how we meet our duty under "
            "section 14Z45 of the NHS Act 2006.",
            "Our engagement strategy sets out ten principles for involving people and "
            "communities in decisions.",
            "The Governing Body noted how the CCG meets its duty to involve the public under "
            "section 14Z2 of the NHS Act 2006.",
            "The paper sets out our approach to public involvement and the principles that "
            "underpin how we work with people and communities.",
        ])

    def support(rng):
        return _pick(rng, [
            "Patient partners receive an induction, a named buddy and payment for their time "
            "in line with the ICB's involvement payments policy.",
            "Training was provided for public representatives ahead of joining committees.",
            "Expenses are reimbursed and lay representatives are offered mentoring.",
            "Public partners are paid for their time under the reward and recognition policy, "
            "and travel expenses are reimbursed.",
        ])

    def inclusion(rng):
        return _pick(rng, [
            "We worked with community organisations to hear from seldom-heard groups, "
            "including Gypsy, Roma and Traveller communities.",
            "Consultation materials were produced in Easy Read and five community languages, "
            "and interpreters were available at events.",
            "Targeted outreach reached people who are homeless and those with a learning "
            "disability so their voices are included.",
            "Equality monitoring showed we were not yet hearing from younger men, so further "
            "sessions were held specifically with them.",
        ])

    def networks(rng):
        return _pick(rng, [
            "Patient Participation Groups across {n} practices were asked for their views.",
            "Healthwatch {place} and the voluntary sector alliance helped us reach residents.",
            "The PCN patient group network is now used to test proposals before decisions.",
            "The proposals were publicised through PPGs, faith groups and the council for "
            "voluntary service to reach residents.",
        ])

    return dict(zip(SIGNAL_IDS, (board, committee, forum, questions, story, consultation,
                                 feedback, insight, strategy, support, inclusion, networks),
                    strict=True))


SIGNAL_BUILDERS = _signal_builders()


def fill(template: str, rng: random.Random, place: str) -> str:
    """Fill the numeric and place slots of a template."""
    return template.format(
        m=rng.randint(2, 40), m2=rng.randint(2, 40), d=rng.randint(0, 9), month=rng.randint(2, 11),
        p=rng.randint(55, 92), n=rng.randint(12, 900), place=place,
    )


def signal_passage(signal_id: str, rng: random.Random, place: str) -> str:
    """A sentence evidencing ``signal_id``, worded afresh each call."""
    return fill(SIGNAL_BUILDERS[signal_id](rng), rng, place)


def negative_passage(rng: random.Random, place: str) -> str:
    """A hard negative: involvement words without involvement."""
    return fill(_pick(rng, NEGATIVES), rng, place)


def _business(rng: random.Random, topic: str) -> str:
    speakers, findings, endings = _BUSINESS[topic]
    return f"{_pick(rng, speakers)} {_pick(rng, findings)}{_pick(rng, endings)}."


def boilerplate(rng: random.Random, place: str, count: int) -> list[str]:
    """``count`` sentences of ordinary board business: set phrases and composed reports."""
    topics = list(_BOILERPLATE)
    sentences = []
    for _ in range(count):
        topic = _pick(rng, topics)
        template = _pick(rng, _BOILERPLATE[topic]) if rng.random() < 0.4 else _business(rng, topic)
        sentences.append(fill(template, rng, place))
    return sentences
