"""The demo project's evaluation answers: most questions answered, a few answered last, before the review.

Keyed by rule slug and question order, so the answers find their questions
whatever ids the database gave them. Questions left out stay unanswered,
which keeps the demo charter a draft, as a real one would be mid-way.
"""

from datetime import date

from stage1.evaluation.models import Action, Answer, Choice
from stage1.methodology.models import EvaluationQuestion

# fmt: off
ANSWERS = {
    ("need", 1): (Choice.YES, "The problem statement was rewritten twice with the Residents' Federation; it names no technology."),
    ("need", 2): (Choice.YES, "2,140 complaints in 2026, 41,000 calls a year, internal audit report AR-2026/07, 18 interviews."),
    ("need", 3): (Choice.YES, "Contextual observation at the Mobility Desk; survey of 1,240 permit holders."),
    ("need", 4): (Choice.PARTLY, "The national change-of-address service overlaps; the visitor voucher scheme is still to be reviewed."),
    ("need", 5): (Choice.YES, "Municipal Parking Regulation 2019/14 and Decree 2026/112, confirmed by the legal service."),
    ("objective", 1): (Choice.YES, "Vision agreed at the steering board of 19 January 2027."),
    ("objective", 2): (Choice.YES, "Four indicators, each with a baseline, a target and a date."),
    ("objective", 3): (Choice.YES, "Mapped to the National Digital Government Strategy 2025–2030 and the City of Lorem Digital Agenda."),
    ("objective", 4): (Choice.YES, "Private beta in zones 3 and 7 by July 2027."),
    ("objective", 5): (Choice.YES, "Go decision by the steering board, minuted on 19 January 2027."),
    ("plan", 1): (Choice.YES, "Eight milestones in order, each with a deliverable."),
    ("plan", 2): (Choice.PARTLY, "Every milestone has an owner; two dates depend on the register agreements."),
    ("plan", 3): (Choice.YES, "Five review gates, chaired by the Deputy Mayor."),
    ("plan", 4): (Choice.YES, "eLorem ID, the payment platform and the notification service are reused."),
    ("stakeholders", 1): (Choice.YES, "Ten stakeholders, all seven types represented."),
    ("stakeholders", 2): (Choice.YES, "Each has one named contact point."),
    ("stakeholders", 3): (Choice.PARTLY, "Two memoranda signed; the vehicle register agreement is being negotiated."),
    ("stakeholders", 4): (Choice.YES, "RACI agreed for the three key decisions, one Accountable each."),
    ("team", 1): (Choice.YES, "Ana Ribeiro, service owner, with authority over scope and budget."),
    ("team", 2): (Choice.PARTLY, "No content designer yet; recruitment planned for March 2027."),
    ("team", 3): (Choice.YES, "Allocations agreed with the Digital Services Unit and the Mobility Department."),
    ("team", 4): (Choice.YES, "Daily stand-up, fortnightly sprint review, monthly steering board."),
    ("interoperability", 1): (Choice.YES, "Five exchanges listed with direction and purpose."),
    ("interoperability", 2): (Choice.YES, "Each exchange cites its legal basis; reviewed by the data protection officer."),
    ("interoperability", 4): (Choice.YES, "Population and vehicle registers are read instead of asking for documents."),
    ("user-paths", 1): (Choice.YES, "Four user groups, including Mobility Desk staff."),
    ("user-paths", 2): (Choice.YES, "Three research activities with 28 people and a survey of 1,240."),
    ("user-paths", 3): (Choice.PARTLY, "Known for residents; staff needs to be tested with screen magnifiers in alpha."),
}

# The action plan: what the team will do about each "Partly", by team member key and due date.
ACTIONS = {
    ("need", 4): [("Review the visitor voucher scheme with the Mobility Department", "ana", date(2027, 3, 31))],
    ("plan", 2): [("Fix the last two milestone dates once the register agreements are signed", "claire", date(2027, 4, 30))],
    ("stakeholders", 3): [
        ("Sign the vehicle register agreement", "ana", date(2027, 4, 15)),
        ("Send the draft agreement to the registry's legal service", "claire", date(2027, 2, 15)),
    ],
    ("user-paths", 3): [("Test the staff screens with screen magnifiers in the alpha", "jonas", date(2027, 6, 30))],
}
# Actions already done, by the same key as ACTIONS and their position there.
DONE = {("stakeholders", 3, 1): date(2027, 2, 12)}
# A gap the team decided not to act on, with who accepted it.
ACCEPTED_RISKS = {
    ("team", 2): (
        "Content design is covered by the city's central content team until the recruitment in March 2027.",
        "Ana Ribeiro, service owner",
    ),
}


# The questions the team answers last, just before submitting the charter for review (stage1.demo.review).
LATER_ANSWERS = {
    ("stakeholders", 5): (Choice.YES, "The city's data protection officer joined the first steering board and reviews every exchange."),
    ("interoperability", 3): (
        Choice.PARTLY,
        "Legal and technical layers described for every exchange; organisational and semantic layers for three of five.",
    ),
    ("interoperability", 5): (Choice.PARTLY, "Agreements identified for every exchange; the vehicle register agreement is being drafted."),
    ("user-paths", 4): (Choice.PARTLY, "Paths for residents, visitors and mandated relatives; the staff path is still to map."),
}
LATER_ACTIONS = {
    ("interoperability", 3): [("Describe the organisational and semantic layers of the register exchanges", "pieter", date(2027, 5, 31))],
    ("interoperability", 5): [("Agree the service level of the vehicle register exchange", "claire", date(2027, 4, 30))],
    ("user-paths", 4): [("Map the Mobility Desk staff path with two desk officers", "jonas", date(2027, 3, 31))],
}
# fmt: on


def answer_demo_checklist(project, user, *, team, answers=None, actions=None) -> None:
    """Answer the demo's questions (ANSWERS unless told otherwise) with their actions and accepted risks.

    team: the demo's team members by key, who own the actions.
    """
    answers_by_key, actions_by_key = (ANSWERS, ACTIONS) if answers is None else (answers, actions or {})
    questions = {(q.rule.slug, q.order): q for q in EvaluationQuestion.objects.select_related("rule")}
    answers = Answer.objects.bulk_create(
        Answer(project=project, question=questions[key], choice=choice, evidence=evidence, updated_by=user)
        for key, (choice, evidence) in answers_by_key.items()
        if key in questions
    )
    by_key = {(a.question.rule.slug, a.question.order): a for a in answers}
    for key, (because, accepted_by) in ACCEPTED_RISKS.items():
        if key in by_key:
            Answer.objects.filter(pk=by_key[key].pk).update(risk_accepted_because=because, risk_accepted_by=accepted_by)
    Action.objects.bulk_create(
        Action(
            project=project,
            answer=by_key[key],
            description=description,
            owner=team[owner],
            due_on=due_on,
            done_on=DONE.get((*key, n)),
            updated_by=user,
        )
        for key, actions in actions_by_key.items()
        if key in by_key
        for n, (description, owner, due_on) in enumerate(actions)
    )
