"""Admin for privacy officers: consent records as read-only proof, cookie groups as data."""

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from html import escape
from html.parser import HTMLParser
from urllib.parse import parse_qsl, unquote_plus, urlencode

from cookie_consent.models import Cookie, CookieGroup
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.filters import (
    ChoicesFieldListFilter,
    DateFieldListFilter,
    FacetsMixin,
)
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import NotRelationField, get_fields_from_path, label_for_field
from django.contrib.admin.views.main import ALL_VAR, ERROR_FLAG, IS_FACETS_VAR, ORDER_VAR, PAGE_VAR
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import InvalidPage, Paginator
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    IntegerField,
    JSONField,
    Prefetch,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.constants import LOOKUP_SEP
from django.db.models.fields.json import KeyTransform, KeyTransformExact
from django.db.models.functions import Cast, Replace
from django.db.models.lookups import Contains, IContains, IRegex
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, capfirst, format_lazy
from django.utils.translation import get_language, gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from newsroom.admin import TEXT_AREAS, GuardedAdminMixin, GuardedChangeList, boolean_icon
from newsroom.cache import PurgesPageCacheAdminMixin, cache_get, cache_set
from newsroom.dates import ZONE_IN_FORMAT, repeated_hour, skipped_hour, with_zone_named
from newsroom.templatetags.numbers import grouped

from .export import DELIMITERS, access_log_csv, banner_versions_csv, consent_records_csv
from .forms import CookieForm, CookieGroupForm, DateRangeForm
from .models import (
    AccessLogEntry,
    BannerVersion,
    ConsentRecord,
    CookieDetail,
    CookieGroupText,
    SiteCookie,
    SiteCookieGroup,
)
from .services import (
    ANALYTICS_GROUP,
    consent_access_logged,
    consent_search_logged,
    optional_group_names,
)

CHART_DAYS = 90
# The chart's final days are kept a day: their key names the first day, so it is new each day.
CHART_CACHE_SECONDS = 24 * 60 * 60
# The record list counts this many records at most: counting all of them takes as long as
# there are records, and nobody pages this far rather than narrowing the list by date.
COUNT_LIMIT = 10_000


# Banner and policy texts


TEXT_LABELS = {
    "title": _("Heading"),
    "text": _("Text"),
    "policy": _("Privacy policy sentence"),
    "policy_link": _("Privacy policy link text"),
    "withdrawal": _("Withdrawal sentence"),
    "settings_link": _("Cookie settings link text"),
    "decline": _("Decline button"),
    "accept": _("Accept button"),
    "gpc": _("Global Privacy Control notice"),
    "settings_text": _("Cookie settings page: text"),
    "settings_policy_link": _("Cookie settings page: privacy policy link text"),
    "settings_accept": _("Cookie settings page: accept button"),
    "settings_withdraw": _("Cookie settings page: withdraw button"),
}


class _PolicyPage(HTMLParser):
    """The stored policy page, rebuilt from its headings and paragraphs with all text escaped."""

    # Tags are re-emitted bare (no attributes); the page's h2 sits below the admin's headings.
    TAGS = {"h2": "h4", "h3": "h5", "p": "p", "ul": "ul", "ol": "ol", "li": "li", "em": "em"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.TAGS:
            self.parts.append(f"<{self.TAGS[tag]}>")

    def handle_endtag(self, tag):
        if tag in self.TAGS:
            self.parts.append(f"</{self.TAGS[tag]}>")

    def handle_data(self, data):
        self.parts.append(escape(data))


def policy_page_html(stored):
    """The policy page as the visitor read it, with no markup of the stored text passed on."""
    parser = _PolicyPage()
    parser.feed(str(stored))
    parser.close()
    # Only the fixed tags above are emitted; every piece of stored text is escaped.
    return mark_safe("".join(parser.parts))  # noqa: S308


# The banner's sentences that hold a link, and the text of that link.
SENTENCE_LINKS = [("policy", "policy_link"), ("gpc", "settings_link")]


def banner_texts_html(texts):
    """A banner version's stored texts, one table per language, for the admin's view pages."""
    if not isinstance(texts, dict):
        return "–"
    names = dict(settings.LANGUAGES)
    order = [code for code in names if code in texts] + sorted(set(texts) - set(names))
    sections = []
    for code in order:
        shown = dict(texts[code]) if isinstance(texts[code], dict) else {}
        policy_page = shown.pop("policy_page", "")
        cookie_table = shown.pop("cookie_table", [])
        for sentence, link in SENTENCE_LINKS:
            if isinstance(shown.get(sentence), str) and isinstance(shown.get(link), str):
                # The banner shows the sentence with the link text in place of its placeholder.
                shown[sentence] = shown[sentence].replace("%(link)s", shown[link])
        rows = format_html_join(
            "",
            '<tr><th scope="row">{}</th><td>{}</td></tr>',
            ((TEXT_LABELS.get(key, key), value) for key, value in shown.items()),
        )
        sections.append(
            format_html(
                '<section lang="{}"><h3>{}</h3><table><tbody>{}</tbody></table>'
                "<details><summary>{}</summary>{}{}</details></section>",
                code,
                capfirst(names.get(code, code)),
                rows,
                gettext("Privacy policy page"),
                policy_page_html(policy_page),
                cookie_table_html(cookie_table),
            )
        )
    return format_html_join("", "{}", ((section,) for section in sections))


def cookie_table_html(groups):
    """A stored cookie table (consent.texts.cookie_table), one table of cookies per group."""
    if not isinstance(groups, list):
        return ""
    tables = []
    for group in groups:
        if not isinstance(group, dict):
            continue
        cookies = [c for c in group.get("cookies", []) if isinstance(c, dict)]
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (c.get("name", ""), c.get("purpose", ""), c.get("lifetime", ""), c.get("party", ""))
                for c in cookies
            ),
        )
        tables.append(
            format_html(
                "<h4>{} ({})</h4><p>{}</p><table><caption>{}</caption><thead><tr>"
                '<th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th>'
                '<th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
                group.get("name", ""),
                group.get("varname", ""),
                group.get("description", ""),
                gettext("Cookies"),
                gettext("Name"),
                gettext("Purpose"),
                gettext("Lifetime"),
                gettext("Party"),
                rows,
            )
        )
    return format_html_join("", "{}", ((table,) for table in tables))


# Daily choices chart


@dataclass(frozen=True)
class DayCounts:
    day: date
    accepted: int = 0
    declined: int = 0
    withdrawn: int = 0

    @property
    def total(self):
        return self.accepted + self.declined + self.withdrawn


def daily_choice_counts(*, days=CHART_DAYS):
    """Accepts, declines and withdrawals per local day, oldest first, in one query.

    Records are only ever added, timed as they are made, so the counts of the days before
    yesterday are final (yesterday's could still gain a record whose request began before
    midnight). They are counted once a day and kept in the cache; each view counts the
    records of the last two days only.
    """
    today = timezone.localdate()
    first = today - timedelta(days=days - 1)
    final = max(days - 2, 0)
    key = f"consent:chart:{settings.TIME_ZONE}:{first}:{final}"
    kept = cache_get(key, what="consent chart")
    if kept is None:
        counted = _choice_counts(first=first, days=days)
        cache_set(key, counted[:final], timeout=CHART_CACHE_SECONDS, what="consent chart")
        return counted
    return kept + _choice_counts(first=first + timedelta(days=final), days=days - final)


def _choice_counts(*, first, days):
    midnights = [
        timezone.make_aware(datetime.combine(first + timedelta(days=n), time.min))
        for n in range(days + 1)
    ]
    rows = (
        ConsentRecord.objects.filter(created_at__gte=midnights[0], created_at__lt=midnights[-1])
        .annotate(day=_day_number(midnights, 0, days))
        .values("day", "choice")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counted = [{} for _day in range(days)]
    for row in rows:
        counted[row["day"]][row["choice"]] = row["count"]
    return [DayCounts(day=first + timedelta(days=n), **counted[n]) for n in range(days)]


def _day_number(midnights, first, end):
    """Which of the days first to end - 1 a record was made on, found by halving the range.

    Comparing with the days' local midnights is a few comparisons per record; converting each
    record's time to a local date (TruncDate) is a Python function call per record on SQLite.
    """
    if end - first == 1:
        return Value(first)
    middle = (first + end) // 2
    return Case(
        When(created_at__lt=midnights[middle], then=_day_number(midnights, first, middle)),
        default=_day_number(midnights, middle, end),
        output_field=IntegerField(),
    )


# Mid-tone colours: each has at least 3:1 contrast on the admin's light and dark backgrounds.
CHART_COLOURS = {"accepted": "#4c78a8", "declined": "#c05a00", "withdrawn": "#808080"}
CHART_BAR_WIDTH = 8
CHART_BAR_HEIGHT = 120
CHART_LEFT = 40
CHART_TOP = 10


def choices_chart(days):
    """Bar geometry for the stacked daily chart; the template only draws it."""
    peak = max((day.total for day in days), default=0)
    scale = CHART_BAR_HEIGHT / peak if peak else 0
    baseline = CHART_TOP + CHART_BAR_HEIGHT
    bars = []
    for n, day in enumerate(days):
        top = baseline
        segments = []
        for kind in CHART_COLOURS:
            height = getattr(day, kind) * scale
            top -= height
            if height:
                segments.append(
                    {"y": f"{top:.2f}", "height": f"{height:.2f}", "fill": CHART_COLOURS[kind]}
                )
        bars.append({"day": day, "x": CHART_LEFT + n * CHART_BAR_WIDTH, "segments": segments})
    return {
        "days": days,
        "first_day": days[0].day if days else None,
        "last_day": days[-1].day if days else None,
        "bars": bars,
        "peak": peak,
        "accepted": sum(day.accepted for day in days),
        "declined": sum(day.declined for day in days),
        "withdrawn": sum(day.withdrawn for day in days),
        "colours": CHART_COLOURS,
        "bar_width": CHART_BAR_WIDTH - 2,
        "left": CHART_LEFT,
        "top": CHART_TOP,
        "baseline": baseline,
        "right": CHART_LEFT + len(days) * CHART_BAR_WIDTH,
        "width": CHART_LEFT + len(days) * CHART_BAR_WIDTH + 4,
        "height": baseline + 18,
    }


# Filters


class SharedFacetsMixin:
    """A filter whose counts ("Show counts") come from its list's one query of every filter not
    in use (FacetsChangeList.unused_filters_facets), rather than from a query of its own."""

    def get_facet_queryset(self, changelist):
        shared = getattr(changelist, "unused_filters_facets", {})
        counts = None if self.used_parameters else shared.get(tuple(self.expected_parameters()))
        return super().get_facet_queryset(changelist) if counts is None else counts


class FacetsChangeList(GuardedChangeList):
    """A list whose filters not in use are all counted in one query.

    Django counts each filter's choices in a query of its own, of the list without that
    filter's choice: one pass over every record per filter. For a filter not in use that is
    the list as shown, the same for all of them.
    """

    def get_ordering(self, request, queryset):
        if ORDER_VAR in self.params:
            # Read as the list's links and its export then carry it, and the log keeps it.
            self.params[ORDER_VAR] = self.normal_ordering(self.params[ORDER_VAR])
        return super().get_ordering(request, queryset)

    def normal_ordering(self, value):
        """An ordering parameter as the column headings write it: each column the list can
        order by at most once, where first named ("1.-0" for "1.-1.99.x.-0.0").

        Django orders by the same parts and leaves out the rest (a number of no column, a
        column that cannot order, a word), but keeps an address's every part: an ordering
        of thousands of parts was passed on to the list's links, its export and the log.
        """
        kept = {}
        for part in value.split("."):
            # As ChangeList.get_ordering() reads a part.
            _none, minus, index = part.rpartition("-")
            try:
                number = int(index)
                name = self.list_display[number]
            except (IndexError, ValueError):
                continue
            if number not in kept and self.get_ordering_field(name):
                kept[number] = f"{minus}{number}"
        return ".".join(kept.values())

    def get_filters_params(self, params=None):
        lookup_params = super().get_filters_params(params)
        for key, values in lookup_params.items():
            if _compares_a_time(self.model, key):
                lookup_params[key] = [local_time_value(key, value) for value in values]
        return lookup_params

    @cached_property
    def unused_filters_facets(self):
        """The counts of each filter not in use, by the filter's parameters."""
        # By position and by parameters: counting a filter in use makes the filters anew.
        unused = {
            tuple(spec.expected_parameters()): spec
            for spec in self.filter_specs
            if isinstance(spec, FacetsMixin) and not spec.used_parameters
        }
        aggregates = {
            f"f{n}_{key}": aggregate
            for n, spec in enumerate(unused.values())
            for key, aggregate in spec.get_facet_counts(self.pk_attname, self.queryset).items()
        }
        counted = self.queryset.aggregate(**aggregates) if aggregates else {}
        return {
            parameters: {
                key.removeprefix(f"f{n}_"): count
                for key, count in counted.items()
                if key.startswith(f"f{n}_")
            }
            for n, parameters in enumerate(unused)
        }


# The comparisons of a date and time an address may make (the time filter's are gte and lt).
TIME_COMPARISONS = {"exact", "gt", "gte", "lt", "lte", "in"}


def _compares_a_time(model, key):
    """Whether a list's lookup parameter compares a date and time field with what it gives."""
    path, _sep, lookup = key.rpartition(LOOKUP_SEP)
    if lookup not in TIME_COMPARISONS:
        path = key
    try:
        fields = get_fields_from_path(model, path)
    except (FieldDoesNotExist, NotRelationField):
        return False
    return isinstance(fields[-1], DateTimeField)


# A time and its offset as typed in an address bar, whose "+" reaches the list as a space.
_OFFSET_AFTER_A_SPACE = re.compile(
    r"(?P<time>\d{4}-\d\d?-\d\d?[T ]\d\d?:\d\d(?::\d\d(?:[.,]\d+)?)?) (?P<offset>\d\d(?::?\d\d)?)"
)


def _typed_times(key, value):
    """The times a list's lookup parameter gives: several for "__in", comma-separated."""
    return value.split(",") if key.endswith(f"{LOOKUP_SEP}in") else [value]


def _typed_time(typed):
    """A time typed in an address (naive without an offset), or None if it is none."""
    typed = typed.strip()
    spaced = _OFFSET_AFTER_A_SPACE.fullmatch(typed)
    if spaced:
        typed = f"{spaced['time']}+{spaced['offset']}"
    try:
        return parse_datetime(typed)
    except ValueError:
        return None


def local_time_value(key, value):
    """A time typed in a list's address, read in the site's time zone if it gives no offset.

    The time filter's own links give it ("2026-01-01 00:00:00+01:00"); one typed by hand
    without it, or a bare day (its midnight), Django compares as a naive time, with a warning.
    Anything else is left for the list to refuse.
    """
    read = []
    for typed in _typed_times(key, value):
        parsed = _typed_time(typed)
        if parsed is not None:
            # In the site's zone, as the list's links write it, whatever the offset typed.
            if timezone.is_naive(parsed):
                # Through UTC: a time the clocks skip is written as the clocks showed it.
                parsed = timezone.localtime(timezone.make_aware(parsed).astimezone(UTC))
            typed = str(parsed)
        read.append(typed)
    return ",".join(read)


@dataclass
class ClockChangeTime:
    """A time typed without an offset in the hour Stockholm's clocks show twice, or never."""

    key: str
    typed: str
    read: datetime  # the moment the list reads it as: the first, or an hour later by the clock
    other: datetime | None  # the second moment of a time shown twice

    @property
    def filter_name(self):
        return parameter_name(self.key)

    def typed_with_offset(self, moment):
        """The time as typed, with its offset: "2025-10-26 02:30+01:00"."""
        return f"{self.typed}{moment.isoformat()[-6:]}"

    def message(self, query):
        """How the list read it, and, for a time shown twice, a link to the list reading it
        as the second; `query` is the list's, as its address gave it."""
        if self.other is None:
            return gettext(
                "%(filter)s: %(typed)s is a time Stockholm's clocks never show: they skip that "
                "hour as they go forward. It was read as %(read)s."
            ) % {"filter": self.filter_name, "typed": self.typed, "read": exact_time(self.read)}
        other = query.copy()
        other.setlist(
            self.key,
            [
                ",".join(
                    str(self.other) if typed.strip() == self.typed else typed
                    for typed in _typed_times(self.key, value)
                )
                for value in query.getlist(self.key)
            ],
        )
        return format_html(
            '{} <a href="?{}">{}</a>',
            gettext(
                "%(filter)s: %(typed)s comes twice in Stockholm time, in the hour the clocks go "
                "back. It was read as the first, %(first)s. For the second, type it with its "
                "offset, %(example)s, or:"
            )
            % {
                "filter": self.filter_name,
                "typed": self.typed,
                "first": exact_time(self.read),
                "example": self.typed_with_offset(self.other),
            },
            local_times_written(other, [self]),
            gettext("read it as %(second)s") % {"second": exact_time(self.other)},
        )

    def problem(self):
        """Why an export of a list of it is refused, and what to type instead."""
        if self.other is None:
            return gettext(
                "%(filter)s: %(typed)s is a time Stockholm's clocks never show: type another, "
                "such as %(read)s."
            ) % {
                "filter": self.filter_name,
                "typed": self.typed,
                "read": f"{self.read:%Y-%m-%d %H:%M}{self.read.isoformat()[-6:]}",
            }
        return gettext(
            "%(filter)s: %(typed)s comes twice in Stockholm time, in the hour the clocks go "
            "back: type it with its offset, %(first)s or %(second)s."
        ) % {
            "filter": self.filter_name,
            "typed": self.typed,
            "first": self.typed_with_offset(self.read),
            "second": self.typed_with_offset(self.other),
        }


def repeated_parameters(query):
    """The values of each parameter a list's query gives more than once, by its name."""
    return {key: values for key, values in query.lists() if len(values) > 1 and key != ERROR_FLAG}


def parameter_name(key):
    """A list's parameter as its filter names it ("Time from"), or as the address does."""
    return capfirst(LOGGED_PARAMETERS.get(key, key))


def local_times_written(query, times):
    """A list's query as text, with the parameters of `times` (ClockChangeTime) written as
    the list reads them, with their offsets."""
    query = query.copy()
    for key in {clock_time.key for clock_time in times}:
        query.setlist(key, [local_time_value(key, value) for value in query.getlist(key)])
    return query.urlencode()


def clock_change_times(query, model):
    """The times a list's query gives without an offset that Stockholm's clocks show twice
    (the hour they go back) or never (the hour they go forward).

    Read in the site's zone, such a time would be the first of the two, or an hour later by
    the clock, without a word: the list tells the officer which, and how to ask for another.
    """
    found = []
    for key, values in query.lists():
        if not _compares_a_time(model, key):
            continue
        for value in values:
            for typed in _typed_times(key, value):
                parsed = _typed_time(typed)
                if parsed is None or timezone.is_aware(parsed):
                    continue
                first = timezone.make_aware(parsed)
                if skipped_hour(first):
                    read = timezone.localtime(first.astimezone(UTC))
                    found.append(ClockChangeTime(key, typed.strip(), read, None))
                elif repeated_hour(first):
                    second = timezone.localtime(first.replace(fold=1).astimezone(UTC))
                    found.append(ClockChangeTime(key, typed.strip(), first, second))
    return found


def read_once_per_request(request, key, read):
    """What `read()` returns, read once for the request: counting a filter in use (its counts
    are of the list without it) makes every filter of the list anew, each reading its choices."""
    kept = request.__dict__.setdefault("_consent_filter_choices", {})
    if key not in kept:
        kept[key] = read()
    return kept[key]


class SharedFacetsDateFilter(SharedFacetsMixin, DateFieldListFilter):
    pass


class SharedFacetsChoicesFilter(SharedFacetsMixin, ChoicesFieldListFilter):
    """Django's filter of a field's choices, taking only the values it offers (as
    OfferedValuesFilter): Django's filters by any value, and a mistyped one listed, and
    exported, no record rather than naming the filter as wrong."""

    def queryset(self, request, queryset):
        offered = {str(value) for value, _label in self.field.flatchoices}
        if any(value not in offered for value in self.lookup_val or []):
            raise IncorrectLookupParameters(self.lookup_val)
        return super().queryset(request, queryset)


class OfferedValuesFilter(SharedFacetsMixin, admin.SimpleListFilter):
    """A filter that takes only the values it offers: any other is the list's "invalid filter",
    not a query built from whatever the address holds. Subclasses give the condition of a
    value in condition()."""

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if value not in dict(self.lookup_choices):
            raise IncorrectLookupParameters(value)
        return queryset.filter(self.condition(value))

    def condition(self, value):
        raise NotImplementedError

    def get_facet_counts(self, pk_attname, filtered_qs):
        # Each choice's condition counted in the list's own pass; Django's counts the records
        # of a subquery of the list per choice, a pass over every record each.
        return {
            f"{n}__c": Count(pk_attname, filter=self.condition(value))
            for n, (value, _label) in enumerate(self.lookup_choices)
        }


def cookie_group_label(varname, name, name_en):
    """A cookie group's name in the admin's language (the package's field holds Swedish)."""
    return (name_en if get_language() == "en" else name) or name or varname


class CookieGroupFilter(OfferedValuesFilter):
    """Records by the answer for one optional cookie group, read from the stored answers."""

    title = _("cookie group")
    parameter_name = "group"

    def lookups(self, request, model_admin):
        groups = read_once_per_request(
            request,
            "cookie groups",
            lambda: list(
                CookieGroup.objects.filter(is_required=False).values_list(
                    "varname", "name", "text__name_en"
                )
            ),
        )
        choices = []
        for varname, name, name_en in groups:
            label = cookie_group_label(varname, name, name_en)
            choices += [
                (f"{varname}:accepted", gettext("%(group)s: accepted") % {"group": label}),
                (f"{varname}:declined", gettext("%(group)s: declined") % {"group": label}),
            ]
        return choices

    def condition(self, value):
        # Only offered values (OfferedValuesFilter): the varname becomes a JSON key in the query.
        varname, answer = value.rsplit(":", 1)
        answered = Value(answer == "accepted", output_field=JSONField())
        return Q(KeyTransformExact(KeyTransform(varname, "groups"), answered))


class DateRangeFilter(admin.ListFilter):
    """Records (or log entries) from a first to a last day the officer types, local days, both
    included.

    The time filter offers fixed periods only, and a hand-typed ?created_at__lt= is a moment,
    not a last day included (the first day after it). A wrong day is named in a message above
    an empty list, rather than sent to the admin's bare "?e=1", and never ignored: the list,
    or its export, would hold records the officer did not ask for.
    """

    title = _("date range")
    template = "admin/consent/date_range_filter.html"
    field_path = "created_at"
    # Under the field's name: the time filter's and the date hierarchy's links drop these, as
    # this filter's form drops theirs, so that one choice of dates applies at a time.
    parameters = {"first": "created_at__from", "last": "created_at__to"}

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        data = {}
        for name in self.parameters.values():
            if name in params:
                value = params.pop(name)[-1]
                if value:
                    self.used_parameters[name] = data[name] = value
        self.form = DateRangeForm(data, names=self.parameters)
        self.errors = []
        if not self.form.is_valid():
            for field, errors in self.form.errors.items():
                label = self.form.fields[field].label if field in self.form.fields else None
                self.errors += [f"{label}: {error}" if label else error for error in errors]
        described_by = "consent-date-range-help"
        if self.errors:
            described_by += " consent-date-range-errors"
        for field in self.form.fields.values():
            field.widget.attrs["aria-describedby"] = described_by

    def has_output(self):
        return True

    def expected_parameters(self):
        return list(self.parameters.values())

    def queryset(self, request, queryset):
        if self.errors:
            return queryset.none()
        first, last = self.form.cleaned_data.get("first"), self.form.cleaned_data.get("last")
        # The calendar's first and last days bound nothing, and the local midnights that would
        # bound them are outside it in UTC (as in manage.py consent_export).
        if first and first > date.min:
            queryset = queryset.filter(**{f"{self.field_path}__gte": _local_midnight(first)})
        if last and last < date.max:
            next_day = _local_midnight(last + timedelta(days=1))
            queryset = queryset.filter(**{f"{self.field_path}__lt": next_day})
        return queryset

    def choices(self, changelist):
        own = f"{self.field_path}__"
        yield {
            # The list's other filters and search, kept by the form as it is sent.
            "hidden": [(k, v) for k, v in changelist.params.items() if not k.startswith(own)],
            "clear": changelist.get_query_string(remove=self.expected_parameters()),
        }


def date_range_errors(changelist):
    """What is wrong with the days typed in a record list's date range filter."""
    specs = changelist.filter_specs if changelist is not None else []
    return [error for spec in specs if isinstance(spec, DateRangeFilter) for error in spec.errors]


def _local_midnight(day):
    """The start of a day in the site's time zone (Stockholm's clocks change at 02:00-03:00)."""
    return timezone.make_aware(datetime.combine(day, time.min))


class AppliedRelatedFieldListFilter(SharedFacetsMixin, admin.RelatedFieldListFilter):
    """Django's filter of a related object, applied whenever the address gives it a value.

    Django hides it while there is one object to offer, and drops its value with it: an
    address naming a version that does not exist (a bookmark, a link from another site) listed
    and exported every record. Shown then, with the value applied.
    """

    def has_output(self):
        return bool(self.used_parameters) or super().has_output()

    def field_choices(self, field, request, model_admin):
        return read_once_per_request(
            request,
            self.field_path,
            lambda: super(AppliedRelatedFieldListFilter, self).field_choices(
                field, request, model_admin
            ),
        )


class LanguageFilter(OfferedValuesFilter):
    """Records by the site language the visitor chose in (the languages come from settings)."""

    title = _("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        # From settings rather than a DISTINCT over every record.
        return settings.LANGUAGES

    def condition(self, value):
        return Q(language=value)


# Admins


_HEX = re.compile(r"[0-9a-f]{1,32}")


# A search for a day, as the lists give days: 2026-11-01.
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# A banner version's label, as the lists give it: "2026-11-01 (4d96d20f)".
_VERSION_LABEL = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} \((?P<digest>[0-9a-f]{8,64})\)")
# A banner version's digest, whole (SHA-256) or its beginning.
_DIGEST_HEX = re.compile(r"[0-9a-f]{1,64}")
# The shortest beginning of a digest that finds its version, in the version list and the record
# list alike: as long as a version's label gives it. In the record list a shorter one would add
# a whole version's records to the few whose ID begins so; the search help texts say so.
DIGEST_BEGINNING_MIN = 8


def _day_records(day):
    """The records of a local day (the calendar's first and last days are bounded on one side)."""
    found = Q()
    if day > date.min:
        found &= Q(created_at__gte=_local_midnight(day))
    if day < date.max:
        found &= Q(created_at__lt=_local_midnight(day + timedelta(days=1)))
    return found


def _digest_range(beginning):
    """The digests that begin with `beginning`: a range of the versions' unique index."""
    return beginning.ljust(64, "0"), beginning.ljust(64, "f")


def _digest_records(beginning):
    """The records of the banner versions whose digest begins with `beginning`.

    The versions are looked up first, in a query of their own: as a subquery OR-ed with the
    ID ranges, PostgreSQL filtered every record with it rather than use the indexes, and
    the few versions' keys can then be looked up in the banner version's index.
    """
    versions = BannerVersion.objects.filter(digest__range=_digest_range(beginning))
    versions = versions.values_list("pk", flat=True)
    return Q(banner_version__in=list(versions))


def consent_id_search(search_term):
    """A search for a consent ID as bare lowercase hexadecimal, as the records' columns hold it.

    The settings page shows IDs with dashes and the cookie holds them without; officers paste
    either, in any case, perhaps with braces or spaces around.
    """
    return search_term.strip().strip("{}").replace("-", "").lower()


def whole_consent_id(search_term):
    """The consent ID a search names whole, with or without dashes, in any case; else None."""
    term = consent_id_search(search_term)
    return uuid.UUID(term) if len(term) == 32 and _HEX.fullmatch(term) else None


# The access log is searched by user name too: a shorter beginning ("ada", "cafe") would find
# the IDs that begin with a name, and four characters are the beginning of one ID in 65,536.
ID_BEGINNING_MIN = 8


def consent_id_beginning(search_term):
    """A search's consent ID, whole or its beginning (ID_BEGINNING_MIN or more), else None."""
    term = consent_id_search(search_term)
    return term if len(term) >= ID_BEGINNING_MIN and _HEX.fullmatch(term) else None


def dashed_id_beginning(beginning):
    """An ID's beginning in bare hexadecimal as str(UUID) writes it: "4d96d20f-21"."""
    parts = [beginning[start:end] for start, end in ((0, 8), (8, 12), (12, 16), (16, 20), (20, 32))]
    return "-".join(part for part in parts if part)


def logged_search_pattern(beginning):
    """A regular expression for a logged list query, its dashes taken out, whose search names
    an ID that begins with `beginning`, or the beginning of such an ID (of at least
    ID_BEGINNING_MIN characters) on its own.

    The search is the query's `q`, as the address carried it: words separated by "+" (a
    space) or a percent-escape ("%7B", a brace). An ID is named by a word that starts with it,
    not by a part from its middle or another parameter (a day is eight digits). The subset of
    regular expressions used is read alike by PostgreSQL and by Python's re (SQLite's REGEXP
    in Django).
    """
    shorter = "|".join(beginning[:end] for end in range(ID_BEGINNING_MIN, len(beginning)))
    named = f"{beginning}|({shorter})(\\+|%|&|$)" if shorter else beginning
    return f"(^|&)q=([^&]*(\\+|%[0-9a-f]{{2}}))?({named})"


def list_time(value):
    """A time as every consent list gives it: "2026-11-27 06:14", local.

    Lists are read down a narrow column, where the full date of the records' and entries'
    pages ("27 november 2026 kl. 06.14") would not fit beside the others: each list gives
    times so, each page in full. Local, as the lists' filters and date hierarchy read them.
    A time of the hour the clocks go back, lived twice, is given its zone ("02:30 CEST",
    "02:30 CET"); any other time reads the same in either, and is given none.
    """
    local = timezone.localtime(value)
    shown = formats.time_format(local, "H:i")
    if repeated_hour(local):
        shown = f"{shown} {local.tzname()}"
    # The time may go below the date, the date is never broken at its dashes.
    return format_html(
        '<time datetime="{}"><span class="nowrap">{}</span> {}</time>',
        value.isoformat(),
        formats.date_format(local, "Y-m-d"),
        shown,
    )


def to_the_second_format():
    """The admin language's date and time format with seconds: "1 juni 2025 kl. 14.00.05".

    A record's page is its proof: a withdrawal seconds after the accept it withdraws must not
    read as made at the same time (the export gives seconds too).
    """
    return re.sub(r"H([.:])i", r"H\1i\1s", formats.get_format("DATETIME_FORMAT"))


def exact_time(value):
    """A time as a record's and an entry's pages give it: to the second, naming its zone,
    "1 juni 2025 kl. 14.00.05 CEST".

    Two records an hour apart in the hour the clocks go back read "02.30.00 CEST" and
    "02.30.00 CET" (newsroom.dates writes the zone in as text, which Django leaves out then).
    """
    local = timezone.localtime(value)
    shown = to_the_second_format()
    if not ZONE_IN_FORMAT.search(shown):
        # Swedish, for datelines, names no zone; English does ("1 June 2025, 14:00:05 CEST").
        shown = f"{shown} T"
    return formats.date_format(local, with_zone_named(shown, local))


class ReadOnlyAdmin(GuardedAdminMixin, admin.ModelAdmin):
    """An admin in which nobody, superusers included, can add, change or delete.

    Its objects have no history page: Django's lists the admin's own additions, changes and
    deletions of the object, of which there are none, and showed an empty page.
    """

    actions = None
    # The object's page without the link to that history.
    change_form_template = "admin/consent/read_only_change_form.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def history_view(self, request, object_id, extra_context=None):
        raise Http404

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if ERROR_FLAG in request.GET and "cl" in getattr(response, "context_data", {}):
            # Django sends a list whose filters it cannot read here, and lists every object
            # without a word: an officer would read it as the list they asked for.
            messages.error(
                request,
                gettext("A filter had a value the list does not offer: the whole list is shown."),
            )
        return response


class LimitedCountPaginator(Paginator):
    """Pages of a list counted up to COUNT_LIMIT records; `more` says there are more than that."""

    @cached_property
    def _counted(self):
        # One more than the limit tells "exactly the limit" from "more".
        return self.object_list.order_by()[: COUNT_LIMIT + 1].count()

    @cached_property
    def count(self):
        return min(self._counted, COUNT_LIMIT)

    @property
    def more(self):
        return self._counted > COUNT_LIMIT


class CountedOnceChangeList(FacetsChangeList):
    """A list counted once a view, for an admin with show_full_result_count off.

    Django counts the list, then every object again for the total beside a narrowed count;
    the two are the same count when nothing narrows the list, a pass over every object each.
    Without the total, Django's search box says "N results (Show all)" beside every list,
    narrowed or not: unnarrowed, the list's count is the total, and the box says nothing.
    """

    def get_results(self, request):
        try:
            super().get_results(request)
        except IncorrectLookupParameters as error:
            # A page past the last (or before the first): Django sends the address to "?e=1",
            # the whole list, saying a filter was wrong, and a search from an old link (its
            # records pruned since, or beyond the count's limit) was dropped without a word.
            # The nearest page of the same list is shown instead.
            if not isinstance(error.__context__, InvalidPage):
                raise
            paginator = self.model_admin.get_paginator(request, self.queryset, self.list_per_page)
            self.page_num = min(max(self.page_num, 1), paginator.num_pages)
            super().get_results(request)
        # The date hierarchy's choice is among the lookups of the address's own.
        if not (self.query or self.has_active_filters or self.has_own_lookups):
            self.full_result_count = self.result_count


# The fields a visitor's records are looked up by: the search box's, whose searches are logged.
CONSENT_ID_FIELDS = {"consent_id", "previous_consent_id"}


class ConsentRecordChangeList(CountedOnceChangeList):
    """The record list, with a date hierarchy that costs two index lookups."""

    def get_filters(self, request):
        filters = super().get_filters(request)
        # The address's own lookups (Django takes any of the list's fields): ?consent_id=…
        # looks a visitor's records up as the search does, but no log entry, nor an export's
        # logged search, would say so. The list's "?e=1", as for a filter it does not offer.
        named = [key for key in filters[2] if key.split(LOOKUP_SEP)[0] in CONSENT_ID_FIELDS]
        if named:
            raise IncorrectLookupParameters(named)
        return filters

    @cached_property
    def date_periods(self):
        """The date hierarchy's links, as Django's {% date_hierarchy %} makes them.

        Django's lists the years, months or days that have records, found with a DISTINCT
        over every record the list shows: seconds on a few hundred thousand. Consents come in
        every day, so this offers every period from the first record to the last instead;
        one without records (for the current filters) shows an empty list.
        """
        field = self.date_hierarchy
        times = self.root_queryset.order_by(field).values_list(field, flat=True)
        first, last = times.first(), times.reverse().first()
        if first is None:
            # No records: an empty range, in which no period is offered.
            first, last = date.max, date.min
        else:
            first, last = timezone.localdate(first), timezone.localdate(last)
        year, month, day = (
            self.params.get(f"{field}__{part}") for part in ("year", "month", "day")
        )
        if not (year or month or day) and first.year == last.year:
            # As Django's does: start with the months, or the days, of the only year or month.
            year = first.year
            month = first.month if first.month == last.month else None

        def link(**parts):
            return self.get_query_string(
                {f"{field}__{part}": value for part, value in parts.items()}, [f"{field}__"]
            )

        if year and month and day:
            shown = date(int(year), int(month), int(day))
            back = {"link": link(year=year, month=month), "title": _year_month(shown)}
            choices = [{"title": _month_day(shown)}]
        elif year and month:
            back = {"link": link(year=year), "title": str(year)}
            start = date(int(year), int(month), 1)
            days = (start + timedelta(days=n) for n in range(31))
            choices = [
                {"link": link(year=year, month=month, day=d.day), "title": _month_day(d)}
                for d in days
                if d.month == start.month and first <= d <= last
            ]
        elif year:
            back = {"link": link(), "title": gettext("All dates")}
            months = (date(int(year), m, 1) for m in range(1, 13))
            choices = [
                {"link": link(year=year, month=m.month), "title": _year_month(m)}
                for m in months
                if first.replace(day=1) <= m <= last
            ]
        else:
            back = None
            years = range(first.year, last.year + 1)
            choices = [{"link": link(year=y), "title": str(y)} for y in years]
        verbose_name = self.model._meta.get_field(field).verbose_name
        return {"show": True, "back": back, "choices": choices, "field_name": verbose_name}


def _year_month(day):
    return capfirst(formats.date_format(day, "YEAR_MONTH_FORMAT"))


def _month_day(day):
    return capfirst(formats.date_format(day, "MONTH_DAY_FORMAT"))


EXPORT_CONTENT_TYPE = "text/csv; charset=utf-8"
# The export's parameter naming its list separator (consent.export.DELIMITERS), not a filter.
DELIMITER_VAR = "delimiter"


class CsvExportMixin:
    """A CSV export of the list as filtered and searched there, linked from the list's tools.

    The file is streamed, for the viewers of the list (nobody's permission grows with it).
    """

    export_filename = None  # the file's name before its date: "consent-records"
    export_action = None  # how the access log names an export: AccessLogEntry.Action

    def export_rows(self, queryset, *, delimiter):
        """The CSV file's text, in chunks, its cells separated by `delimiter`."""
        raise NotImplementedError

    def export_problems(self, changelist):
        """What is wrong with the list's filters, which the list names: no file is made then."""
        return []

    def export_queryset(self, queryset, entry):
        """The objects the file holds, given the access log's `entry` of the export."""
        return queryset

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_export"
        # A file is read: a POST would have exported and been logged as an export.
        view = self.admin_site.admin_view(require_safe(self.export_csv_view))
        export = path("export/", view, name=name)
        return [export, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        if request.method in ("GET", "HEAD"):
            repeated = repeated_parameters(request.GET)
            if repeated:
                return self.repeated_parameters_dropped(request, repeated)
            times = clock_change_times(request.GET, self.model)
            if times:
                return self.clock_change_times_read(request, times)
        query = _list_query(request)
        export_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_export")
        extra_context = {
            **(extra_context or {}),
            "export_url": f"{export_url}?{query.urlencode()}" if query else export_url,
        }
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None and self.export_problems(changelist):
            # A list that shows an error offers no file of it (the export would refuse it).
            response.context_data["export_url"] = None
        elif changelist is not None:
            # In the order the list read (FacetsChangeList.normal_ordering).
            query = _list_query(request, changelist)
            response.context_data["export_url"] = (
                f"{export_url}?{query.urlencode()}" if query else export_url
            )
        if changelist is not None:
            # The same file for Excel set to a region whose list separator is the comma.
            url = response.context_data["export_url"]
            response.context_data["export_comma_url"] = (
                f"{url}{'&' if '?' in url else '?'}{DELIMITER_VAR}=comma" if url else None
            )
        return response

    def repeated_parameters_dropped(self, request, repeated):
        """The list without the parameters its address gives more than once, saying so.

        Django filters by any of a filter's values (a search, an ordering by the last), its
        links and its filters' choices keep the last, the export link and the access log all:
        none of them is the list the officer asked for.
        """
        query = request.GET.copy()
        for key, values in repeated.items():
            del query[key]
            if request.method == "HEAD":
                # Answered without a page: the message would wait for the officer's next one.
                continue
            messages.error(
                request,
                gettext(
                    "%(filter)s is given more than once in the address (%(values)s): the list "
                    "is shown without it. Choose one."
                )
                % {"filter": parameter_name(key), "values": ", ".join(values)},
            )
        return HttpResponseRedirect(
            f"{request.path}?{query.urlencode()}" if query else request.path
        )

    def clock_change_times_read(self, request, times):
        """The list with the times its address gives in the hours the clocks change written
        with the offset it reads them with, and a message for each saying how it read it.

        Redirected, so that its links, its export and the access log name the moment read.
        """
        if request.method != "HEAD":
            # A HEAD request is answered without a page: they would wait for the next one.
            for clock_time in times:
                messages.warning(request, clock_time.message(request.GET))
        return HttpResponseRedirect(f"{request.path}?{local_times_written(request.GET, times)}")

    def export_csv_view(self, request):
        """The objects of the changelist, as filtered and searched there, as a streamed CSV."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        repeated = repeated_parameters(request.GET)
        if repeated:
            return self.export_refused(
                [
                    gettext("%(filter)s is given more than once (%(values)s): choose one.")
                    % {"filter": parameter_name(key), "values": ", ".join(values)}
                    for key, values in repeated.items()
                ]
            )
        separator = request.GET.get(DELIMITER_VAR, "semicolon")
        if separator not in DELIMITERS:
            return self.export_refused(
                [gettext("The list separator (delimiter) is “semicolon” or “comma”.")]
            )
        if DELIMITER_VAR in request.GET:
            # The file's form, not a filter of the list: the list, the file's name and the
            # log read the query without it.
            request.GET = request.GET.copy()
            del request.GET[DELIMITER_VAR]
        times = clock_change_times(request.GET, self.model)
        if times:
            # No list to say how they were read: the officer chooses.
            return self.export_refused([clock_time.problem() for clock_time in times])
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            # The list answers these with its bare "?e=1"; here there is no list to go back to.
            return self.export_refused([gettext("A filter has a value the list does not offer.")])
        problems = self.export_problems(changelist)
        if problems:
            return self.export_refused(problems)
        # As the list made it: get_queryset() again would read the filters' choices again.
        queryset = changelist.queryset
        filename = self.export_file_name(request, changelist)
        headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
        if request.method == "HEAD":
            # The file's headers only (a link checker, a download manager): no record is
            # read, so nothing is logged.
            return HttpResponse(content_type=EXPORT_CONTENT_TYPE, headers=headers)
        # The list's own count, unless it stopped at its limit (LimitedCountPaginator).
        limited = getattr(changelist.paginator, "more", False)
        # Logged before the file is sent: a download broken off has read records too.
        entry = consent_access_logged(
            request=request,
            action=self.export_action,
            count=queryset.count() if limited else changelist.result_count,
            query=_logged_query(_list_query(request, changelist)),
        )
        return StreamingHttpResponse(
            self.export_rows(
                self.export_queryset(queryset, entry), delimiter=DELIMITERS[separator]
            ),
            content_type=EXPORT_CONTENT_TYPE,
            headers=headers,
        )

    def export_file_name(self, request, changelist):
        """The file's name: what it holds, the day it was made, then the days the list is
        narrowed to and "filtered" when other filters or a search narrow it, so that files of
        one list are told apart: "consent-records-2026-11-27-month-2026-11-filtered.csv".

        Made of fixed words and numbers only, never of what the address holds: nothing a
        header could be broken by, and ASCII, which every browser saves as it is.
        """
        period, period_parameters = _export_period(changelist)
        query = _list_query(request)
        for name in (ORDER_VAR, ALL_VAR, *period_parameters):
            # The same records in another order, or the days already named.
            query.pop(name, None)
        filtered = any(value.strip() for _name, values in query.lists() for value in values)
        parts = [
            self.export_filename,
            f"{timezone.localdate():%Y-%m-%d}",
            *([period] if period else []),
            *(["filtered"] if filtered else []),
        ]
        return "-".join(parts) + ".csv"

    def export_refused(self, problems):
        """A plain-text 400 naming what is wrong, never a page a download link would save.

        The list's own answer to bad filters (a redirect to it, or its page with a message)
        would be saved by the browser as the file ("download.html"), unread.
        """
        lines = [
            gettext("Nothing was exported: the list's filters are not valid."),
            *problems,
            gettext("Correct the filters on the list, then export again."),
        ]
        return HttpResponseBadRequest(
            "\n\n".join(str(line) for line in lines) + "\n",
            content_type="text/plain; charset=utf-8",
        )


def _export_period(changelist):
    """The days a list is narrowed to, for a file name ("days-2026-11-01-to-2026-11-30",
    "month-2026-11"), and the parameters that say so; (None, []) when no days are chosen."""
    for spec in changelist.filter_specs:
        if isinstance(spec, DateRangeFilter) and spec.used_parameters and not spec.errors:
            first = spec.form.cleaned_data.get("first")
            last = spec.form.cleaned_data.get("last")
            if first and first == last:
                period = f"day-{first.isoformat()}"
            elif first and last:
                period = f"days-{first.isoformat()}-to-{last.isoformat()}"
            elif first:
                period = f"days-from-{first.isoformat()}"
            else:
                period = f"days-to-{last.isoformat()}"
            return period, spec.expected_parameters()
    field = changelist.date_hierarchy
    if field:
        names = [f"{field}__{part}" for part in ("year", "month", "day")]
        year, month, day = (changelist.params.get(name) for name in names)
        # Numbers the list has read already (it refuses others); a day without its month is
        # left to "filtered".
        if year and month and day:
            return f"day-{int(year):04d}-{int(month):02d}-{int(day):02d}", names
        if year and month:
            return f"month-{int(year):04d}-{int(month):02d}", names
        if year and not day:
            return f"year-{int(year):04d}", names
    return None, []


def _list_query(request, changelist=None):
    """The list's filters and search in a request's query, without its page or its counts;
    with the ordering as `changelist`, the list made of the request, read it, when given."""
    query = request.GET.copy()
    query.pop(PAGE_VAR, None)
    query.pop(ERROR_FLAG, None)
    # "Show counts" shows the same records: no filter for a file's name or the access log.
    query.pop(IS_FACETS_VAR, None)
    if changelist is not None and ORDER_VAR in query:
        ordering = changelist.params.get(ORDER_VAR)
        if ordering:
            query[ORDER_VAR] = ordering
        else:
            # An ordering that names no column: the list's own order, as with none.
            query.pop(ORDER_VAR)
    return query


def _logged_query(query):
    """A list's query as the access log keeps it: its parameters sorted.

    The same filters and search in another order (the address as typed, or as the admin's
    links build it) are the same look-up, and read the same in the log.
    """
    return urlencode(sorted((key, value) for key, values in query.lists() for value in values))


@admin.register(ConsentRecord)
class ConsentRecordAdmin(CsvExportMixin, ReadOnlyAdmin):
    """Consent records for privacy officers: filterable, searchable, exportable, unchangeable."""

    # Compact enough for a 1280-pixel window with the admin's sidebar and filters beside it.
    list_display = [
        "recorded_at",
        "consent_id",
        "choice",
        "analytics",
        "source",
        "language_name",
        "version",
    ]
    list_filter = [
        ("created_at", SharedFacetsDateFilter),
        DateRangeFilter,
        ("choice", SharedFacetsChoicesFilter),
        CookieGroupFilter,
        ("source", SharedFacetsChoicesFilter),
        ("banner_version", AppliedRelatedFieldListFilter),
        LanguageFilter,
    ]
    list_select_related = ["banner_version"]
    # get_search_results() does the matching; these name the fields and show the search box.
    search_fields = ["consent_id", "previous_consent_id"]
    # Officers are told before they search that a search is a look-up the log keeps.
    search_help_text = format_lazy(
        "{} {}",
        _(
            "A consent ID or previous consent ID, whole or its beginning; a day (2026-11-01); "
            "or a banner version's digest, whole or its beginning of 8 characters or more."
        ),
        _("Your searches are logged in the access log, with your name and the term."),
    )
    date_hierarchy = "created_at"
    paginator = LimitedCountPaginator
    export_filename = "consent-records"
    export_action = AccessLogEntry.Action.EXPORTED_RECORDS
    # Read-only's page, with the visitor's consent history below the record.
    change_form_template = "admin/consent/consentrecord/change_form.html"
    # The total beside a filtered count would be a second count of every record.
    show_full_result_count = False
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "consent_id",
                    "previous_consent_link",
                    "recorded_at_exact",
                    "choice",
                    "group_answers",
                    "source",
                    "language_name",
                ]
            },
        ),
        (_("What the visitor was shown"), {"fields": ["banner_version", "banner_texts"]}),
    ]
    readonly_fields = [
        "consent_id",
        "previous_consent_link",
        "recorded_at_exact",
        "choice",
        "group_answers",
        "source",
        "language_name",
        "banner_version",
        "banner_texts",
    ]

    @admin.display(description=_("analytics"))
    def analytics(self, obj):
        answer = obj.groups.get(ANALYTICS_GROUP) if isinstance(obj.groups, dict) else None
        # No answer: a record from before the group existed.
        return boolean_icon(
            answer, yes=gettext("Accepted"), no=gettext("Declined"), unknown=gettext("No answer")
        )

    @admin.display(description=_("time"), ordering="created_at")
    def recorded_at(self, obj):
        return list_time(obj.created_at)

    @admin.display(description=_("time"))
    def recorded_at_exact(self, obj):
        return exact_time(obj.created_at)

    @admin.display(description=_("version"), ordering="banner_version")
    def version(self, obj):
        # Unlike the foreign key's own column, it may break between the date and the digest.
        return obj.banner_version.label

    @admin.display(description=_("language"), ordering="language")
    def language_name(self, obj):
        # Lower-case in Swedish ("svenska"), as the language names of the site's catalogue are.
        return dict(settings.LANGUAGES).get(obj.language, obj.language)

    @admin.display(description=_("cookie groups"))
    def group_answers(self, obj):
        if not isinstance(obj.groups, dict) or not obj.groups:
            return "–"
        # Each group by the name its version showed, in the admin's language; else its key.
        texts = obj.banner_version.texts
        shown = texts.get(get_language()) if isinstance(texts, dict) else None
        table = shown.get("cookie_table", []) if isinstance(shown, dict) else []
        names = {group["varname"]: group["name"] for group in table}
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}: {}</li>",
                (
                    (names.get(key) or key, gettext("accepted") if ok else gettext("declined"))
                    for key, ok in obj.groups.items()
                ),
            ),
        )

    @admin.display(description=_("previous consent ID"))
    def previous_consent_link(self, obj):
        if obj.previous_consent_id is None:
            return "–"
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        return format_html(
            '<a href="{}?q={}">{}</a>', url, obj.previous_consent_id, obj.previous_consent_id
        )

    @admin.display(description=_("banner and policy texts"))
    def banner_texts(self, obj):
        return banner_texts_html(obj.banner_version.texts)

    def get_changelist(self, request, **kwargs):
        return ConsentRecordChangeList

    def get_search_results(self, request, queryset, search_term):
        # Each kind of term is a range of an indexed column: a day is the records' times from
        # its local midnight to the next; a whole ID or its beginning is the range of IDs that
        # start with it, which the two columns' indexes serve on SQLite (text) and PostgreSQL
        # (uuid) alike (a part from the middle would need every record read); a digest's
        # beginning is the range of digests that start with it, in the versions' unique index,
        # and their records through the banner version's.
        typed = search_term.strip()
        if _DAY.fullmatch(typed):
            try:
                return queryset.filter(_day_records(date.fromisoformat(typed))), False
            except ValueError:
                # Shaped as a day but none (2026-02-30): not an ID either, whose first dash
                # comes after eight characters.
                return queryset.none(), False
        version = _VERSION_LABEL.fullmatch(typed.lower())
        if version:
            return queryset.filter(_digest_records(version["digest"])), False
        term = consent_id_search(search_term)
        if not term:
            return queryset, False
        if not _DIGEST_HEX.fullmatch(term):
            return queryset.none(), False
        found = Q()
        if _HEX.fullmatch(term):
            ids = (uuid.UUID(term.ljust(32, "0")), uuid.UUID(term.ljust(32, "f")))
            found |= Q(consent_id__range=ids) | Q(previous_consent_id__range=ids)
        if len(term) >= DIGEST_BEGINNING_MIN:
            found |= _digest_records(term)
        return queryset.filter(found), False

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "choices_chart": choices_chart(daily_choice_counts()),
        }
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        for error in date_range_errors(changelist):
            # Shown above the list as it renders, as the admin's own messages are.
            messages.error(request, error)
        # A HEAD request is sent the page's headers, none of the records: no look-up to log.
        searched = changelist is not None and changelist.query.strip()
        if response.status_code == 200 and searched and request.method != "HEAD":
            self.log_search(request, changelist)
        return response

    def log_search(self, request, changelist):
        """A search by consent ID is a look-up of a visitor's records: it is logged.

        The term is kept as typed, as the exports' are: the log is there to tell a visitor
        who read their records, and it is pruned on its own schedule. The count is the
        list's own (no query more), and says when it stopped at its limit.
        """
        whole_id = whole_consent_id(changelist.query)
        query = _list_query(request)
        for name in (ORDER_VAR, ALL_VAR):
            # The same records in another order, or on one page: the same search.
            query.pop(name, None)
        consent_search_logged(
            request=request,
            query=_logged_query(query),
            count=changelist.result_count,
            count_exceeded=changelist.paginator.more,
            consent_id=whole_id,
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            # The visitor's other records, read in one query however many there are.
            history = ConsentRecord.objects.chain_of(obj)
            for record in history.records:
                record.shown_at = exact_time(record.created_at)
            context["consent_history"] = history
            # The period the pruning keeps records for: the reason earlier ones may be gone.
            context["consent_retention_days"] = settings.NEWSROOM_CONSENT_RETENTION_DAYS
        return super().render_change_form(request, context, add, change, form_url, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        context = getattr(response, "context_data", {})
        record = context.get("original")
        if response.status_code == 200 and record is not None and request.method != "HEAD":
            # The page shows the record and the visitor's others: their reading is logged (it
            # cannot be changed here). A HEAD request is sent none of them.
            history = context.get("consent_history")
            consent_access_logged(
                request=request,
                action=AccessLogEntry.Action.VIEWED_RECORD,
                consent_id=record.consent_id,
                other_consent_ids=[
                    shown.consent_id
                    for shown in (history.records if history else [])
                    if shown.pk != record.pk
                ],
            )
        return response

    def export_problems(self, changelist):
        return date_range_errors(changelist)

    def export_rows(self, queryset, *, delimiter):
        return consent_records_csv(queryset, groups=optional_group_names(), delimiter=delimiter)


@admin.register(BannerVersion)
class BannerVersionAdmin(CsvExportMixin, ReadOnlyAdmin):
    """The stored banner and policy texts that consent records point to, exportable."""

    list_display = ["label", "digest", "first_answered"]
    # get_search_results() does the matching; this names the field and shows the search box.
    search_fields = ["^digest"]
    search_help_text = _(
        "A digest, whole or its beginning of 8 characters or more, or a version as the lists "
        "name it: 2026-11-01 (4d96d20f)."
    )
    export_filename = "banner-versions"
    export_action = AccessLogEntry.Action.EXPORTED_VERSIONS
    # As the other consent lists, counted once a view (CountedOnceChangeList).
    show_full_result_count = False
    # The time to the second and its zone, as a record's page gives the record's.
    fields = ["digest", "first_answered_exact", "texts_shown"]
    readonly_fields = ["digest", "first_answered_exact", "texts_shown"]

    def get_changelist(self, request, **kwargs):
        return CountedOnceChangeList

    @admin.display(description=_("banner version"), ordering="created_at")
    def label(self, obj):
        return obj.label

    @admin.display(
        description=BannerVersion._meta.get_field("created_at").verbose_name,
        ordering="created_at",
    )
    def first_answered(self, obj):
        return list_time(obj.created_at)

    @admin.display(description=BannerVersion._meta.get_field("created_at").verbose_name)
    def first_answered_exact(self, obj):
        return exact_time(obj.created_at)

    @admin.display(description=_("banner and policy texts"))
    def texts_shown(self, obj):
        return banner_texts_html(obj.texts)

    def get_search_results(self, request, queryset, search_term):
        # A label copied from a record's row or page is its digest's beginning, not two words
        # the digest should each begin with. A beginning as long as the record list takes.
        typed = search_term.strip().lower()
        if not typed:
            return queryset, False
        label = _VERSION_LABEL.fullmatch(typed)
        digest = label["digest"] if label else typed
        if len(digest) < DIGEST_BEGINNING_MIN or not _DIGEST_HEX.fullmatch(digest):
            return queryset.none(), False
        return queryset.filter(digest__range=_digest_range(digest)), False

    def export_rows(self, queryset, *, delimiter):
        return banner_versions_csv(queryset, delimiter=delimiter)


# The characters of a logged search the access log's list shows (the entry's page has all).
QUERY_LISTED_CHARS = 100


# The parameter of the record list's banner version filter: a version's key.
VERSION_PARAMETER = "banner_version__id__exact"


# A logged list query's parameters, named as the list's filters name them (see readable_query).
LOGGED_PARAMETERS = {
    "q": _("search"),
    "created_at__from": _("First day"),
    "created_at__to": _("Last day"),
    "created_at__gte": _("time from"),
    "created_at__lt": _("time before"),
    "created_at__year": _("year"),
    "created_at__month": _("month"),
    "created_at__day": _("day"),
    "choice__exact": _("choice"),
    "group": _("cookie group"),
    "source__exact": _("source"),
    VERSION_PARAMETER: _("banner version"),
    "language": _("language"),
    "action__exact": _("action"),
    ORDER_VAR: _("order"),
}


def ordering_words(value, list_admin):
    """A list's ordering parameter ("-0.6") in the words of its column headings: "Time
    (descending), Version (ascending)". As given when `list_admin`, the admin of the list the
    query was made on, is not known, or the value names no column of its list."""
    if list_admin is None:
        return value
    columns = []
    for part in value.split("."):
        # As Django's ChangeList.get_ordering() reads it.
        _none, minus, index = part.rpartition("-")
        try:
            name = list_admin.list_display[int(index)]
        except (IndexError, ValueError):
            return value
        column = capfirst(label_for_field(name, list_admin.model, list_admin))
        if minus:
            columns.append(gettext("%(column)s (descending)") % {"column": column})
        else:
            columns.append(gettext("%(column)s (ascending)") % {"column": column})
    return ", ".join(columns)


# The list whose query each action logs: an ordering numbers that list's columns.
LISTS_LOGGED = {
    AccessLogEntry.Action.EXPORTED_RECORDS: ConsentRecord,
    AccessLogEntry.Action.SEARCHED_RECORDS: ConsentRecord,
    AccessLogEntry.Action.EXPORTED_VERSIONS: BannerVersion,
    AccessLogEntry.Action.EXPORTED_ACCESS_LOG: AccessLogEntry,
}


def readable_query(query, *, versions=None, groups=None, list_admin=None):
    """A logged list query in the admin's words: "Val: Accepterat; Första dag: 2026-11-01".

    The log keeps the query as the address gave it (its searches are found there); read as
    "choice__exact=accepted&created_at__from=…" it names the filters in the code's words. A
    parameter of no known name keeps its own; a command's options are shown as they are.
    `versions` are the labels of the banner versions the query may name, by their keys as
    text (banner_version_labels); a version not among them is named by its key. `groups` are
    the names of the cookie groups it may filter by (cookie_group_names); a group not among
    them (deleted since) is named by its variable name. `list_admin` is the admin of the list
    the query was made on, whose columns an ordering numbers (ordering_words).
    """
    pairs = parse_qsl(query, keep_blank_values=True)
    if not pairs or "=" not in query or " " in query:
        return unquote_plus(query)
    values = {
        "choice__exact": dict(ConsentRecord.Choice.choices),
        "source__exact": dict(ConsentRecord.Source.choices),
        "language": dict(settings.LANGUAGES),
        "action__exact": dict(AccessLogEntry.Action.choices),
        VERSION_PARAMETER: versions or {},
    }

    def worded(key, value):
        if key == "group":
            return _group_answer(value, groups or {})
        if key == ORDER_VAR:
            return ordering_words(value, list_admin)
        return values.get(key, {}).get(value, value)

    return "; ".join(
        f"{capfirst(LOGGED_PARAMETERS.get(key, key))}: {worded(key, value)}"
        for key, value in pairs
        # Shown counts: logged before exports and searches left them out (_list_query).
        if key != IS_FACETS_VAR
    )


def _group_answer(value, groups):
    """A cookie group filter's value ("analytics:accepted") as the filter words it ("Analys:
    accepterat"), the group named as in `groups`, or by its variable name."""
    varname, _colon, answer = value.rpartition(":")
    names = groups.get(varname)
    group = cookie_group_label(varname, *names) if names else varname
    if answer == "accepted":
        return gettext("%(group)s: accepted") % {"group": group}
    if answer == "declined":
        return gettext("%(group)s: declined") % {"group": group}
    return value


def cookie_group_names(queries):
    """The names (Swedish and English) of the cookie groups logged queries filter by, by
    their variable names: one query, or none when no query filters by a group; of every group
    when `queries` is None. Names rather than labels: an export words them later."""
    found = CookieGroup.objects.order_by()
    if queries is not None:
        varnames = {
            value.rpartition(":")[0]
            for query in queries
            for key, value in parse_qsl(query or "", keep_blank_values=True)
            if key == "group"
        }
        if not varnames:
            return {}
        found = found.filter(varname__in=varnames)
    return {
        varname: (name, name_en)
        for varname, name, name_en in found.values_list("varname", "name", "text__name_en")
    }


def banner_version_labels(queries):
    """The labels of the banner versions logged queries name, by their keys as text: one
    query, or none when no query names a version; of every version when `queries` is None."""
    if queries is None:
        found = BannerVersion.objects.only("digest", "created_at").order_by()
        return {str(version.pk): version.label for version in found}
    keys = {
        int(value)
        for query in queries
        for key, value in parse_qsl(query or "", keep_blank_values=True)
        # A key the database can hold: a longer number would overflow SQLite's integers.
        if key == VERSION_PARAMETER and re.fullmatch(r"[0-9]{1,18}", value)
    }
    if not keys:
        return {}
    found = BannerVersion.objects.filter(pk__in=keys).only("digest", "created_at")
    return {str(version.pk): version.label for version in found}


def _record_search_link(consent_id):
    """A link to the record list searched for `consent_id`.

    A search rather than the record's page: the record may have been pruned since.
    """
    url = reverse("admin:consent_consentrecord_changelist")
    return format_html('<a href="{}?q={}">{}</a>', url, consent_id, consent_id)


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(CsvExportMixin, ReadOnlyAdmin):
    """Who opened, searched or exported consent data: readable, exportable, never changed."""

    list_display = ["logged_at", "username", "action", "record", "count_shown", "query_shown"]
    # A range of days as the record list's: "who read records in October" is a regulator's
    # question, which the time filter's fixed periods do not answer.
    list_filter = [
        ("action", SharedFacetsChoicesFilter),
        ("created_at", SharedFacetsDateFilter),
        DateRangeFilter,
    ]
    search_fields = ["username__unicode_icontains"]
    # Empty fields (a user name the export command could not tell) show the display
    # methods' "–", not Django's "-".
    empty_value_display = "–"
    search_help_text = _(
        "A user name, whole or in part, or a consent ID, whole or its beginning (8 characters "
        "or more): who opened, searched for or exported that visitor's records."
    )
    # The entry's page gives its time in full, the list as the other consent lists do, and
    # the filters and search whole.
    fields = ["logged_at_exact", *list_display[1:-1], "query_whole", "other_records"]
    readonly_fields = fields
    export_filename = "access-log"
    export_action = AccessLogEntry.Action.EXPORTED_ACCESS_LOG
    # As the record list's: a filtered count says "Show all" rather than a second count of
    # every entry (CountedOnceChangeList).
    show_full_result_count = False

    def get_changelist(self, request, **kwargs):
        return CountedOnceChangeList

    def changelist_view(self, request, extra_context=None):
        # A log is read, not an entry chosen from it ("Select access log entry to view").
        extra_context = {"title": capfirst(gettext("access log")), **(extra_context or {})}
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        for error in date_range_errors(changelist):
            messages.error(request, error)
        if changelist is not None:
            # The page's entries, read as its rows would read them, given the labels of the
            # banner versions they name, all in one query.
            queries = [entry.query for entry in changelist.result_list]
            labels = banner_version_labels(queries)
            groups = cookie_group_names(queries)
            for entry in changelist.result_list:
                entry.version_labels = labels
                entry.group_names = groups
        return response

    def get_search_results(self, request, queryset, search_term):
        # Searching the log is not logged: it reads who looked up records, not the records.
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        beginning = consent_id_beginning(search_term)
        if beginning is None:
            return found, may_have_duplicates
        # The record opened, or searched for whole, is in consent_id; the visitor's others
        # its page showed are in other_consent_ids; any other search or export that named the
        # ID, as typed (dashes anywhere, any case, more words), or its beginning, is in the
        # list's query. Those texts have no index, so an index on consent_id would not be
        # used either: this reads every entry, as the search by user name does. The log holds
        # a few entries per officer and day, kept NEWSROOM_CONSENT_ACCESS_LOG_DAYS. Each entry
        # is read with plain text matching: the regular expression, the slow part, only reads
        # the queries that hold the ID's first characters, which each query it finds holds.
        ids = (uuid.UUID(beginning.ljust(32, "0")), uuid.UUID(beginning.ljust(32, "f")))
        bare_query = Replace("query", Value("-"), output_field=TextField())
        named_in_query = Q(IContains(bare_query, beginning[:ID_BEGINNING_MIN])) & Q(
            IRegex(bare_query, logged_search_pattern(beginning))
        )
        # other_consent_ids is read as its JSON text: each ID after a quote, as str(UUID)
        # writes it (services.consent_access_logged), lowercase with its dashes.
        shown_with_another = Contains(
            Cast("other_consent_ids", TextField()), f'"{dashed_id_beginning(beginning)}'
        )
        named = queryset.filter(Q(consent_id__range=ids) | named_in_query | Q(shown_with_another))
        return found | named, may_have_duplicates

    def export_problems(self, changelist):
        return date_range_errors(changelist)

    def export_queryset(self, queryset, entry):
        # The file holds the list as it was counted: not the entry that logs the export.
        return queryset.exclude(pk=entry.pk)

    def export_rows(self, queryset, *, delimiter):
        # Every version's label, read once: there are a few, one per wording.
        versions = banner_version_labels(None)
        groups = cookie_group_names(None)

        def describe(query, action):
            return readable_query(
                query, versions=versions, groups=groups, list_admin=self.logged_list_admin(action)
            )

        return access_log_csv(queryset, describe_query=describe, delimiter=delimiter)

    @admin.display(
        description=AccessLogEntry._meta.get_field("created_at").verbose_name,
        ordering="created_at",
    )
    def logged_at(self, obj):
        return list_time(obj.created_at)

    @admin.display(description=AccessLogEntry._meta.get_field("created_at").verbose_name)
    def logged_at_exact(self, obj):
        # To the second, as the export and the records' pages give times: a visitor's records
        # read seconds before or after a withdrawal must not read as read at the same time.
        return exact_time(obj.created_at)

    @admin.display(description=_("consent record"))
    def record(self, obj):
        if obj.consent_id is None:
            return "–"
        link = _record_search_link(obj.consent_id)
        if not obj.other_consent_ids:
            return link
        others = len(obj.other_consent_ids)
        return format_html(
            "{}<br>{}",
            link,
            ngettext(
                "and %(count)s other record of the visitor",
                "and %(count)s other records of the visitor",
                others,
            )
            % {"count": grouped(others)},
        )

    @admin.display(description=_("other records shown"))
    def other_records(self, obj):
        if not obj.other_consent_ids:
            return "–"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "", "<li>{}</li>", ((_record_search_link(id),) for id in obj.other_consent_ids)
            ),
        )

    @admin.display(description=_("number of records"), ordering="count")
    def count_shown(self, obj):
        if obj.count is None:
            return "–"
        if obj.count_exceeded:
            # As the searched list itself said it.
            return gettext("More than %(limit)s results") % {"limit": grouped(obj.count)}
        return grouped(obj.count)

    @admin.display(description=_("filters and search"))
    def query_shown(self, obj):
        # Its beginning: a long search (an ID pasted over and over) would make every row tall.
        # The entry's page, linked from the row, gives it whole.
        return Truncator(self.query_whole(obj)).chars(QUERY_LISTED_CHARS)

    @admin.display(description=_("filters and search"))
    def query_whole(self, obj):
        if not obj.query:
            return "–"
        # The list's entries have their versions' labels (changelist_view); an entry's page
        # reads its own.
        versions = getattr(obj, "version_labels", None)
        if versions is None:
            versions = banner_version_labels([obj.query])
        groups = getattr(obj, "group_names", None)
        if groups is None:
            groups = cookie_group_names([obj.query])
        list_admin = self.logged_list_admin(obj.action)
        query = readable_query(obj.query, versions=versions, groups=groups, list_admin=list_admin)
        return query or "–"

    def logged_list_admin(self, action):
        """The admin of the list whose query an action logs (its columns number an ordering)."""
        if action not in LISTS_LOGGED:
            return None
        return self.admin_site.get_model_admin(LISTS_LOGGED[action])


# The package's cookie admins, replaced by ones that edit the English texts and details too,
# of proxies that are named in lower case ("Välj cookiegrupp att ändra", "5 cookies").
admin.site.unregister(CookieGroup)
admin.site.unregister(Cookie)


class CookieGroupTextInline(admin.StackedInline):
    model = CookieGroupText
    can_delete = False
    formfield_overrides = TEXT_AREAS


class CookieDetailInline(admin.StackedInline):
    model = CookieDetail
    can_delete = False
    formfield_overrides = TEXT_AREAS


class CookieGroupTypeFilter(OfferedValuesFilter):
    """Required or optional cookie groups, in words that fit the filter's "By …" heading.

    Django's filter of the field would be titled by the package's field name ("På
    Nödvändig", "By Is required") and offer "Yes" and "No".
    """

    title = pgettext_lazy("cookie groups", "type")
    # The address Django's filter of the field used, kept for links and bookmarks.
    parameter_name = "is_required__exact"

    def lookups(self, request, model_admin):
        return [
            ("1", pgettext_lazy("cookie groups", "Required")),
            ("0", pgettext_lazy("cookie groups", "Optional")),
        ]

    def condition(self, value):
        return Q(is_required=value == "1")


class CookieGroupListFilter(admin.RelatedFieldListFilter):
    """Cookies by their group, titled in lower case: the package's "Cookie Group" is not.

    Each group is named in the admin's language, as the record list's filter names it: the
    package's name is the Swedish one.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = gettext("cookie group")

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        groups = CookieGroup.objects.order_by(*ordering) if ordering else CookieGroup.objects
        return [
            (pk, cookie_group_label(varname, name, name_en))
            for pk, varname, name, name_en in groups.values_list(
                "pk", "varname", "name", "text__name_en"
            )
        ]


class CookieTableAdminMixin:
    """Says above the form that a change is a new consent version, asking every visitor again.

    The cookie table is part of what visitors consent to (consent.texts): a typo fixed in a
    description brings the banner back to everyone, and the officer should know before saving.
    """

    def get_fieldsets(self, request, obj=None):
        return [
            (
                None,
                {
                    "fields": self.get_fields(request, obj),
                    "description": gettext(
                        "This is shown in the privacy policy's cookie table, which is part of "
                        "what visitors consent to: after a change to it, every visitor is "
                        "asked again."
                    ),
                },
            )
        ]


@admin.register(SiteCookieGroup)
class CookieGroupAdmin(
    GuardedAdminMixin,
    CookieTableAdminMixin,
    PurgesPageCacheAdminMixin,
    admin.ModelAdmin,
):
    """Cookie groups with their English texts and the cookies in them."""

    list_display = ["varname", "name", "name_en", "required", "cookie_names"]
    list_filter = [CookieGroupTypeFilter]
    list_select_related = ["text"]
    search_fields = [
        "varname__unicode_icontains",
        "name__unicode_icontains",
        "text__name_en__unicode_icontains",
    ]
    form = CookieGroupForm
    # In this order also when the variable name is read-only (get_readonly_fields).
    fields = [
        "varname",
        "name",
        "description",
        "is_required",
        "is_deletable",
        "ordering",
        "cookie_links",
    ]
    readonly_fields = ["cookie_links"]
    inlines = [CookieGroupTextInline]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if obj is None:
            return readonly
        # Records keep each group's answer under its variable name, and the site looks for
        # "analytics" (services.ANALYTICS_GROUP): renamed, the group's records before and after
        # would be two groups to the filters and the export, and analytics would never start.
        return [*readonly, "varname"]

    def get_queryset(self, request):
        cookies = Prefetch("cookie_set", queryset=Cookie.objects.order_by("name"))
        return super().get_queryset(request).prefetch_related(cookies)

    @admin.display(description=_("name in English"), ordering="text__name_en")
    def name_en(self, obj):
        text = getattr(obj, "text", None)
        return text.name_en if text else "–"

    @admin.display(
        description=CookieGroup._meta.get_field("is_required").verbose_name,
        ordering="is_required",
    )
    def required(self, obj):
        return boolean_icon(obj.is_required)

    @admin.display(description=_("cookies"))
    def cookie_names(self, obj):
        return ", ".join(cookie.name for cookie in obj.cookie_set.all()) or "–"

    @admin.display(description=_("cookies"))
    def cookie_links(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        cookies = obj.cookie_set.all()
        if not cookies:
            return "–"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a></li>',
                (
                    (reverse("admin:consent_sitecookie_change", args=[cookie.pk]), cookie.name)
                    for cookie in cookies
                ),
            ),
        )


@admin.register(SiteCookie)
class CookieAdmin(
    GuardedAdminMixin,
    CookieTableAdminMixin,
    PurgesPageCacheAdminMixin,
    admin.ModelAdmin,
):
    """Cookies with the details the privacy policy's cookie table shows."""

    list_display = ["name", "group_shown", "domain_shown", "path", "lifetime", "first_party"]
    list_filter = [("cookiegroup", CookieGroupListFilter)]
    list_select_related = ["cookiegroup__text", "detail"]
    search_fields = [
        "name__unicode_icontains",
        "domain__unicode_icontains",
        "cookiegroup__varname__unicode_icontains",
        "cookiegroup__name__unicode_icontains",
    ]
    form = CookieForm
    inlines = [CookieDetailInline]

    @admin.display(description=_("cookie group"), ordering="cookiegroup")
    def group_shown(self, obj):
        group = obj.cookiegroup
        text = getattr(group, "text", None)
        return cookie_group_label(group.varname, group.name, text.name_en if text else "")

    @admin.display(description=Cookie._meta.get_field("domain").verbose_name, ordering="domain")
    def domain_shown(self, obj):
        # No domain: the browser sends the cookie to the host that set it, this site, only.
        return obj.domain or gettext("this site")

    @admin.display(description=_("lifetime"))
    def lifetime(self, obj):
        detail = getattr(obj, "detail", None)
        return detail.lifetime if detail else "–"

    @admin.display(description=_("first party"))
    def first_party(self, obj):
        detail = getattr(obj, "detail", None)
        # Unknown: a cookie whose details nobody has filled in yet.
        return boolean_icon(detail.first_party if detail else None)
