"""What a demo project says, apart from how it is built: one `DemoContent` per demo, in its own language.

The builder (stage1.demo.project) turns any of them into a complete project
through the same services the pages use, so a demo in another language is
new content only (content_en.py, content_pt.py). The tuples of each list
follow the field orders below; their first value is often a key that other
rows use to point at them (a stakeholder's key as a team member's
organisation, a team member's key as an action's owner).
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.text import slugify

# The order of the values in each content tuple, after the row's key where it has one.
INDICATOR_FIELDS = ("indicator", "baseline", "target", "target_date")
STAKEHOLDER_FIELDS = ("name", "organisation", "kind", "interest", "influence", "role", "contact_point", "engagement_channel", "commitment")
TEAM_FIELDS = ("name", "organisation", "role", "skills", "allocation", "start_date", "end_date", "decision_authority")
INTEROP_FIELDS = ("partner", "partner_system", "data_exchanged", "direction", "purpose", "legal_basis", "eif_layer", "standard")
INTEROP_FIELDS += ("building_block", "agreement_status", "owner")
USER_GROUP_FIELDS = ("name", "staff", "size", "needs", "accessibility_needs", "exclusion_risk")
RESEARCH_FIELDS = ("method", "held_on", "participants", "findings")
JOURNEY_STEP_FIELDS = ("description", "channel", "pain_point")

# A checklist question, by its rule's slug and its order within the rule, so that
# answers find their questions whatever ids the database gave them.
QuestionKey = tuple[str, int]


@dataclass(frozen=True)
class ChecklistAnswers:
    """Answers to the evaluation checklist and what the team does about the gaps they show."""

    # question key -> (Choice, evidence, or for "Not applicable" the reason)
    answers: dict[QuestionKey, tuple[str, str]]
    # question key -> [(description, owner's team member key, due date)], for each "No" or "Partly" acted on
    actions: dict[QuestionKey, list[tuple[str, str, date]]] = field(default_factory=dict)
    # (question key..., position in its actions) -> the day the action was done
    done: dict[tuple[str, int, int], date] = field(default_factory=dict)
    # question key -> (why the gap is accepted, who accepted it), for each "No" or "Partly" not acted on
    accepted_risks: dict[QuestionKey, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class ReviewStory:
    """What is said in the demo's review story (stage1.demo.review), in the demo's language."""

    sponsor_role: str
    note: str
    # A question from the sponsor on a step, answered by the owner and resolved.
    question_step: str
    question: str
    answer: str
    # Added to the need's evidence after the approval, which makes the project Draft 1.1.
    after_approval: str
    # A question from the sponsor on a rule of the checklist, left open.
    open_question_rule: str
    open_question: str


@dataclass(frozen=True)
class DemoContent:
    language: str
    title: str
    organisation: str
    description: str
    # The stakeholder (key) who sponsors the project and signs its charter, and the team member (key) accountable for it.
    sponsor: str
    lead: str
    # Each step's own answers, by step slug.
    step_answers: dict[str, dict]
    indicators: list[tuple]
    stakeholders: list[tuple]
    # key, title, needed by, RACI (stakeholder key -> letter)
    decisions: list[tuple]
    team: list[tuple]
    # key, name, description, owner (team member or stakeholder key), target date, deliverable, depends on, review gate
    milestones: list[tuple]
    interop: list[tuple]
    user_groups: list[tuple]
    research: list[tuple]
    # user group key, goal, journey steps
    paths: list[tuple]
    checklist: ChecklistAnswers
    # Answered just before the project is made ready for review; empty when the checklist is answered in full already.
    later: ChecklistAnswers = ChecklistAnswers(answers={})
    # Without a story the project stays ready for review, with the sponsor as its approver, for people to try the review.
    review: ReviewStory | None = None

    @property
    def slug(self) -> str:
        return slugify(self.title)
