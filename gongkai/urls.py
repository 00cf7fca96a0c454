from django.conf import settings
from django.contrib.auth.views import LogoutView
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from gongkai.portal.views import PortalLoginView
from gongkai.search.views import search_page

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("yishenqing/", include("gongkai.applications.urls")),   # 依申请公开
    path("captcha/", include("captcha.urls")),
    path("search/", search_page, name="search"),
    # Sign-in for campus users (staff and students) who read 校内公开 items.
    path("accounts/login/", PortalLoginView.as_view(), name="login"),
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page tree (the portal) answers everything else.
urlpatterns += [path("", include(wagtail_urls))]

handler404 = "gongkai.portal.views.not_found"
