import json

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from autotrain import embeddings
from autotrain.services.memory import STORE_BATCH, memory_reembed


class Command(BaseCommand):
    help = (
        "Bring memory onto the embedder ZEGA_EMBEDDINGS names now: re-embed entries made by another one, "
        "and store kept examples of store_in_memory runs that have no entry yet. Searches only ever "
        "compare vectors of the current embedder, so entries not re-embedded are invisible to them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", help="only this user's memory (default: everyone's)")
        parser.add_argument(
            "--all",
            action="store_true",
            dest="everything",
            help="re-embed every entry, not only mismatched ones",
        )
        parser.add_argument("--no-backfill", action="store_true", help="do not store missing entries")
        parser.add_argument("--batch-size", type=int, default=STORE_BATCH, help="entries embedded per step")
        parser.add_argument("--json", action="store_true", help="print the report as JSON on the last line")

    def handle(self, *args, **options):
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user named {options['user']!r}.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
        try:
            embedder = embeddings.get_embedder()
            report = memory_reembed(
                user=user,
                embedder=embedder,
                everything=options["everything"],
                backfill=not options["no_backfill"],
                batch_size=options["batch_size"],
            )
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None
        except embeddings.EmbeddingError as exc:
            # Batches written before the failure stay re-embedded; running the command again goes on.
            raise CommandError(f"Embedding failed: {exc}. Run the command again to continue.") from None
        if options["json"]:
            self.stdout.write(json.dumps(vars(report)))
        else:
            self.stdout.write(
                f"memory on {report.embedder}: {report.reembedded} re-embedded, "
                f"{report.backfilled} stored that were missing, {report.remaining_other} on another embedder"
            )
