from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token

from autotrain import services


class Command(BaseCommand):
    help = "Create (if missing) a user and its API token; prints the token key as the last line."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--staff", action="store_true", help="make the user staff (may act for anyone)")

    def handle(self, *args, username: str, staff: bool, **options):
        try:
            get_user_model().username_validator(username)
        except Exception as exc:  # noqa: BLE001 - Django's ValidationError, shown plainly
            raise CommandError(f"Invalid username {username!r}: {exc}") from None
        user = services.user_get_or_create(username=username)
        if staff and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        services.profile_get_or_create(user=user)
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
