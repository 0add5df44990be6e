import uuid
from dataclasses import dataclass

from cookie_consent.models import Cookie, CookieGroup
from django.conf import settings
from django.db import connections, models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from newsroom.validators import validate_plain_text, validate_reader_text


class BannerVersion(models.Model):
    """The exact texts a visitor was shown (banner, privacy policy, cookie table), kept as proof."""

    digest = models.CharField(_("digest"), max_length=64, unique=True, editable=False)
    texts = models.JSONField(
        _("texts"),
        editable=False,
        help_text=_(
            "The banner, Cookie settings page and privacy policy texts and the cookie table "
            "of this version, per language."
        ),
    )
    # Stored when the first visitor answers it (services.banner_version_for), not when it is
    # first shown: pages never write.
    created_at = models.DateTimeField(_("first answered"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("banner version")
        verbose_name_plural = _("banner versions")

    def __str__(self):
        return self.label

    @property
    def label(self):
        # The local day, as the record list's times and filters read it: in UTC a version
        # first answered late in the evening would be named by the day before.
        return f"{timezone.localdate(self.created_at):%Y-%m-%d} ({self.digest[:8]})"


# A visitor's history shows this many of their records at most, those nearest the one asked for.
CONSENT_HISTORY_LIMIT = 100


@dataclass(frozen=True)
class ConsentChain:
    """A visitor's records, oldest first, each with its `chain_step` from the one asked for
    (-1 the record it replaced, 1 the one that replaced it); `more` when the visitor has more
    than these `limit` records; `earlier_deleted` when the oldest of them replaced a record
    that is no longer kept (pruned after the retention period)."""

    records: list
    more: bool
    limit: int
    earlier_deleted: bool = False


# Each side of the chain is followed up to `limit` steps, each record once (`path` holds the
# keys passed, so a chain that loops ends), and the `limit` + 1 records nearest the one asked
# for are kept (one more says there are more), each with whether the record it replaced is
# gone (a look-up in the consent IDs' unique index). Written for SQLite and PostgreSQL alike:
# a recursive CTE, CAST, || and LIKE; no CYCLE clause or arrays, which SQLite lacks.
_CHAIN_SQL = """
WITH RECURSIVE
earlier (id, previous_consent_id, step, path) AS (
    SELECT {id}, {previous}, 0, CAST(',' || CAST({id} AS TEXT) || ',' AS TEXT)
    FROM {table} WHERE {id} = %s
    UNION ALL
    SELECT r.{id}, r.{previous}, e.step - 1, e.path || CAST(r.{id} AS TEXT) || ','
    FROM {table} r JOIN earlier e ON r.{consent_id} = e.previous_consent_id
    WHERE e.step > -%s AND e.path NOT LIKE '%%,' || CAST(r.{id} AS TEXT) || ',%%'
),
later (id, consent_id, step, path) AS (
    SELECT {id}, {consent_id}, 0, CAST(',' || CAST({id} AS TEXT) || ',' AS TEXT)
    FROM {table} WHERE {id} = %s
    UNION ALL
    SELECT r.{id}, r.{consent_id}, l.step + 1, l.path || CAST(r.{id} AS TEXT) || ','
    FROM {table} r JOIN later l ON r.{previous} = l.consent_id
    WHERE l.step < %s AND l.path NOT LIKE '%%,' || CAST(r.{id} AS TEXT) || ',%%'
),
steps (id, step) AS (
    SELECT id, step FROM earlier UNION ALL SELECT id, step FROM later
),
nearest (id, distance, step) AS (
    SELECT id, MIN(ABS(step)), MIN(step) FROM steps GROUP BY id
)
SELECT r.*, n.step AS chain_step,
    r.{previous} IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM {table} p WHERE p.{consent_id} = r.{previous}
    ) AS previous_deleted
FROM {table} r JOIN nearest n ON n.id = r.{id}
ORDER BY n.distance, r.{created_at}, r.{id}
LIMIT %s
"""


class ConsentRecordQuerySet(models.QuerySet):
    def chain_of(self, record, *, limit=None):
        """The visitor's records before and after `record`, itself included: one query."""
        if limit is None:
            limit = CONSENT_HISTORY_LIMIT
        opts = self.model._meta
        quote = connections[self.db].ops.quote_name
        sql = _CHAIN_SQL.format(
            table=quote(opts.db_table),
            **{
                name: quote(opts.get_field(field).column)
                for name, field in (
                    ("id", opts.pk.name),
                    ("consent_id", "consent_id"),
                    ("previous", "previous_consent_id"),
                    ("created_at", "created_at"),
                )
            },
        )
        found = list(self.raw(sql, [record.pk, limit, record.pk, limit, limit + 1]))
        nearest = sorted(found[:limit], key=lambda r: (r.chain_step, r.created_at, r.pk))
        return ConsentChain(
            records=nearest,
            more=len(found) > limit,
            limit=limit,
            # The oldest shown replaced a record that is gone, not one left out for the limit.
            earlier_deleted=bool(nearest and nearest[0].previous_deleted),
        )


class ConsentRecord(models.Model):
    """One accept, decline or withdrawal, appended and never changed."""

    class Choice(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Source(models.TextChoices):
        BANNER_JS = "banner-js", _("Banner (with JavaScript)")
        BANNER_NO_JS = "banner-nojs", _("Banner (without JavaScript)")
        SETTINGS = "settings", _("Cookie settings page")
        GPC = "gpc", _("Global Privacy Control")

    consent_id = models.UUIDField(_("consent ID"), default=uuid.uuid4, unique=True, editable=False)
    previous_consent_id = models.UUIDField(
        _("previous consent ID"), null=True, blank=True, db_index=True, editable=False
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    choice = models.CharField(_("choice"), max_length=10, choices=Choice.choices)
    # Cookie group variable names and whether each was accepted. Kept as data, not as foreign
    # keys, so that a record outlives the deletion of a cookie group.
    groups = models.JSONField(_("cookie groups"))
    banner_version = models.ForeignKey(
        BannerVersion,
        verbose_name=_("banner version"),
        on_delete=models.PROTECT,
        related_name="records",
    )
    language = models.CharField(_("language"), max_length=8)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        indexes = [models.Index(fields=["choice", "created_at"])]

    def __str__(self):
        return str(self.consent_id)


class SiteCookieGroup(CookieGroup):
    """The package's cookie group, named in lower case as the admin's sentences need it."""

    class Meta:
        proxy = True
        verbose_name = _("cookie group")
        verbose_name_plural = _("cookie groups")


class SiteCookie(Cookie):
    """The package's cookie, named in lower case and titled by its name in the admin."""

    class Meta:
        proxy = True
        verbose_name = _("cookie")
        verbose_name_plural = _("cookies")

    def __str__(self):
        # The package's "name domainpath" reads "nr_consent_state /" for this site's own.
        where = f"{self.domain}{self.path}" if self.domain or self.path not in ("", "/") else ""
        return f"{self.name} ({where})" if where else self.name


class CookieGroupText(models.Model):
    """The English name and description of a cookie group (the package's own fields hold Swedish)."""

    group = models.OneToOneField(
        CookieGroup, on_delete=models.CASCADE, primary_key=True, related_name="text"
    )
    name_en = models.CharField(
        _("name in English"), max_length=100, validators=[validate_reader_text, validate_plain_text]
    )
    description_en = models.TextField(
        _("description in English"),
        blank=True,
        validators=[validate_reader_text, validate_plain_text],
    )

    class Meta:
        verbose_name = _("English text")
        verbose_name_plural = _("English texts")

    def __str__(self):
        return self.name_en


class CookieDetail(models.Model):
    """What the privacy policy's cookie table says of a cookie beyond the package's fields."""

    cookie = models.OneToOneField(
        Cookie, on_delete=models.CASCADE, primary_key=True, related_name="detail"
    )
    purpose_en = models.TextField(
        _("purpose in English"), blank=True, validators=[validate_reader_text, validate_plain_text]
    )
    lifetime_sv = models.CharField(
        _("lifetime in Swedish"),
        max_length=60,
        validators=[validate_reader_text, validate_plain_text],
    )
    lifetime_en = models.CharField(
        _("lifetime in English"),
        max_length=60,
        validators=[validate_reader_text, validate_plain_text],
    )
    first_party = models.BooleanField(
        _("first party"), default=True, help_text=_("Set by this site rather than by another.")
    )

    class Meta:
        verbose_name = _("cookie details")
        verbose_name_plural = _("cookie details")

    def __str__(self):
        return self.cookie.name

    @property
    def lifetime(self):
        return self.lifetime_en if get_language() == "en" else self.lifetime_sv


class AccessLogEntry(models.Model):
    """Who opened, searched or exported consent data, and when; appended, never changed.

    Kept for accountability (GDPR Article 5(2)). Django's admin LogEntry records additions,
    changes and deletions of one object each, and is deleted with its user; reading and
    exporting are neither, and the log must outlive the officer's account. No IP address.
    """

    class Action(models.TextChoices):
        VIEWED_RECORD = "viewed-record", _("Opened a consent record")
        EXPORTED_RECORDS = "exported-records", _("Exported consent records")
        EXPORTED_VERSIONS = "exported-versions", _("Exported banner versions")
        SEARCHED_RECORDS = "searched-records", _("Searched consent records")
        EXPORTED_ACCESS_LOG = "exported-access-log", _("Exported the access log")

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    # The user's name is kept as it was: the entry outlives the account.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    username = models.CharField(_("user name"), max_length=150, blank=True, editable=False)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, editable=False)
    # The record opened (or the whole ID searched for): its ID, not a key, so that pruning
    # records leaves the log whole.
    consent_id = models.UUIDField(_("consent ID"), null=True, blank=True, editable=False)
    # The visitor's other records the opened record's page showed (its consent history), as
    # their IDs in the order shown: whoever opened one record read these too.
    other_consent_ids = models.JSONField(
        _("other records shown"), default=list, blank=True, editable=False
    )
    count = models.PositiveIntegerField(
        _("number of records"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Exported, or found by the search."),
    )
    # The record list counts up to a limit (consent.admin.COUNT_LIMIT): a search that found more
    # is logged with the limit and this set.
    count_exceeded = models.BooleanField(_("more than the number"), default=False, editable=False)
    query = models.TextField(
        _("filters and search"),
        blank=True,
        editable=False,
        help_text=_("The list's filters and search, as in its address, or the command's options."),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")
        # A user's latest entries: services.consent_search_logged looks for the same search.
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self):
        # The entry's page is titled by it: local time, as the log's list gives it, and the
        # action in the admin's language ("Sökte bland samtyckesposter"), not its stored code.
        who = f" {self.username}" if self.username else ""
        return f"{timezone.localtime(self.created_at):%Y-%m-%d %H:%M}{who}: {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Access log entries are appended, never changed.")
        super().save(*args, **kwargs)
