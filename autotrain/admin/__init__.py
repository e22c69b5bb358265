"""Staff review in the Django admin: one module per model family, plus the Training quality page.

Every page is read-only; changes go through admin actions that call services. Staff (is_staff) are the
reviewers; see `common.StaffReviewMixin`.
"""

from django.contrib import admin

from autotrain.admin import examples, finetune, memory, profiles, runs  # noqa: F401  (registers the admins)

# The home page gets a link to the Training quality page above the model list.
admin.site.index_template = "admin/autotrain/index.html"
admin.site.site_header = "Zega Auto-Train administration"
admin.site.site_title = "Zega Auto-Train admin"
