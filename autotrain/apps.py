from django.apps import AppConfig


class AutotrainConfig(AppConfig):
    name = "autotrain"
    verbose_name = "Auto-train"
    default_auto_field = "django.db.models.BigAutoField"
