"""The minute schedule that polls provider fine-tune jobs still running (DESIGN "The flow of one run",
step 4); it also re-enqueues fine-tune jobs whose task was lost."""

from django.db import migrations

SCHEDULE_NAME = "zega: poll fine-tune jobs"


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        name=SCHEDULE_NAME,
        defaults={
            "func": "autotrain.tasks.finetune_poll_active",
            "schedule_type": "I",
            "minutes": 1,
            "repeats": -1,
        },
    )


def delete_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=SCHEDULE_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("autotrain", "0002_stall_watchdog_schedule")]

    operations = [migrations.RunPython(create_schedule, delete_schedule)]
