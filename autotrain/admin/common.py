"""What the admin pages share: who may review, the light user filter, small display helpers."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString


def is_reviewer(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_staff)


def has_model_permission(request: HttpRequest, model: type[Model], action: str) -> bool:
    """An active staff member holding Django's `<action>_<model>` permission (superusers hold all)."""
    opts = model._meta
    return is_reviewer(request) and request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")


class StaffReviewMixin:
    """Staff are this service's reviewers (the API already lets them act for any user): every active
    staff member may look at the training data. Changing it (the curation actions: exclude, include,
    re-score, export, cancel, retry, refresh) needs the model's change permission, as any change in the
    admin does (CONTRACT section 8). Adding rows by hand stays impossible (runs and their examples only
    come from the pipeline); deleting stays with Django's model permissions."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_reviewer(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return is_reviewer(request)

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        # Read-only pages: edits that matter go through actions, which call services.
        return False

    def has_curate_permission(self, request: HttpRequest) -> bool:
        """Admin actions declared with permissions=["curate"]: the model's change permission.

        Not has_change_permission, which stays False so that no page becomes an edit form."""
        return has_model_permission(request, self.model, "change")  # type: ignore[attr-defined]


class UsernameFilter(admin.ListFilter):
    """Filter by one username typed into a box: a link per user would list thousands of users (and
    cost a query over all of them) on every page load."""

    title = "user"
    parameter_name = "user"
    template = "admin/autotrain/input_filter.html"
    # The lookup from the listed model to its user's username.
    username_lookup = "user__username"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        if self.parameter_name in params:
            value = params.pop(self.parameter_name)
            value = value[-1] if isinstance(value, list) else value
            self.used_parameters[self.parameter_name] = value.strip()

    def value(self) -> str:
        return str(self.used_parameters.get(self.parameter_name, ""))

    def has_output(self) -> bool:
        return True

    def expected_parameters(self) -> list[str | None]:
        return [self.parameter_name]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.username_lookup: self.value()})
        return queryset

    def choices(self, changelist):
        # One "choice" carrying what the template's little GET form needs to keep the other filters.
        yield {
            "selected": bool(self.value()),
            "value": self.value(),
            "parameter_name": self.parameter_name,
            "hidden": [(k, v) for k, v in changelist.params.items() if k not in (self.parameter_name, "p")],
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "All",
        }


def admin_change_url(obj_or_model, pk=None) -> str:
    meta = obj_or_model._meta
    return reverse(
        f"admin:{meta.app_label}_{meta.model_name}_change", args=[pk if pk is not None else obj_or_model.pk]
    )


def admin_changelist_url(model_class, /, **params) -> str:
    meta = model_class._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def short_id(value) -> str:
    return str(value)[:8]


def change_link(model_class, pk) -> str:
    """A link to an object's change page, labelled with its short id; a dash when there is none."""
    if pk is None:
        return "–"
    return format_html('<a href="{}">{}</a>', admin_change_url(model_class, pk), short_id(pk))


def key_value_table(rows, *, headers: tuple[str, ...] = ()) -> SafeString:
    """A small table for a read-only detail field: rows are tuples of cells (escaped)."""
    head = format_html_join("", "<th>{}</th>", ((h,) for h in headers)) if headers else ""
    body = format_html_join(
        "", "<tr>{}</tr>", ((format_html_join("", "<td>{}</td>", ((cell,) for cell in row)),) for row in rows)
    )
    if head:
        return format_html("<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>", head, body)
    return format_html("<table><tbody>{}</tbody></table>", body)


def redirect_back(request: HttpRequest):
    """After an action started from a detail page: go back there (the page posts `_next`)."""
    target = request.POST.get("_next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(target)
    return None
