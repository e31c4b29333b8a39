"""`serviceguiden createuser USERNAME [--email E] [--global-admin] [--organisation KEY
--role ROLE] [--password-file F]`: create an account (or give an existing one a role).

An operator command, like Django's createsuperuser: whoever can run it on the server
already holds the keys. Memberships it gives are recorded in history as made by no user.
"""

import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from serviceguiden.directory.models import Membership, Organisation, Role


class Command(BaseCommand):
    summary = "Create a user: a global admin, or a member of an organisation"
    help = "Create a user account; optionally a global admin, or a member of an organisation."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--global-admin", action="store_true", help="May do everything, and use the admin."
        )
        parser.add_argument("--organisation", help="Organisation key (e.g. stadsbyggnadskontoret).")
        parser.add_argument("--role", choices=Role.values, default=Role.EDITOR)
        parser.add_argument(
            "--password-file",
            help="Read the password from this file; otherwise one is generated and printed.",
        )

    @transaction.atomic
    def handle(self, *args, username, email, global_admin, organisation, role, password_file,
               **options):  # fmt: skip
        users = get_user_model()
        organisation_obj = None
        if organisation:
            organisation_obj = Organisation.objects.filter(slug=organisation).first()
            if organisation_obj is None:
                known = ", ".join(Organisation.objects.values_list("slug", flat=True)[:20])
                raise CommandError(f"No organisation {organisation!r}. Known keys: {known} …")
        user = users.objects.filter(username=username).first()
        generated = None
        if user is None:
            if password_file:
                password = Path(password_file).read_text(encoding="utf-8").strip()
            else:
                password = generated = secrets.token_urlsafe(12)
            candidate = users(username=username, email=email)
            try:
                validate_password(password, candidate)
            except ValidationError as exc:
                raise CommandError("Password refused: " + " ".join(exc.messages)) from None
            user = users.objects.create_user(username, email, password)
            self.stdout.write(f"Created user {username}.")
        if global_admin:
            user.is_superuser = user.is_staff = True
            user.save(update_fields=["is_superuser", "is_staff"])
            self.stdout.write(f"{username} is a global admin.")
        if organisation_obj is not None:
            Membership.objects.update_or_create(
                user=user, organisation=organisation_obj, defaults={"role": role}
            )
            self.stdout.write(f"{username} is {role} in {organisation_obj.name}.")
        if generated:
            self.stdout.write(f"Password: {generated}")
