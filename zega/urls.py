from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from autotrain import views


def not_found(request, exception=None):
    return JsonResponse({"detail": "Not found."}, status=404)


def server_error(request):
    return JsonResponse({"detail": "Internal server error."}, status=500)


def bad_request(request, exception=None):
    # Django's own refusals before any view runs (a body over DATA_UPLOAD_MAX_MEMORY_SIZE, a bad Host).
    return JsonResponse({"detail": "Bad request."}, status=400)


def permission_denied(request, exception=None):
    return JsonResponse({"detail": str(exception) if exception else "Permission denied."}, status=403)


handler400 = bad_request
handler403 = permission_denied
handler404 = not_found
handler500 = server_error

urlpatterns = [
    path("admin/", admin.site.urls),
    re_path(r"^api/schema/?$", SpectacularAPIView.as_view(), name="schema"),
    re_path(r"^api/docs/?$", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    # The React page and its login (every path answers with and without a trailing slash).
    re_path(r"^$", views.page, name="page"),
    re_path(
        r"^accounts/login/?$",
        auth_views.LoginView.as_view(template_name="autotrain/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    re_path(
        r"^accounts/logout/?$", auth_views.LogoutView.as_view(next_page=settings.LOGIN_URL), name="logout"
    ),
    path("", include("autotrain.urls")),
]
