import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from tqdm import tqdm

from autotrain import catalog, selectors, services
from autotrain.models import TrainingRun


class Command(BaseCommand):
    help = "Run one auto-train run in the foreground, in this process (no cluster needed)."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="username; created when missing")
        parser.add_argument("--num", required=True, type=int, help="number of examples to generate")
        parser.add_argument("--genres", nargs="*", default=None, help=f"any of: {', '.join(catalog.GENRE_KEYS)}")
        parser.add_argument("--store-in-memory", action="store_true")
        parser.add_argument("--seed", type=int, default=None, help="plan seed, for a reproducible run")
        parser.add_argument("--json", action="store_true", help="print the run's summary as the last line")

    def handle(self, *args, **options):
        from django.conf import settings

        num = options["num"]
        if not 1 <= num <= settings.ZEGA_MAX_EXAMPLES:
            raise CommandError(f"--num must be between 1 and {settings.ZEGA_MAX_EXAMPLES}")
        try:
            genres = catalog.normalize_genres(options["genres"] or [])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        user = services.user_get_or_create(username=options["user"])
        try:
            run, _ = services.run_create(
                user=user,
                num_examples=num,
                genres=genres,
                store_in_memory=options["store_in_memory"],
                seed=options["seed"],
                enqueue=False,
            )
        except services.ServiceError as exc:
            raise CommandError(str(exc)) from None
        with tqdm(total=num, unit="ex", disable=not sys.stderr.isatty(), file=sys.stderr) as bar:
            try:
                services.run_execute_chunk(run_id=run.id, start=0, stop=num, progress=bar.update)
            except KeyboardInterrupt:
                services.run_cancel(run=run)
                raise CommandError(f"Interrupted: run {run.id} cancelled.") from None
        run = TrainingRun.objects.select_related("user", "finetune_job").get(id=run.id)
        summary = selectors.run_summary(run)
        if options["json"]:
            self.stdout.write(json.dumps(summary, cls=DjangoJSONEncoder))
        else:
            self.stdout.write(
                f"Run {run.id} {run.status}: {summary['successful']} kept, {summary['failed']} failed "
                f"of {num} in {summary['total_time']:.1f}s; average quality {summary['average_quality']}; "
                f"{summary['training_stats'].get('examples_until_next_training')} examples until next training."
            )
