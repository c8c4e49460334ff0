"""Where apps above projects add to its pages, so that projects never imports them.

Apps only import downward (core, methodology, projects, evaluation, then
charter, exchange, members and history, then demo). The task list is the
project's home and shows what upper apps know (the checklist's score); each
such app registers a provider here from its AppConfig.ready().
"""

from collections.abc import Callable

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
