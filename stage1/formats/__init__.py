"""Dates as each language writes them in an official document (settings.FORMAT_MODULE_PATH).

Templates and code name the format (DATE_FORMAT, DATETIME_FORMAT,
SHORT_DATE_FORMAT), never a pattern, so that a date reads "2 December 2026",
"2 de dezembro de 2026", "2 décembre 2026" or "2 Δεκεμβρίου 2026".
Times are 24-hour in all four languages.
"""
