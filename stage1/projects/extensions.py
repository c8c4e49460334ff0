"""Where apps above projects add to its pages, so that projects never imports them.

Apps only import downward (core, methodology, projects, evaluation, then
charter, exchange, members and history, then demo). The task list is the
project's home and shows what upper apps know (the checklist's score); each
such app registers a provider here from its AppConfig.ready().
"""

from collections.abc import Callable
from dataclasses import dataclass

TaskListProvider = Callable[[object], dict]

_task_list_providers: list[TaskListProvider] = []


def provides_task_list_context(provider: TaskListProvider) -> TaskListProvider:
    """Register provider(project) -> dict, merged into the task list's template context."""
    if provider not in _task_list_providers:
        _task_list_providers.append(provider)
    return provider


def task_list_context(project) -> dict:
    context: dict = {}
    for provider in _task_list_providers:
        context.update(provider(project))
    return context


@dataclass(frozen=True)
class NextPage:
    """A page of an upper app that follows check your answers: a URL name taking the project's slug, and the button's words."""

    url_name: str
    label: str


_after_check_answers: list[NextPage] = []


def continues_after_check_answers(page: NextPage) -> None:
    """Register the page check your answers leads to (the evaluation checklist)."""
    if page not in _after_check_answers:
        _after_check_answers.append(page)


def after_check_answers() -> NextPage | None:
    return _after_check_answers[-1] if _after_check_answers else None
