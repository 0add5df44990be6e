from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "consent"

urlpatterns = [
    path(_("consent/"), views.choose, name="choose"),
    path(_("cookie-settings/"), views.settings_page, name="settings"),
    path(_("privacy-policy/"), views.privacy_policy, name="privacy_policy"),
]
