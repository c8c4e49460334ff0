"""Where apps above projects add to its pages, so that projects never imports them.

Apps only import downward (core, methodology, projects, evaluation, then
charter, exchange, members and history, then demo). The task list is the
project's home and shows what upper apps know (the checklist's score); each
such app registers a provider here from its AppConfig.ready(). Step pages and
the checklist's rules show links an upper app attaches to them (their
comments) the same way.
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


# What a link beside a page's subject is attached to: a wizard step, or a rule of the evaluation checklist
# (a golden rule shares its step's slug).
STEP, RULE = "step", "rule"


@dataclass(frozen=True)
class TargetLink:
    """A link an upper app shows beside a step or a checklist rule: where it goes and its words."""

    url: str
    label: str


TargetLinksProvider = Callable[[object, str, list[str]], dict[str, list[TargetLink]]]

_target_link_providers: list[TargetLinksProvider] = []


def provides_target_links(provider: TargetLinksProvider) -> TargetLinksProvider:
    """Register provider(project, target, slugs) -> {slug: [TargetLink, ...]} for STEP or RULE targets."""
    if provider not in _target_link_providers:
        _target_link_providers.append(provider)
    return provider


def target_links(project, target: str, slugs: list[str]) -> dict[str, list[TargetLink]]:
    """The links every upper app attaches to each of these steps or rules, by slug (a slug without links is absent)."""
    links: dict[str, list[TargetLink]] = {}
    for provider in _target_link_providers:
        for slug, provided in provider(project, target, slugs).items():
            links.setdefault(slug, []).extend(provided)
    return links


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
