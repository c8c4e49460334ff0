"""Addresses of the export and import pages."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


def export_json_url(project) -> str:
    return reverse("exchange:export_json", kwargs={"slug": project.slug})


def export_csv_url(project, register: str) -> str:
    return reverse("exchange:export_csv", kwargs={"slug": project.slug, "kind_slug": register})


def import_project_url() -> str:
    return reverse("exchange:import_project")


def import_stakeholders_url(project) -> str:
    return reverse("exchange:import_stakeholders", kwargs={"slug": project.slug})


def upload(content: bytes, name: str = "file.json", content_type: str = "application/json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)
