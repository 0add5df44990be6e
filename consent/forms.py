from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ConsentRecord
from .services import banner_version_for, optional_group_names


class ConsentForm(forms.Form):
    """A visitor's answer, from the banner, the settings page or a GPC signal."""

    SOURCES = {
        "banner": None,  # with or without JavaScript: decided by how the answer arrives
        "settings": ConsentRecord.Source.SETTINGS,
        "gpc": ConsentRecord.Source.GPC,
    }

    choice = forms.ChoiceField(choices=[("accept", "accept"), ("decline", "decline")])
    source = forms.ChoiceField(choices=[(key, key) for key in SOURCES])
    banner = forms.CharField(max_length=64)
    groups = forms.MultipleChoiceField(required=False, choices=())
    # Any length: an unusable address falls back to the front page (consent.security.safe_next).
    next = forms.CharField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.optional_groups = optional_group_names()
        self.fields["groups"].choices = [(name, name) for name in self.optional_groups]

    def clean_banner(self):
        version = banner_version_for(self.cleaned_data["banner"])
        if version is None:
            raise forms.ValidationError(_("Unknown banner version."), code="unknown_version")
        return version

    def clean(self):
        cleaned = super().clean()
        # Accepting from the banner accepts every optional group; the settings page may name some.
        if not cleaned.get("groups"):
            cleaned["groups"] = self.optional_groups
        if cleaned.get("source") == "gpc" and cleaned.get("choice") == "accept":
            raise forms.ValidationError(
                _("A Global Privacy Control signal cannot accept."), code="gpc_accept"
            )
        return cleaned
