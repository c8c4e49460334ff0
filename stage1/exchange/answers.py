"""Importing the evaluation answers of a project file.

Answers are matched to the methodology's questions, then each rule's answers
go through the form of the checklist page, so an answer from a file meets
every rule one typed on that page meets (choices, length, no NUL character).
"""

from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS

from stage1.evaluation.forms import ActionForm, RuleAnswersForm
from stage1.evaluation.models import Answer
from stage1.evaluation.selectors import QuestionRow
from stage1.exchange.errors import (
    ACTION_OWNER_UNKNOWN,
    ANSWER_REWORDED,
    ANSWER_TWICE,
    ANSWER_UNMATCHED,
    ANSWER_WHERE,
    FIELD_PROBLEM,
    ITEM_PROBLEM,
)
from stage1.methodology.models import EvaluationQuestion


def answers_import(
    *, project, user, entries: list[dict], item_pks: dict[str, int], failed_items: frozenset[str] = frozenset()
) -> tuple[list[str], list[str]]:
    """Save the answers that match a question, with their actions, accepted risks and reasons; returns (warnings, errors).

    item_pks: the file's item ids → the primary keys of the items created for them (an action's owner is one);
    failed_items: the ids of items that failed on their own (already reported: an action owned by one is not reported again).
    Answers are saved as they are checked: the caller runs this in its
    transaction and must undo everything when errors is not empty.
    """
    matched, warnings = _match(entries)
    by_rule: dict[int, list[tuple[dict, EvaluationQuestion]]] = {}
    for entry, question in matched:
        by_rule.setdefault(question.rule_id, []).append((entry, question))
    errors = []
    for pairs in by_rule.values():
        data = {}
        for entry, question in pairs:
            data[f"answer_{question.pk}"] = entry.get("choice", "")
            data[f"evidence_{question.pk}"] = entry.get("evidence", "")
        form = RuleAnswersForm(data, rows=[QuestionRow(question, None) for _entry, question in pairs], require_reasons=False)
        if not form.is_valid():
            errors.extend(_form_errors(form, {question.pk: entry for entry, question in pairs}))
            continue
        entries_by_question = {question.pk: entry for entry, question in pairs}
        for question, choice, evidence, _version in form.submitted():
            entry = entries_by_question[question.pk]
            kept_because = entry.get("kept_against_the_data_because", "")
            answer = Answer.objects.create(
                project=project,
                question=question,
                choice=choice,
                evidence=evidence,
                risk_accepted_because=entry.get("risk_accepted_because", ""),
                risk_accepted_by=entry.get("risk_accepted_by", ""),
                contradiction_dismissed_because=kept_because,
                contradiction_dismissed_for=choice if kept_because else "",
                updated_by=user,
            )
            where = ANSWER_WHERE % {"question": question.text, "rule": question.rule.slug}
            errors.extend(_import_actions(project, user, answer, entry.get("actions", []), item_pks, failed_items, str(where)))
    return [str(warning) for warning in warnings], errors


def _import_actions(project, user, answer: Answer, entries: list[dict], item_pks: dict, failed_items, where: str) -> list[str]:
    """Create the answer's actions through the action form, as if typed on the answer's page; returns the errors."""
    problems = []
    for entry in entries:
        owner = entry.get("owner")
        if owner in failed_items:
            continue
        if owner and owner not in item_pks:
            problems.append(str(ITEM_PROBLEM % {"where": where, "problem": ACTION_OWNER_UNKNOWN % {"owner": owner}}))
            continue
        form = ActionForm(_action_data(entry, item_pks), project=project)
        if not form.is_valid():
            for messages in form.errors.values():
                problems.extend(str(ITEM_PROBLEM % {"where": where, "problem": message}) for message in messages)
            continue
        action = form.save(commit=False)
        action.project, action.answer, action.updated_by = project, answer, user
        action.done_on = date.fromisoformat(entry["done_on"]) if entry.get("done_on") else None
        action.save()
    return problems


def _action_data(entry: dict, item_pks: dict[str, int]) -> dict:
    """What the answer page's action form would receive (its due date as day, month and year)."""
    due = date.fromisoformat(entry["due_on"]) if entry.get("due_on") else None
    return {
        "base_version": "0",
        "description": entry.get("description", ""),
        "owner": str(item_pks[entry["owner"]]) if entry.get("owner") else "",
        "due_on_0": str(due.day) if due else "",
        "due_on_1": str(due.month) if due else "",
        "due_on_2": str(due.year) if due else "",
    }


def _match(entries: list[dict]) -> tuple[list[tuple[dict, EvaluationQuestion]], list[str]]:
    """Pair answers with questions by rule and wording, else by rule and place; returns the pairs and warnings."""
    questions = list(EvaluationQuestion.objects.select_related("rule"))
    by_text, by_order = {}, {}
    for question in questions:
        by_text.setdefault((question.rule.slug, question.text), question)
        by_order.setdefault((question.rule.slug, question.order), question)
    warnings, matched, used = [], [], set()
    # Exact wording first, so a reworded answer never takes the place of one that matches.
    pending = []
    for entry in entries:
        question = by_text.get((entry["rule"], entry["question"]))
        if question is None:
            pending.append(entry)
        elif question.pk in used:
            warnings.append(ANSWER_TWICE % {"question": entry["question"], "rule": entry["rule"]})
        else:
            used.add(question.pk)
            matched.append((entry, question))
    for entry in pending:
        question = by_order.get((entry["rule"], entry.get("question_order")))
        if question is None or question.pk in used:
            warnings.append(ANSWER_UNMATCHED % {"question": entry["question"], "rule": entry["rule"]})
            continue
        used.add(question.pk)
        matched.append((entry, question))
        warnings.append(
            ANSWER_REWORDED % {"question": entry["question"], "order": question.order, "rule": entry["rule"], "current": question.text}
        )
    return matched, warnings


def _form_errors(form: RuleAnswersForm, entries: dict[int, dict]) -> list[str]:
    messages = []
    for name, errors in form.errors.as_data().items():
        problems = [problem for error in errors for problem in error.messages]
        if name == NON_FIELD_ERRORS:
            messages.extend(str(ITEM_PROBLEM % {"where": Answer._meta.verbose_name_plural.capitalize(), "problem": p}) for p in problems)
            continue
        kind, _sep, question_pk = name.partition("_")
        entry = entries[int(question_pk)]
        where = ANSWER_WHERE % {"question": entry["question"], "rule": entry["rule"]}
        # The choice's label on the checklist page is the question itself, already named in where.
        label = Answer._meta.get_field("choice").verbose_name if kind == "answer" else form.fields[name].label
        messages.extend(str(FIELD_PROBLEM % {"where": where, "field": label, "problem": problem}) for problem in problems)
    return messages
