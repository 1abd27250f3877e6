from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularSwaggerSplitView

from fazhi.core import errors
from fazhi.core.api import SchemaView

urlpatterns = [
    path("", include("fazhi.portal.urls")),
    path("office/", include("fazhi.core.urls")),
    path("", include("fazhi.procedures.urls")),
    path("", include("fazhi.documents.urls")),
    path("", include("fazhi.documents.import_urls")),
    path("", include("fazhi.documents.filing_urls")),
    path("", include("fazhi.powers.urls")),
    path("", include("fazhi.rules.urls")),
    path("", include("fazhi.decisions.urls")),
    path("", include("fazhi.inspections.urls")),
    path("", include("fazhi.enforcement.urls")),
    path("", include("fazhi.disclosure.urls")),
    path("", include("fazhi.intake.urls")),
    path("", include("fazhi.petitions.urls")),
    path("", include("fazhi.reconsideration.urls")),
    path("", include("fazhi.litigation.urls")),
    path("", include("fazhi.capacity.urls")),
    path("", include("fazhi.oversight.urls")),
    path("", include("fazhi.reports.urls")),
    path("", include("fazhi.obligations.urls")),
    path("", include("fazhi.assessment.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("fazhi.api_urls")),
    path("api/schema/", SchemaView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="core/swagger_ui.html"),
        name="api-docs",
    ),
    # Without a CSRF token: choosing the display language changes nothing worth protecting, and a
    # token in every page's footer would make every public page the visitor's own, never cached.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
]

handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
admin.site.site_header = admin.site.site_title = gettext_lazy("依法行政综合管理平台 · 系统管理")
admin.site.index_title = gettext_lazy("系统管理")
