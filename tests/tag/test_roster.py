"""The roster reader, on rosters written for these tests (minutes, terms of reference, constitutions)."""

import pytest

from pipeline.signals import load_signals
from pipeline.tag.matcher import Matcher


@pytest.fixture(scope="module")
def matcher():
    return Matcher(load_signals())


def roster_tags(matcher, text, **context):
    return [(e.signal_id, e.quote) for e in matcher.find(text, **context) if e.rule_id.startswith("roster")]


def test_board_minutes_present_list(matcher):
    text = ("Integrated Care Board – meeting held in public\nPresent:\n"
            "Mrs H Tarrant (HT) Chair\nMr O Adeyemi (OA) Chief Executive\n"
            "Ms P Lund (PL) Non-Executive Member\n"
            "Mr K Foss (KF) Lay Member for Patient and Public Involvement\n"
            "Dr E Quinn (EQ) Medical Director\n")
    assert roster_tags(matcher, text) == [
        ("board_representation", "Mr K Foss (KF) Lay Member for Patient and Public Involvement")]


def test_committee_in_attendance_with_body_from_the_title(matcher):
    text = ("Quality and Performance Committee of the Board\nMinutes of the meeting on 3 March\n"
            "In attendance:\nJ Rowe, Head of Nursing\nA Kaur, Healthwatch Northfield\n"
            "T Bell, Patient Safety Partner\n")
    assert roster_tags(matcher, text) == [
        ("committee_representation", "A Kaur, Healthwatch Northfield"),
        ("committee_representation", "T Bell, Patient Safety Partner")]


def test_terms_of_reference_member_table(matcher):
    text = ("Primary Care Commissioning Committee – Terms of Reference\n5. Membership\n"
            "Members | Role\nIndependent Non-Executive | Chair\nDirector of Primary Care | Member\n"
            "Public Partner | Member\nLocal Medical Committee | Attendee\n")
    assert roster_tags(matcher, text) == [("committee_representation", "Public Partner | Member")]


def test_constitution_list_with_body_from_the_heading(matcher):
    text = ("7.2 Membership of the Integration Joint Board:\n"
            "• six voting members nominated by the council and the health board;\n"
            "• a person providing unpaid care in the area;\n"
            "• a staff-side representative of the health board.\n")
    tags = roster_tags(matcher, text)
    assert [signal for signal, _ in tags] == ["board_representation"]
    assert "unpaid care" in tags[0][1]


def test_run_on_pdf_present_list_and_dash_roles(matcher):
    text = ("Governing Body Minutes Present Dr A Vance (AV) Clinical Chair Mrs C Hope (CH) "
            "Lay Member – Patient and Public Engagement Mr R Dunn (RD) Chief Finance Officer")
    tags = roster_tags(matcher, text)
    assert [signal for signal, _ in tags] == ["board_representation"]
    assert tags[0][1].endswith("Lay Member – Patient and Public Engagement Mr R Dunn (RD) "
                               "Chief Finance Officer")


def test_body_from_the_documents_committee_when_the_text_names_none(matcher):
    text = "Present:\nS Ortiz – Chair\nM Grey – Service User Representative (participant)\n"
    assert roster_tags(matcher, text, committee_name="Mental Health Programme Group") == [
        ("committee_representation", "M Grey – Service User Representative (participant)")]
    assert roster_tags(matcher, text, committee_name="Board", is_board=True) == [
        ("board_representation", "M Grey – Service User Representative (participant)")]


@pytest.mark.parametrize("text", [
    # Roles that only look like patient or public seats.
    "Board\nPresent:\nJ Ames, Chair\nL Fry, Lay Member for Audit and Governance\n"
    "R Cole, Staff Representative\n",
    "Board\nIn attendance:\nD Mays, Deputy Director of Communications and Engagement\n"
    "Observers: two members of the public\n",
    "Quality Committee\nPresent:\nHead of Patient Experience; Head of Patient Safety; Chief Nurse\n",
    # Apologies from non-patient roles; prose that is not a roster.
    "Committee\nMembers noted that the patient representative post is vacant.\n",
])
def test_rosters_without_patient_or_public_seats(matcher, text):
    assert roster_tags(matcher, text) == []


def test_a_role_speaking_in_minutes_takes_the_documents_body(matcher):
    text = "The Carer Representative asked how respite would be arranged over the summer."
    assert roster_tags(matcher, text, committee_name="Integration Joint Board") == [
        ("board_representation", text)]
    assert roster_tags(matcher, text, committee_name="Carers Programme Group") == [
        ("committee_representation", text)]


def test_when_nothing_names_the_body_a_minutes_roster_is_a_committees(matcher):
    """An excerpt or a page without its heading (``tag --jsonl`` gives text alone): minutes'
    Present and In attendance lists are more often a committee's than the board's; other
    unnamed rosters are the board's unless the role sits on committees (patient safety
    partners)."""
    text = "Present:\nS Ortiz – Chair\nM Grey – Service User Representative (participant)\n"
    assert roster_tags(matcher, text) == [
        ("committee_representation", "M Grey – Service User Representative (participant)")]
    text = "Voting members:\nS Ortiz – Chair\nM Grey – Service User Representative\n"
    assert roster_tags(matcher, text) == [
        ("board_representation", "M Grey – Service User Representative")]
    text = "Board members present:\nS Ortiz – Chair\nM Grey – Service User Representative\n"
    assert roster_tags(matcher, text) == [
        ("board_representation", "M Grey – Service User Representative")]
    text = "In attendance:\nDr P Rahman, Medical Director\nMrs K Doyle, Patient Safety Partner\n"
    assert roster_tags(matcher, text) == [
        ("committee_representation", "Mrs K Doyle, Patient Safety Partner")]
    text = "The Patient Safety Partner asked how learning from the review would reach families."
    assert roster_tags(matcher, text) == [("committee_representation", text)]


def test_an_unnamed_membership_section_is_a_committees(matcher):
    """A "Membership" section that names no body is a terms of reference's, and most terms of
    reference are committees' (a board's membership is in its constitution, which names it)."""
    text = ("3. Membership\nCore members:\n• Consultant in Public Health\n"
            "• NHS England representative\n• Healthwatch representative (lay member)\n")
    assert roster_tags(matcher, text) == [
        ("committee_representation", "• Healthwatch representative (lay member)")]
    text = "Membership of the Board\n• Chair\n• Healthwatch representative (lay member)\n"
    assert roster_tags(matcher, text) == [
        ("board_representation", "• Healthwatch representative (lay member)")]


def test_an_unnamed_apologies_list_is_a_committees(matcher):
    """Most unnamed apologies lists with a patient or public role in the labelled examples are a
    committee's (a health and wellbeing board's, a quality group's); a named board keeps its seat."""
    text = "Apologies:\nCllr A Doyle, City Council\nM Fenwick, Healthwatch Liverpool\n"
    assert roster_tags(matcher, text) == [("committee_representation", "M Fenwick, Healthwatch Liverpool")]
    text = "Board meeting\nApologies:\nCllr A Doyle, City Council\nM Fenwick, Healthwatch Liverpool\n"
    assert roster_tags(matcher, text) == [("board_representation", "M Fenwick, Healthwatch Liverpool")]
    text = "Board meeting\nPresent:\nCllr A Doyle, City Council\nM Fenwick, Healthwatch Liverpool\n"
    assert roster_tags(matcher, text) == [("board_representation", "M Fenwick, Healthwatch Liverpool")]


def test_roster_quotes_are_text_on_the_page(matcher):
    text = "Board\nPresent:\r\n  Ms  J  Kerr,\tPublic Partner Member  \nMr T Dyer, Chair\n"
    for evidence in matcher.find(text):
        assert evidence.quote == " ".join(text[evidence.start:evidence.end].split())


@pytest.mark.parametrize("text, quote", [
    ("Present: Jane Doe – Healthwatch Chief Executive", "Jane Doe – Healthwatch Chief Executive"),
    ("In attendance:\n- Ann Lee, Lay Member for Patient and Public Involvement",
     "Ann Lee, Lay Member for Patient and Public Involvement"),
    ("Members | Role\n| Bo Wu | Carer representative |", "Bo Wu | Carer representative |"),
])
def test_a_roster_quote_starts_at_the_name_not_the_headings_colon_or_a_bullet(matcher, text, quote):
    assert [quoted for _, quoted in roster_tags(matcher, text)] == [quote]


def test_roster_with_blank_lines_between_names_and_roles(matcher):
    """HTML minutes turned into text put a blank line between every cell."""
    text = ("At a MEETING of the NORTHFIELD INTEGRATION JOINT BOARD held on 3 May.\n\nPresent:-\n\n"
            "Members\n\nRole\n\nA BROWN\n\nNominated by Health Board (Non-Executive Member)\n\n"
            "C DAY\n\nChief Officer\n\nE FINN\n\nService User Representative\n\nG HART\n\n"
            "Person providing unpaid care in the area of the local authority\n\n"
            "A BROWN, Vice Chairperson, in the Chair. Prior to the business the Chief Officer "
            "updated the Integration Joint Board on the position of the winter plan and staffing.\n")
    assert roster_tags(matcher, text) == [
        ("board_representation", "Service User Representative"),
        ("board_representation", "Person providing unpaid care in the area of the local authority")]


def test_a_lead_in_line_that_introduces_members_opens_a_roster(matcher):
    text = ("Non-voting members who must be appointed to each IJB include:\n• the Chief Officer\n"
            "• a staff-side representative\n• a carer representative\n")
    assert roster_tags(matcher, text) == [("board_representation", "• a carer representative")]
    # A lead-in that introduces comments, not members, does not.
    text = ("Board members made the following comments:\n1. Healthwatch confirmed it had promoted "
            "the Board's meetings in its e-bulletin.\n")
    assert roster_tags(matcher, text) == []


def test_an_uncapitalised_group_in_running_text_is_not_a_committee(matcher):
    text = ("The Integration Joint Board has eight voting members and a wider group of non-voting "
            "members: staff side, third sector, and service user representatives.")
    assert {signal for signal, _ in roster_tags(matcher, text)} == {"board_representation"}
    text = ("Mental Health Delivery Group\nMembers:\nDirector of Operations\n"
            "Service User Representative\n")
    assert roster_tags(matcher, text) == [("committee_representation", "Service User Representative")]


def test_a_programme_or_partnership_board_holds_committee_seats(matcher):
    text = ("The Urgent Care Programme Board includes these members:\n• Director of Operations\n"
            "• Healthwatch representative\n")
    assert roster_tags(matcher, text) == [("committee_representation", "• Healthwatch representative")]
    text = ("The Learning Disability Partnership Board includes these members:\n"
            "• two carer representatives\n")
    assert roster_tags(matcher, text) == [("committee_representation", "• two carer representatives")]
    # The ICB's own board holds board seats.
    text = "The ICB Board includes these members:\n• Healthwatch representative\n"
    assert roster_tags(matcher, text) == [("board_representation", "• Healthwatch representative")]


def test_a_patients_own_group_lists_members_not_seats(matcher):
    text = ("Westfield Surgery Patient Participation Group – minutes of the meeting, 4 March\n"
            "Present: A Rowe, Patient Representative; B Khan, Practice Manager; "
            "C Doyle, Patient Representative\n")
    assert roster_tags(matcher, text) == []
    unheaded = "Present: A Rowe, Patient Representative; B Khan, Practice Manager\n"
    assert roster_tags(matcher, unheaded, committee_name="Patients' Council") == []
    assert [s for s, _ in roster_tags(matcher, unheaded, committee_name="Quality Committee")] == [
        "committee_representation"]


def test_a_run_on_lead_in_names_the_body_whose_members_follow(matcher):
    """In run-on PDF text the members follow the lead-in's colon on the same line: the body the
    lead-in names decides the seat (a practice's PPG lists its own members)."""
    text = ("3. Membership The membership of the Riverside Surgery PPG shall include: Patient "
            "representatives. The practice manager. A GP partner.")
    assert roster_tags(matcher, text) == []
    text = ("3. Membership The membership of the Board shall include: Patient representatives. "
            "The Chief Nurse. A GP partner.")
    assert [signal for signal, _ in roster_tags(matcher, text)] == ["board_representation"]


def test_a_name_and_role_table_is_a_roster(matcher):
    text = ("GOVERNING BODY REGISTER OF INTERESTS\n| Name | Role in the CCG | Interests |\n"
            "| T Marsh | Chief Finance Officer | None |\n"
            "| R Ames | Lay Member - Patient and Public Involvement | Trustee, carers' charity |\n")
    assert [s for s, _ in roster_tags(matcher, text)] == ["board_representation"]


def seat_tags(matcher, text):
    return sorted({e.signal_id for e in matcher.find(text)
                   if e.signal_id in ("board_representation", "committee_representation")})


@pytest.mark.parametrize("text, expected", [
    # "The Board" after a health and wellbeing board is named is that board: a council committee.
    ("Northfield Health and Wellbeing Board (the Board) first met in shadow form in 2012. Since "
     "2013 it has been a statutory committee of the council. The Board brings together council "
     "leaders, the NHS, Healthwatch Northfield and the voluntary sector.",
     ["committee_representation"]),
    ("The Eastmoor Place Partnership Board met on 4 May. The Board welcomed Ms R Okafor as the "
     "Healthwatch representative on the Board.", ["committee_representation"]),
    ("The Stroke Programme Board reports to the system's quality group. Two public partners "
     "sit on the Board.", ["committee_representation"]),
    # ... but "the Board" after the ICB's own board is named, or with no other board named, is
    # the ICB board.
    ("The Integrated Care Board met in public on 4 May. The Board welcomed Ms R Okafor as the "
     "Healthwatch representative on the Board.", ["board_representation"]),
    ("The Health and Wellbeing Board's strategy was noted by the ICB Board. Healthwatch "
     "Eastmoor's chief executive sits on the ICB Board as a participant.",
     ["board_representation"]),
    ("The Board welcomed Ms R Okafor as the Healthwatch representative on the Board.",
     ["board_representation"]),
])
def test_the_board_is_the_board_last_named(matcher, text, expected):
    assert seat_tags(matcher, text) == expected


def test_a_sub_board_or_a_primary_care_committee_holds_committee_seats(matcher):
    text = ("12. Apologies\nAn apology was received from J Lowe, Healthwatch representative on "
            "the Sub-Board.\n")
    assert seat_tags(matcher, text) == ["committee_representation"]
    text = ("PCCC in Common – minutes, 4 May 2021\nPresent\nA Shore (AS) Executive Director of "
            "Primary Care\nN Oduya (NO) Lay Member (Patient & Public Engagement)\n")
    assert roster_tags(matcher, text) == [
        ("committee_representation", "N Oduya (NO) Lay Member (Patient & Public Engagement)")]


def test_a_lay_patient_and_public_role_without_member_is_a_seat(matcher):
    text = ("Eastmoor Primary Care Joint Committee Attendees: Ann Lowe (AL) Member Committee "
            "Chair (Lay Patient Public Involvement) Raj Patel (RP) Member Committee Vice-Chair "
            "(Lay Governance) Sue Bell (SB) Member CCG Chief Officer")
    assert [signal for signal, _ in roster_tags(matcher, text)] == ["committee_representation"]
