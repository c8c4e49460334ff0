"""Signals projects sends for apps above it, which it never imports.

project_changed: sent once the transaction that saved a project's data has
committed (after project_touch), with the project's pk. The charter app
queues a render of the project's charter from it.
"""

from django.dispatch import Signal

project_changed = Signal()
