"""Load the methodology content and the demo accounts for trying Stage 1 locally.

Idempotent: `make run` calls it every time. The demo accounts share one
password, so the command refuses to run with debug off unless told that the
database is not a production one.
"""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from stage1.demo.project import DEMOS, ensure_demo
from stage1.methodology.models import MethodologyVersion, Rule, Stage
from stage1.methodology.services import methodology_publish

# Published on purpose (README, `make run`): only for local demo databases.
DEFAULT_PASSWORD = "try-stage1-locally"  # nosec B105
PASSWORD_MIN_LENGTH = 12
METHODOLOGY_FIXTURE = settings.BASE_DIR / "fixtures" / "methodology.json"
METHODOLOGY_GROUP = "Methodology owners"

REFUSED_WITHOUT_DEBUG = (
    "load_demo creates accounts with a shared, published password and is meant for development. "
    "DJANGO_DEBUG is off, so this may be a production database: refusing. "
    "If it is not, pass --i-know-this-is-not-production."
)
FIXTURE_MISSING = "The methodology content is missing: {path} does not exist."
GROUP_MISSING = "The '{name}' group does not exist; run `manage.py migrate` first (a data migration creates it)."
PASSWORD_TOO_SHORT = "STAGE1_DEMO_PASSWORD must be at least {length} characters long."  # nosec B105

# username -> (first name, last name, what the account is for, extra fields)
DEMO_ACCOUNTS = {
    "demo-owner": ("Demo", "Owner", "owner of the demo projects", {}),
    "demo-editor": ("Demo", "Editor", "editor of the demo projects", {}),
    "demo-viewer": ("Demo", "Viewer", "reads the demo projects, cannot change them", {}),
    "demo-sponsor": ("Demo", "Sponsor", "approves the demo projects' charters; reads them, cannot change them", {}),
    "demo-methodology": ("Demo", "Methodology", "methodology owner: edits the method in the admin", {"is_staff": True}),
    "demo-admin": ("Demo", "Admin", "administrator (superuser)", {"is_staff": True, "is_superuser": True}),
}


def demo_password() -> str:
    return os.environ.get("STAGE1_DEMO_PASSWORD") or DEFAULT_PASSWORD


class Command(BaseCommand):
    help = "Load the methodology content, the demo accounts and the demo projects. Running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--i-know-this-is-not-production",
            action="store_true",
            dest="not_production",
            help="Run even though DJANGO_DEBUG is off.",
        )

    def handle(self, *args, not_production: bool = False, **options):
        if not settings.DEBUG and not not_production:
            raise CommandError(REFUSED_WITHOUT_DEBUG)
        password = demo_password()
        if len(password) < PASSWORD_MIN_LENGTH:
            raise CommandError(PASSWORD_TOO_SHORT.format(length=PASSWORD_MIN_LENGTH))
        if not METHODOLOGY_FIXTURE.exists():
            raise CommandError(FIXTURE_MISSING.format(path=METHODOLOGY_FIXTURE))

        # The demo's review is told through the services that email the people concerned, once the transaction
        # commits: nobody is to be told, so the dummy backend stays in place until after the commit.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), transaction.atomic():
            self._load_methodology()
            users = {username: self._ensure_user(username, password) for username in DEMO_ACCOUNTS}
            methodology_group = Group.objects.filter(name=METHODOLOGY_GROUP).first()
            if methodology_group is None:
                raise CommandError(GROUP_MISSING.format(name=METHODOLOGY_GROUP))
            users["demo-methodology"].groups.add(methodology_group)
            people = {role: users[f"demo-{role}"] for role in ("owner", "editor", "viewer", "sponsor")}
            projects = [ensure_demo(demo, **people) for demo in DEMOS]

        for project in projects:
            self.stdout.write(f"Demo project ({project.language}): {project.title}.")
        self._print_sign_in_help(password)

    def _load_methodology(self) -> None:
        # Loaded once: afterwards the content belongs to the methodology owners,
        # and reloading the fixture would overwrite what they changed in the admin.
        if Rule.objects.exists():
            self.stdout.write("Methodology content already present: left as it is.")
        else:
            call_command("loaddata", str(METHODOLOGY_FIXTURE), verbosity=0)
            self.stdout.write(f"Loaded the methodology content from {METHODOLOGY_FIXTURE.relative_to(settings.BASE_DIR)}.")
        # Projects follow a published version: the demo project too.
        if not MethodologyVersion.objects.exists():
            version = methodology_publish(stage=Stage.objects.get(number=1), user=None, notes="The method as the product ships it.")
            self.stdout.write(f"Published the methodology content as version {version.number}.")

    def _ensure_user(self, username: str, password: str):
        first_name, last_name, _purpose, extra = DEMO_ACCOUNTS[username]
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={"first_name": first_name, "last_name": last_name, "email": f"{username}@example.org", **extra},
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write(f"Created the demo account {username}.")
        elif not user.check_password(password):
            # Keeps the printed sign-in help true when STAGE1_DEMO_PASSWORD changes.
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write(f"Reset the password of the demo account {username} to the demo password.")
        return user

    def _print_sign_in_help(self, password: str) -> None:
        width = max(len(username) for username in DEMO_ACCOUNTS)
        lines = ["", "Demo accounts (all with the password below):"]
        lines += [f"  {username:<{width}}  {purpose}" for username, (_, _, purpose, _) in DEMO_ACCOUNTS.items()]
        lines += [f"Password: {password}", "Sign in at /accounts/login/; the admin is at /admin/."]
        self.stdout.write("\n".join(lines))
