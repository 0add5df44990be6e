import uuid
from datetime import timedelta
from unittest import mock

import time_machine
from django.core import signing
from django.test import RequestFactory, SimpleTestCase, TestCase
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from consent.models import ConsentRecord
from consent.services import (
    SIGNING_SALT,
    Status,
    banner_version_for,
    consent_cookie_set,
    consent_record,
    consent_state,
)
from consent.texts import current_digest

factory = RequestFactory()


def request_with(cookie=None, **headers):
    request = factory.get("/sv/", headers=headers)
    if cookie is not None:
        request.COOKIES["nr_consent"] = cookie
    return request


class ConsentStateFuzzTests(SimpleTestCase):
    @given(st.text(max_size=300))
    def test_arbitrary_cookie_text_is_never_read_as_accepted(self, value):
        state = consent_state(request_with(value))
        self.assertEqual(state.status, Status.UNDECIDED)
        self.assertFalse(state.analytics_allowed)

    @given(
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=20),
            lambda children: (
                st.lists(children, max_size=4)
                | st.dictionaries(st.text(max_size=5), children, max_size=4)
            ),
            max_leaves=10,
        )
    )
    def test_signed_payloads_of_the_wrong_shape_are_undecided(self, payload):
        cookie = signing.dumps(payload, salt=SIGNING_SALT)
        self.assertEqual(consent_state(request_with(cookie)).status, Status.UNDECIDED)

    @given(st.binary(max_size=200))
    def test_a_cookie_signed_with_another_key_is_undecided(self, noise):
        payload = {"v": "a" * 64, "id": uuid.uuid4().hex, "g": ["analytics"]}
        cookie = signing.dumps(payload, key="another-key-" + noise.hex(), salt=SIGNING_SALT)
        # The current version, without the database (its cookie table) that this class lacks.
        with mock.patch("consent.services.current_digest", return_value=payload["v"]):
            self.assertEqual(consent_state(request_with(cookie)).status, Status.UNDECIDED)

    def test_gpc_header_marks_an_undecided_visitor(self):
        state = consent_state(request_with(**{"Sec-GPC": "1"}))
        self.assertTrue(state.gpc)
        self.assertEqual(state.cache_key, "gpc")
        self.assertFalse(state.analytics_allowed)


class ConsentRecordTests(TestCase):
    def test_record_then_cookie_round_trips_to_the_same_state(self):
        version = banner_version_for(current_digest())
        request = request_with()
        record = consent_record(
            request=request,
            accept=True,
            groups=["analytics"],
            source=ConsentRecord.Source.BANNER_JS,
            banner_version=version,
        )
        from django.http import HttpResponse

        response = HttpResponse()
        consent_cookie_set(response, record=record)
        state = consent_state(request_with(response.cookies["nr_consent"].value))
        self.assertEqual(state.status, Status.ACCEPTED)
        self.assertEqual(state.consent_id, record.consent_id)
        self.assertTrue(state.analytics_allowed)
        self.assertEqual(state.cache_key, "accepted")

    def test_a_record_holds_no_ip_address_or_user_agent(self):
        version = banner_version_for(current_digest())
        request = factory.get(
            "/sv/", REMOTE_ADDR="203.0.113.7", headers={"User-Agent": "Mozilla/5.0 Special"}
        )
        record = consent_record(
            request=request,
            accept=False,
            groups=[],
            source=ConsentRecord.Source.BANNER_NO_JS,
            banner_version=version,
        )
        stored = " ".join(
            str(value)
            for value in ConsentRecord.objects.filter(pk=record.pk).values().get().values()
        )
        self.assertNotIn("203.0.113.7", stored)
        self.assertNotIn("Mozilla", stored)

    def test_only_the_current_or_a_stored_banner_version_is_known(self):
        self.assertIsNotNone(banner_version_for(current_digest()))
        self.assertIsNone(banner_version_for("0" * 64))

    def test_an_outdated_or_expired_cookie_still_links_the_new_record_to_the_visitors_last(self):
        # The chain of proof runs through consent IDs: an answer to a new wording, or after
        # the consent ran out, is still the same visitor's next decision.
        version = banner_version_for(current_digest())
        earlier = uuid.uuid4()
        outdated = signing.dumps(
            {"v": "0" * 12, "id": str(earlier), "g": ["analytics"]}, salt=SIGNING_SALT
        )
        with time_machine.travel(timezone.now() - timedelta(days=400)):
            expired = signing.dumps(
                {"v": current_digest(), "id": str(earlier), "g": ["analytics"]}, salt=SIGNING_SALT
            )
        forged = signing.dumps(
            {"v": current_digest(), "id": str(earlier), "g": []}, key="x" * 50, salt=SIGNING_SALT
        )
        for name, cookie, linked in [
            ("outdated", outdated, earlier),
            ("expired", expired, earlier),
            ("forged", forged, None),
            ("malformed", "not-a-cookie", None),
        ]:
            with self.subTest(name):
                request = request_with(cookie)
                self.assertEqual(consent_state(request).status, Status.UNDECIDED)
                record = consent_record(
                    request=request,
                    accept=False,
                    groups=[],
                    source=ConsentRecord.Source.BANNER_JS,
                    banner_version=version,
                )
                self.assertEqual(record.previous_consent_id, linked)
                # Not in force, so not withdrawn: the analytics had already stopped.
                self.assertEqual(record.choice, ConsentRecord.Choice.DECLINED)
