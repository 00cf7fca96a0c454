from django.conf import settings
from django.contrib.auth.views import LogoutView
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from gongkai.monitoring import views as monitoring_views
from gongkai.portal import api, feeds
from gongkai.portal import views as portal_views
from gongkai.portal.views import PortalLoginView
from gongkai.search.views import search_page
from gongkai.search.views import suggest as search_suggest

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("yishenqing/", include("gongkai.applications.urls")),   # 依申请公开
    path("xinxiang/", include("gongkai.mailbox.urls")),         # 信箱
    path("fugai/", monitoring_views.public_coverage, name="public_coverage"),   # 清单公开情况
    path("nianbao/", include("gongkai.annual.urls")),           # 年度报告
    path("pingyi/", include("gongkai.evaluation.urls")),         # 评议
    path("captcha/", include("captcha.urls")),
    path("search/", search_page, name="search"),
    path("search/suggest/", search_suggest, name="search_suggest"),
    path("guide/", portal_views.guide, name="guide"),
    path("liulan/<int:pk>/", portal_views.view_beacon, name="view_beacon"),      # 浏览次数
    re_path(r"^mulu/xinxi-gongkai-mulu\.(?P<suffix>xlsx|csv)$", portal_views.catalogue_download,
            name="catalogue_download"),                              # 信息公开目录
    path("departments/<slug:code>/", portal_views.department, name="department"),
    path("feeds/rss/", feeds.LatestFeed(), name="feed_rss"),
    path("feeds/atom/", feeds.LatestAtomFeed(), name="feed_atom"),
    path("feeds/item/<int:number>/rss/", feeds.ChecklistItemFeed(), name="feed_item_rss"),
    path("feeds/item/<int:number>/atom/", feeds.ChecklistItemAtomFeed(), name="feed_item_atom"),
    path("api/catalog/", api.catalog, name="api_catalog"),
    path("api/items/", api.items, name="api_items"),
    path("api/openapi.json", api.openapi, name="api_openapi"),
    path("sitemap.xml", sitemap),
    # Sign-in for campus users (staff and students) who read 校内公开 items.
    path("accounts/login/", PortalLoginView.as_view(), name="login"),
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    path("cas/login/", portal_views.cas_login, name="cas_ng_login"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page tree (the portal) answers everything else.
urlpatterns += [path("", include(wagtail_urls))]

handler404 = "gongkai.portal.views.not_found"
handler500 = "gongkai.edge.unavailable.server_error"   # 503 while the database is unavailable
