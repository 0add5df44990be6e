import uuid
from datetime import UTC, datetime, timedelta

from django.test import TestCase

from consent.models import CONSENT_HISTORY_LIMIT, BannerVersion, ConsentRecord

START = datetime(2025, 6, 1, 12, tzinfo=UTC)


def make_chain(version, length, *, previous=None, start=START):
    """`length` records of one visitor, each replacing the one before, a day apart."""
    records = []
    for n in range(length):
        records.append(
            ConsentRecord(
                previous_consent_id=previous,
                choice=ConsentRecord.Choice.ACCEPTED if n % 2 else ConsentRecord.Choice.DECLINED,
                groups={"analytics": bool(n % 2)},
                banner_version=version,
                language="sv",
                source=ConsentRecord.Source.BANNER_JS,
            )
        )
        previous = records[-1].consent_id
    records = ConsentRecord.objects.bulk_create(records)
    for n, record in enumerate(records):
        record.created_at = start + timedelta(days=n)
    ConsentRecord.objects.bulk_update(records, ["created_at"])
    return records


def ids(chain):
    return [record.consent_id for record in chain.records]


class ChainOfTests(TestCase):
    """One visitor's records, each pointing to the one it replaced, found from any of them."""

    @classmethod
    def setUpTestData(cls):
        cls.version = BannerVersion.objects.create(digest="a" * 64, texts={})
        cls.chain = make_chain(cls.version, 5)
        # Another visitor's, and one who never came back.
        cls.other = make_chain(cls.version, 3)
        cls.single = make_chain(cls.version, 1)[0]

    def test_a_record_finds_its_visitors_records_before_and_after_it_oldest_first(self):
        for record in self.chain:
            with self.subTest(record=record.pk):
                chain = ConsentRecord.objects.chain_of(record)
                self.assertEqual(ids(chain), [r.consent_id for r in self.chain])
                self.assertFalse(chain.more)

    def test_a_record_that_replaced_none_and_was_not_replaced_is_alone(self):
        chain = ConsentRecord.objects.chain_of(self.single)
        self.assertEqual(ids(chain), [self.single.consent_id])
        self.assertFalse(chain.more)

    def test_the_records_are_whole_and_say_how_far_each_is_from_the_one_asked_for(self):
        chain = ConsentRecord.objects.chain_of(self.chain[1])
        self.assertEqual([record.chain_step for record in chain.records], [-1, 0, 1, 2, 3])
        first = chain.records[0]
        self.assertEqual(
            (first.choice, first.groups, first.banner_version_id, first.created_at),
            (ConsentRecord.Choice.DECLINED, {"analytics": False}, self.version.pk, START),
        )

    def test_a_chain_whose_first_records_were_pruned_starts_at_the_oldest_kept(self):
        pruned = uuid.uuid4()
        kept = make_chain(self.version, 2, previous=pruned)
        for record in kept:
            with self.subTest(record=record.pk):
                chain = ConsentRecord.objects.chain_of(record)
                self.assertEqual(ids(chain), [r.consent_id for r in kept])
                self.assertTrue(chain.earlier_deleted)

    def test_a_chain_that_begins_with_a_first_answer_had_nothing_deleted(self):
        for record in (self.chain[0], self.chain[3], self.single):
            with self.subTest(record=record.pk):
                self.assertFalse(ConsentRecord.objects.chain_of(record).earlier_deleted)

    def test_records_left_out_for_the_limit_are_not_called_deleted(self):
        # The oldest shown replaced one that is still kept, only not shown.
        pruned = uuid.uuid4()
        chain = make_chain(self.version, 6, previous=pruned)
        self.assertFalse(ConsentRecord.objects.chain_of(chain[-1], limit=3).earlier_deleted)
        # Left out after it, while the chain before it is whole back to its pruned start.
        found = ConsentRecord.objects.chain_of(chain[0], limit=3)
        self.assertTrue(found.more)
        self.assertTrue(found.earlier_deleted)

    def test_an_old_cookie_answered_twice_leads_to_both_later_records(self):
        # Two tabs answered with the same cookie: both records replaced the same one.
        first = make_chain(self.version, 2)
        branch = make_chain(
            self.version, 2, previous=first[0].consent_id, start=START + timedelta(hours=1)
        )
        chain = ConsentRecord.objects.chain_of(first[0])
        self.assertEqual(
            ids(chain),
            [first[0].consent_id, branch[0].consent_id, first[1].consent_id, branch[1].consent_id],
        )
        # From one branch, the records before it and after it: not the other branch.
        self.assertEqual(
            ids(ConsentRecord.objects.chain_of(branch[1])),
            [first[0].consent_id, branch[0].consent_id, branch[1].consent_id],
        )

    def test_a_long_chain_gives_the_records_nearest_the_one_asked_for_and_says_there_are_more(self):
        chain = make_chain(self.version, CONSENT_HISTORY_LIMIT + 30)
        found = ConsentRecord.objects.chain_of(chain[20])
        self.assertTrue(found.more)
        # The 20 before it and the 79 after it: the nearest on both sides, then only after.
        self.assertEqual(ids(found), [r.consent_id for r in chain[:CONSENT_HISTORY_LIMIT]])
        found = ConsentRecord.objects.chain_of(chain[-1], limit=10)
        self.assertEqual(ids(found), [r.consent_id for r in chain[-10:]])
        self.assertTrue(found.more)

    def test_a_chain_of_exactly_the_limit_is_whole(self):
        chain = make_chain(self.version, CONSENT_HISTORY_LIMIT)
        found = ConsentRecord.objects.chain_of(chain[50])
        self.assertEqual(ids(found), [r.consent_id for r in chain])
        self.assertFalse(found.more)

    def test_records_that_point_back_to_each_other_are_each_found_once(self):
        # Never made by the site (IDs are new and random), but a chain that loops must end.
        first, second = make_chain(self.version, 2)
        ConsentRecord.objects.filter(pk=first.pk).update(previous_consent_id=second.consent_id)
        looped = make_chain(self.version, 1)[0]
        ConsentRecord.objects.filter(pk=looped.pk).update(previous_consent_id=looped.consent_id)
        for record, expected in (
            (first, [first, second]),
            (second, [first, second]),
            (looped, [looped]),
        ):
            with self.subTest(record=record.pk):
                chain = ConsentRecord.objects.chain_of(record)
                # In either order: a loop has no first record.
                self.assertCountEqual(ids(chain), [r.consent_id for r in expected])
                self.assertFalse(chain.more)
                self.assertFalse(chain.earlier_deleted)

    def test_a_chain_is_read_in_one_query_however_long(self):
        long_chain = make_chain(self.version, 20)
        pruned = make_chain(self.version, 3, previous=uuid.uuid4())
        for record in (self.single, self.chain[2], long_chain[7], pruned[1]):
            with self.subTest(record=record.pk), self.assertNumQueries(1):
                chain = ConsentRecord.objects.chain_of(record)
                [(r.consent_id, r.choice, r.created_at, r.source) for r in chain.records]
                self.assertEqual(chain.earlier_deleted, record is pruned[1])
