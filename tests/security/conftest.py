"""Fixtures of the security tests, on top of the shared personas.

`security_events` reads what the "stage1.security" logger wrote, one parsed
JSON object per record. `one_of_each` gives the project one item of every
kind, each filled through `fill`, so that pages showing items have something
to show.
"""

import json
import logging

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from stage1.projects.models import (
    InteropPoint,
    JourneyStep,
    KeyDecision,
    Milestone,
    RaciAssignment,
    ResearchActivity,
    Stakeholder,
    SuccessIndicator,
    TeamMember,
    UserGroup,
    UserPath,
)
from tests.conftest import PASSWORD

SECURITY_LOGGER = "stage1.security"


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(username="sam_super", email="sam@example.org", password=PASSWORD)


@pytest.fixture
def superuser_client(superuser):
    client = Client()
    client.force_login(superuser)
    return client


class SecurityLog:
    """The security event log of one test, as caplog captured it."""

    def __init__(self, caplog):
        self._caplog = caplog

    @property
    def records(self) -> list[logging.LogRecord]:
        return [record for record in self._caplog.records if record.name == SECURITY_LOGGER]

    @property
    def lines(self) -> list[str]:
        return [record.getMessage() for record in self.records]

    def events(self, name: str | None = None) -> list[dict]:
        parsed = [json.loads(line) for line in self.lines]
        return [event for event in parsed if name is None or event["event"] == name]

    def clear(self) -> None:
        self._caplog.clear()


@pytest.fixture
def security_log(caplog) -> SecurityLog:
    caplog.set_level(logging.INFO, logger=SECURITY_LOGGER)
    return SecurityLog(caplog)


def login_through_the_form(client: Client, user, password: str = PASSWORD, **extra):
    """Sign in as a browser does, so that signals, Axes and the last-user cookie all run."""
    from django.urls import reverse

    return client.post(reverse("login"), {"username": user.username, "password": password}, **extra)


def one_of_each(project, fill) -> dict:
    """One item of every kind in the project, cross-references set; `fill(obj)` sets its text before saving.

    Returns the items by kind slug.
    """

    def make(model, **fields):
        obj = model(project=project, position=1, **fields)
        fill(obj)
        obj.save()
        return obj

    stakeholder = make(Stakeholder, kind="user_rep")
    decision = make(KeyDecision)
    member = make(TeamMember, role="designer", organisation=stakeholder, allocation=50)
    group = make(UserGroup)
    path = make(UserPath, user_group=group)
    return {
        "indicator": make(SuccessIndicator),
        "stakeholder": stakeholder,
        "decision": decision,
        "raci": make(RaciAssignment, decision=decision, stakeholder=stakeholder, responsibility="A"),
        "team-member": member,
        "milestone": make(Milestone, owner_member=member),
        "interop-point": make(InteropPoint, partner=stakeholder, owner=member),
        "user-group": group,
        "research": make(ResearchActivity, participants=3),
        "user-path": path,
        "journey-step": make(JourneyStep, path=path),
    }
