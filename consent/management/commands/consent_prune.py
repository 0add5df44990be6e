"""Delete consent records past their retention time, the banner versions left unused, and
access log entries past theirs."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Exists, OuterRef
from django.utils import timezone

from consent.checks import consent_lifetime_days
from consent.models import AccessLogEntry, BannerVersion, ConsentRecord
from consent.texts import current_digest

DEFAULT_RETENTION_DAYS = 396
BATCH_SIZE = 5000


class Command(BaseCommand):
    help = (
        "Delete consent records older than NEWSROOM_CONSENT_RETENTION_DAYS, then the banner "
        "versions no record refers to any more (never the current one), and access log "
        "entries older than NEWSROOM_CONSENT_ACCESS_LOG_DAYS."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            help="Keep records of this many days instead of NEWSROOM_CONSENT_RETENTION_DAYS.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted; delete nothing."
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        if days is None:
            days = getattr(settings, "NEWSROOM_CONSENT_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)
        # A choice is in force for the consent cookie's lifetime; its proof must outlive it.
        cookie_days = consent_lifetime_days()
        if days < cookie_days:
            raise CommandError(
                f"Refusing to keep records for {days} days: consent cookies last {cookie_days} "
                "days, and the proof of a choice still in force must be kept."
            )
        cutoff = days_ago(days, what="records")
        old_records = ConsentRecord.objects.filter(created_at__lt=cutoff)
        # Its own period, whatever --days says: the log is no consent record.
        access_days = settings.NEWSROOM_CONSENT_ACCESS_LOG_DAYS
        if access_days < 1:
            raise CommandError(
                f"Refusing to keep access log entries for {access_days} days: every entry "
                "would be deleted, the one just made too."
            )
        access_cutoff = days_ago(access_days, what="access log entries")
        old_entries = AccessLogEntry.objects.filter(created_at__lt=access_cutoff)
        if dry_run:
            records = old_records.count()
            versions = unused_versions(
                kept=ConsentRecord.objects.filter(created_at__gte=cutoff)
            ).count()
            self.stdout.write(
                f"Would delete {records} consent records from before {cutoff:%Y-%m-%d %H:%M} "
                f"UTC and {versions} unused banner versions, and {old_entries.count()} access "
                f"log entries from before {access_cutoff:%Y-%m-%d %H:%M} UTC."
            )
            return
        records = delete_in_batches(old_records)
        versions, _by_model = unused_versions(kept=ConsentRecord.objects.all()).delete()
        entries = delete_in_batches(old_entries)
        self.stdout.write(
            f"Deleted {records} consent records from before {cutoff:%Y-%m-%d %H:%M} UTC "
            f"and {versions} unused banner versions, and {entries} access log entries from "
            f"before {access_cutoff:%Y-%m-%d %H:%M} UTC."
        )


def days_ago(days, *, what):
    """The time `days` days ago, the start of what is kept; refused when before the year 1."""
    try:
        return timezone.now() - timedelta(days=days)
    except OverflowError:
        raise CommandError(
            f"Refusing to keep {what} for {days} days: that reaches back before the year 1."
        ) from None


def delete_in_batches(queryset):
    """Delete the rows of `queryset` a batch at a time: each transaction and lock stays short
    on a large table. Returns how many were deleted."""
    deleted = 0
    while batch := list(queryset.order_by().values_list("pk", flat=True)[:BATCH_SIZE]):
        count, _by_model = queryset.model.objects.filter(pk__in=batch).delete()
        deleted += count
    return deleted


def unused_versions(*, kept):
    """Banner versions that none of the `kept` records refers to, the current one excepted."""
    referred = kept.filter(banner_version=OuterRef("pk"))
    return BannerVersion.objects.exclude(digest=current_digest()).filter(~Exists(referred))
