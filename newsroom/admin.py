"""What every admin page of the project does with bad input: a message or a 4xx, never a 500.

Django's admin answers most bad filter values and form input well, but not all:
- a date hierarchy year at the edge of the calendar (?published_at__year=9999 overflows the end
  of the range it filters on) and a related object's ID above the database's integer range
  (SQLite raises OverflowError when the query runs) fail as the change list is made;
- a related object's ID above SQLite's integer range, posted in a form, fails the form's
  validation with OverflowError instead of "Select a valid choice";
- an autocomplete field re-rendered with what was posted (after another field's error) looks
  the posted value up as is, so "abc" or an out-of-range number fails the page;
- django-simple-history's history pages look the IDs in their address up as they are, so
  .../article/abc/history/ or .../article/1/history/1.5/ fails the query;
- a lookup of the address that only fails as the query runs (?created_at__year=0, a __range of
  one value, a broken __regex, a lookup the database cannot do) fails the change list;
- the IDs a list's actions or its editable rows are sent for are looked up as they are, so a
  selection of "abc" or of a number above the integer range fails the page;
- a date and time whose UTC is before the year 1 (midnight on 1 January of the year 1, here)
  passes the form and fails the save;
- "?e=1", where Django sends a list it cannot read, typed beside a wrong filter shows Django's
  "Database error" page (with a 200), and beside good ones says a list they narrow is whole.
GuardedAdminMixin, first in every ModelAdmin's bases, answers these as the admin answers any
other bad filter (the list's "invalid filter" redirect), choice ("Select a valid choice"),
address (the history pages' 404 for a missing object or revision) or tampered form (a 400).
"""

import json
import re
from contextlib import nullcontext
from datetime import UTC

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME, InlineAdminFormSet
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG, ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.contrib.redirects.admin import RedirectAdmin
from django.contrib.redirects.models import Redirect
from django.contrib.sites.admin import SiteAdmin
from django.contrib.sites.models import Site
from django.core.exceptions import BadRequest, ValidationError
from django.db import DatabaseError, models, transaction
from django.forms import (
    CharField,
    ModelChoiceField,
    ModelMultipleChoiceField,
    SplitDateTimeField,
)
from django.http import Http404, HttpResponseRedirect
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy
from simple_history.utils import get_history_model_for_model


def is_key(field, value) -> bool:
    """Whether a value can be a key of the field (the right type, within the database's range)."""
    try:
        field.clean(value, None)
    except ValidationError:
        return False
    return True


def boolean_icon(value, *, yes=None, no=None, unknown=None):
    """Django's yes/no/unknown icon, with a text alternative in the admin's language.

    Django's own (a BooleanField's list column or read-only field, `@admin.display(boolean=True)`)
    has the value's Python name as its text, "True" or "False", in every language. Here it is
    "Yes", "No" or "Unknown", or what a column says its icon means ("Accepted").
    """
    if value is True:
        icon, text = "yes", gettext("Yes") if yes is None else yes
    elif value is False:
        icon, text = "no", gettext("No") if no is None else no
    else:
        icon, text = "unknown", gettext("Unknown") if unknown is None else unknown
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), text)


class GuardedChangeList(ChangeList):
    # Whether the address has lookups no list filter took, which Django adds to the query as
    # they are (catching what fails then): some fail only as the query runs.
    has_own_lookups = False

    def get_filters(self, request):
        try:
            filters = super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error
        self.has_own_lookups = bool(filters[2])  # the lookups no list filter took
        return filters

    def get_results(self, request):
        # Lookups of the address's own run in a savepoint: on PostgreSQL a failed query would
        # otherwise spoil a transaction around the request (ATOMIC_REQUESTS, or a test's).
        savepoint = transaction.atomic(using=self.root_queryset.db)
        try:
            with savepoint if self.has_own_lookups else nullcontext():
                super().get_results(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error
        except (ValueError, IndexError, NotImplementedError, DatabaseError) as error:
            # The list without those lookups (the redirect's) still fails if the fault is not
            # theirs, and then it is a server error.
            if not self.has_own_lookups:
                raise
            raise IncorrectLookupParameters(error) from error


class GuardedModelChoiceField(ModelChoiceField):
    def to_python(self, value):
        try:
            return super().to_python(value)
        except OverflowError:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


class GuardedModelMultipleChoiceField(ModelMultipleChoiceField):
    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": ", ".join(map(str, value))},
            ) from None


class TextAreaField(CharField):
    """A text area's text with its line breaks as LF, whatever the browser sent.

    Browsers send them as CR LF (HTML's form encoding): stored so, they would count twice in
    every length and show as changed lines in every revision's diff against text saved
    otherwise (a command's, a translation's copy).
    """

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


# For inlines too, which have no GuardedAdminMixin.
TEXT_AREAS = {models.TextField: {"form_class": TextAreaField}}

# Django's Swedish catalogue words its message for these ASCII slugs as the Unicode slugs' one
# ("… i Unicode"), and neither says what to write for å, ä and ö. slugify() writes them so too.
SLUG_FIELDS = {
    models.SlugField: {
        "error_messages": {
            "invalid": gettext_lazy(
                "Use only the letters a–z, the digits 0–9 and hyphens. Write å and ä as a, ö "
                "as o, and spaces as hyphens."
            )
        }
    }
}


class GuardedSplitDateTimeField(SplitDateTimeField):
    """Django's date and time in admin, refusing one the database cannot store in UTC."""

    def clean(self, value):
        try:
            result = super().clean(value)
            if result is not None:
                result.astimezone(UTC)
        except OverflowError:
            raise ValidationError(
                self.error_messages["invalid_date"], code="invalid_date"
            ) from None
        return result


class GuardedAutocompleteMixin:
    """Shows only the selected values that can be an object's key; the form refuses the rest."""

    def optgroups(self, name, value, attr=None):
        target_field = self.field.target_field
        return super().optgroups(name, [v for v in value if is_key(target_field, v)], attr)


class GuardedAutocompleteSelect(GuardedAutocompleteMixin, AutocompleteSelect):
    pass


class GuardedAutocompleteSelectMultiple(GuardedAutocompleteMixin, AutocompleteSelectMultiple):
    pass


class MidSentenceInlineAdminFormSet(InlineAdminFormSet):
    """Django's, with the inline's name as written in its "Add another …" button.

    Django capitalises it there as it does in headings: "Lägg till ytterligare Skribent i
    bylinen". The headings (verbose_name|capfirst in the templates) keep their capital.
    """

    def inline_formset_data(self):
        data = json.loads(super().inline_formset_data())
        data["options"]["addText"] = gettext("Add another %(verbose_name)s") % {
            "verbose_name": self.opts.verbose_name
        }
        return json.dumps(data)


class GuardedAdminMixin:
    """Bounded searches, out-of-range filters refused, autocomplete fields safe to re-render,
    text areas' line breaks stored as LF (TextAreaField), slugs' message saying what to write,
    and inlines' "Add another …" with the name mid-sentence (MidSentenceInlineAdminFormSet).

    Searches are at most 10 words and 200 characters: longer ones find nothing more for an
    editor, but can make the database work very hard (or refuse the query, as SQLite does for
    very long LIKE patterns).
    """

    max_search_length = 200
    max_search_words = 10
    formfield_overrides = {
        models.DateTimeField: {"form_class": GuardedSplitDateTimeField},
        **TEXT_AREAS,
        **SLUG_FIELDS,
    }

    def get_changelist(self, request, **kwargs):
        return GuardedChangeList

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_admin_formsets = super().get_inline_formsets(
            request, formsets, inline_instances, obj
        )
        # Django makes them in this method without a hook for the class: the subclass adds a
        # method only, so the objects it made can take it on.
        for inline_admin_formset in inline_admin_formsets:
            inline_admin_formset.__class__ = MidSentenceInlineAdminFormSet
        return inline_admin_formsets

    def get_search_results(self, request, queryset, search_term):
        words = search_term[: self.max_search_length].split()[: self.max_search_words]
        return super().get_search_results(request, queryset, " ".join(words))

    # The page only ever sends the IDs of the rows it shows: anything else is a tampered form.

    def response_action(self, request, *args, **kwargs):
        selected = request.POST.getlist(ACTION_CHECKBOX_NAME)
        if not all(is_key(self.model._meta.pk, value) for value in selected):
            raise BadRequest("A selected ID cannot be a key.")
        return super().response_action(request, *args, **kwargs)

    def changelist_view(self, request, extra_context=None):
        # The invalid-filter flag is read alone: beside filters, the list reads them without it.
        # Not for a form posted there: a redirect would drop what it sent.
        if request.method in ("GET", "HEAD") and ERROR_FLAG in request.GET and len(request.GET) > 1:
            query = request.GET.copy()
            del query[ERROR_FLAG]
            return HttpResponseRedirect(f"{request.path}?{query.urlencode()}")
        if request.method == "POST" and "_save" in request.POST and self.list_editable:
            prefix = self.get_changelist_formset(request).get_default_prefix()
            pk = self.model._meta.pk
            # Every row's ID, "form-0-id" as formsets name their forms' fields, read as loosely
            # as Django reads them before looking them up (its own function for it is private):
            # a regular expression, whose "$" allows a final newline, "\d" any script's digits.
            row_id = re.compile(rf"{re.escape(prefix)}-\d+-{re.escape(pk.name)}$")
            edited = [
                value
                for key, values in request.POST.lists()
                if row_id.match(key)
                for value in values
            ]
            if not all(is_key(pk, value) for value in edited):
                raise BadRequest("An edited row's ID cannot be a key.")
        return super().changelist_view(request, extra_context)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", GuardedModelChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = GuardedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", GuardedModelMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = GuardedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # SimpleHistoryAdmin's two views (a plain ModelAdmin has neither). Django's own history view
    # finds no object for an ID that cannot be a key; simple-history's views query with it, and
    # the query fails.

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # The first thing the history list does with the address's object ID.
        if not is_key(self.model._meta.pk, object_id):
            raise Http404
        return super().get_history_queryset(request, history_manager, pk_name, object_id)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history looks both IDs up without unquoting them.
        history_model = get_history_model_for_model(self.model)
        if not (
            is_key(self.model._meta.pk, object_id) and is_key(history_model._meta.pk, version_id)
        ):
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)


class StaffColumnUserAdmin(UserAdmin):
    """Django's user admin, with its staff column's icon named as the project's lists name theirs
    (boolean_icon): Django's is "True" or "False" in every language."""

    list_display = [
        "staff_status" if name == "is_staff" else name for name in UserAdmin.list_display
    ]

    @admin.display(description=User._meta.get_field("is_staff").verbose_name, ordering="is_staff")
    def staff_status(self, obj):
        return boolean_icon(obj.is_staff)


# Django's own admins of models editors and administrators use get the same guards, and the
# editors' lists' search, which ignores case in every alphabet and the accents a search is
# typed without ("goteborg" finds "/göteborg/"), on SQLite as on PostgreSQL (newsroom/lookups.py).
for model, model_admin, search_fields in (
    (User, StaffColumnUserAdmin, ["username", "first_name", "last_name", "email"]),
    (Group, GroupAdmin, ["name"]),
    (Redirect, RedirectAdmin, ["old_path", "new_path"]),
):
    admin.site.unregister(model)
    admin.site.register(
        model,
        type(
            model_admin.__name__,
            (GuardedAdminMixin, model_admin),
            {"search_fields": [f"{name}__unaccent_icontains" for name in search_fields]},
        ),
    )


class OneSiteAdmin(GuardedAdminMixin, SiteAdmin):
    """The site's one Site (SITE_ID): its domain and name may change, but it stays.

    Redirects, sitemaps and the 404 page look it up: deleted, it would fail them all.
    """

    search_fields = ["domain__unaccent_icontains", "name__unaccent_icontains"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.unregister(Site)
admin.site.register(Site, OneSiteAdmin)
