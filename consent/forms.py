from cookie_consent.models import Cookie, CookieGroup
from django import forms
from django.utils.translation import gettext_lazy as _

from newsroom.validators import validate_plain_text, validate_reader_text

from .models import ConsentRecord
from .services import ANALYTICS_GROUP, banner_version_for, optional_group_names


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
        # A NUL byte makes the address unusable, not the answer: safe_next() falls back.
        self.fields["next"].validators = []

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


class DayField(forms.DateField):
    """A day typed as year-month-day (what a date input sends), refused with what was typed."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    input_formats = ["%Y-%m-%d"]

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            raise forms.ValidationError(
                _("“%(value)s” is not a date: type it as year-month-day, such as 2026-03-01."),
                code="invalid",
                params={"value": value},
            ) from None


class DateRangeForm(forms.Form):
    """The record list's first and last day, local days (Stockholm), both included."""

    first = DayField(label=_("First day"), required=False)
    last = DayField(label=_("Last day"), required=False)

    def __init__(self, *args, names, **kwargs):
        # The fields' names in the address: {"first": ..., "last": ...}.
        self.names = names
        super().__init__(*args, **kwargs)

    def add_prefix(self, field_name):
        return self.names.get(field_name, field_name)

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first"), cleaned.get("last")
        if first and last and last < first:
            raise forms.ValidationError(
                _("The last day (%(last)s) is before the first day (%(first)s)."),
                code="order",
                params={"first": first.isoformat(), "last": last.isoformat()},
            )
        return cleaned


class ReaderTextFormMixin:
    """Refuses direction controls, invisible characters and HTML tags in the package's fields
    that the privacy policy's cookie table shows (reader_text_fields): the package's models
    cannot carry the project's validators, its admin form can."""

    reader_text_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.reader_text_fields:
            if name in self.fields:
                self.fields[name].validators += [validate_reader_text, validate_plain_text]


class CookieGroupForm(ReaderTextFormMixin, forms.ModelForm):
    """A cookie group in admin: its Swedish name and description are checked."""

    reader_text_fields = ("name", "description")

    class Meta:
        model = CookieGroup
        fields = ["varname", "name", "description", "is_required", "is_deletable", "ordering"]

    def clean_is_required(self):
        required = self.cleaned_data["is_required"]
        varname = self.cleaned_data.get("varname", self.instance.varname)
        if required and varname == ANALYTICS_GROUP:
            # The site asks only about optional groups: the accepts' records would hold no
            # answer for analytics, and the policy would list it among the necessary cookies.
            raise forms.ValidationError(
                _(
                    "Analytics cookies are used only with the visitor's consent: their group "
                    "cannot be necessary."
                ),
                code="analytics_required",
            )
        return required


class CookieForm(ReaderTextFormMixin, forms.ModelForm):
    """A cookie in admin: its name, Swedish description and domain are checked."""

    reader_text_fields = ("name", "description", "domain")

    class Meta:
        model = Cookie
        fields = ["cookiegroup", "name", "description", "path", "domain"]
