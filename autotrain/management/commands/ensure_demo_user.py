import os
import secrets

from django.core.management.base import BaseCommand
from rest_framework.authtoken.models import Token

from autotrain import services


class Command(BaseCommand):
    help = "Make sure the local user `demo` exists; give it a fresh password and print it with its API token."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="demo")
        parser.add_argument("--password", default=None, help="default: a new random one")
        parser.add_argument(
            "--url",
            default=None,
            help="where the web server answers, for the example printed (default: http://localhost:$PORT)",
        )

    def handle(self, *args: object, username: str, password: str | None, url: str | None, **options: object) -> None:
        user = services.user_get_or_create(username=username)
        password = password or secrets.token_urlsafe(12)
        user.set_password(password)
        user.save(update_fields=["password"])
        services.profile_get_or_create(user=user)
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(f"Demo user:  {username}")
        self.stdout.write(f"Password:   {password}")
        self.stdout.write(f"API token:  {token.key}")
        base = (url or f"http://localhost:{os.environ.get('PORT') or 8002}").rstrip("/")
        self.stdout.write(f"Try:        curl -H 'Authorization: Token {token.key}' {base}/training/stats")
