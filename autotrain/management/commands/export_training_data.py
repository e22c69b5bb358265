from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from autotrain import selectors
from autotrain.finetune import dataset, dataset_card


class Command(BaseCommand):
    help = (
        "Write a user's kept (not excluded) examples as JSONL, to stdout or a file; --format hf writes a "
        "zip for the Hugging Face Hub (data/train.jsonl, data/validation.jsonl, README.md) to --output."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="username")
        parser.add_argument("--format", required=True, choices=[*dataset.FORMATS, "hf"], dest="fmt")
        parser.add_argument("--output", help="file to write (default: stdout)")

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user named {options['user']!r}.")
        username = user.get_username()
        if options["fmt"] == "hf":
            self._write_hf(user, options["output"])
            return
        records = dataset.records_from(selectors.kept_examples(user_id=user.pk).order_by("id"))
        system = dataset.system_prompt(model_name=f"zega-{username}", username=username, records=records)
        lines = dataset.jsonl_lines(records, fmt=options["fmt"], system=system)
        if options["output"]:
            path = Path(options["output"])
            with path.open("w", encoding="utf-8") as handle:
                for line in lines:
                    handle.write(line + "\n")
            self.stderr.write(f"Wrote {len(records)} examples to {path}")
        else:
            for line in lines:
                self.stdout.write(line)

    def _write_hf(self, user, output: str | None) -> None:
        if not output:
            raise CommandError("--format hf writes a zip: name it with --output.")
        examples, runs, excluded = selectors.dataset_export_inputs(user_id=user.pk)
        export = dataset_card.build(examples=examples, runs=runs, username=user.get_username(), excluded=excluded)
        path = Path(output)
        path.write_bytes(export.archive)
        self.stderr.write(f"Wrote {export.train} training and {export.validation} validation examples to {path}")
