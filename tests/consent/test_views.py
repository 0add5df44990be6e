import re
import uuid
from datetime import timedelta

import time_machine
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core import signing
from django.http import HttpResponse
from django.test import RequestFactory, TestCase, override_settings
from django.utils import timezone, translation
from django.utils.html import strip_tags

from consent import texts
from consent.models import BannerVersion, ConsentRecord
from consent.services import SIGNING_SALT
from consent.texts import current_digest
from tests.factories import make_article

CONSENT_URL = "/sv/samtycke/"
SETTINGS_SV = "/sv/cookieinstallningar/"


def status_shown(response):
    """What the settings page says of the visitor's analytics cookies."""
    shown = re.search(r"<dd data-consent-status>(.*?)</dd>", response.content.decode(), re.S)
    return shown[1].strip()


def saved_shown(response):
    """The settings page's confirmation of a saved choice: (its opening tag, its words), or None."""
    shown = re.search(r"(<[^>]*data-consent-saved[^>]*>)(.*?)</", response.content.decode(), re.S)
    return (shown[1], " ".join(shown[2].split())) if shown else None


def lifetime_shown(response, name):
    """The lifetime the privacy policy's cookie table gives the cookie with this name."""
    row = re.search(
        rf"<code>{name}</code></th>\s*<td>[^<]*</td>\s*<td>([^<]*)</td>", response.content.decode()
    )
    return row[1] if row else None


class ConsentPostMixin:
    def post_choice(self, choice, *, source="banner", next="/sv/", headers=None, **extra):
        data = {"choice": choice, "source": source, "banner": current_digest(), "next": next}
        data.update(extra)
        return self.client.post(CONSENT_URL, data, headers=headers or {})


class BannerTests(ConsentPostMixin, TestCase):
    def test_banner_is_shown_in_swedish_while_undecided(self):
        response = self.client.get("/sv/")
        self.assertContains(response, "Denna webbplats använder cookies")
        self.assertContains(
            response,
            "Vi använder cookies för analys för att förbättra vår webbplats. Läs vår "
            '<a href="/sv/integritetspolicy/">integritetspolicy</a> för mer information.',
        )
        self.assertContains(
            response,
            "Du kan när som helst ändra eller återkalla ditt samtycke via Cookieinställningar "
            "längst ned på varje sida.",
        )
        self.assertContains(
            response,
            '<button class="button" type="submit" name="choice" value="decline">Avböj</button>',
            html=True,
        )
        self.assertContains(
            response,
            '<button class="button" type="submit" name="choice" value="accept">Acceptera</button>',
            html=True,
        )

    def test_banner_is_in_english_on_english_pages(self):
        response = self.client.get("/en/")
        self.assertContains(response, "This website uses cookies")
        self.assertContains(response, '<a href="/en/privacy-policy/">privacy policy</a>')
        self.assertContains(response, ">Decline</button>")
        self.assertContains(response, ">Accept</button>")

    def test_banner_is_shown_on_not_found_pages_too(self):
        self.assertContains(self.client.get("/sv/finns-inte/"), "consent-banner", status_code=404)

    def test_no_analytics_script_before_accepting(self):
        article = make_article()
        for url in ("/sv/", article.get_absolute_url(), "/sv/finns-inte/"):
            response = self.client.get(url)
            self.assertNotContains(response, "analytics.js", status_code=response.status_code)

    def test_pages_set_no_cookie_and_carry_no_csrf_token(self):
        article = make_article()
        for url in ("/sv/", "/en/", article.get_absolute_url()):
            response = self.client.get(url)
            self.assertEqual(response.cookies, {}, url)
            self.assertNotContains(response, "csrfmiddlewaretoken")

    def test_pages_say_they_vary_on_the_consent_cookie_and_gpc(self):
        vary = self.client.get("/sv/")["Vary"]
        self.assertIn("Cookie", vary)
        self.assertIn("Sec-GPC", vary)

    def test_a_decisions_state_for_shared_caches_names_the_wording_it_answered(self):
        # Shared caches key pages on the state cookie and store a page only under the state the
        # site says it rendered: a visitor asked again must not match those who answered.
        for answer, state in [("accept", "accepted"), ("decline", "declined")]:
            with self.subTest(answer=answer):
                self.post_choice(answer)
                expected = f"{state}.{current_digest()[:16]}"
                self.assertEqual(self.client.cookies["nr_consent_state"].value, expected)
                self.assertEqual(self.client.get("/sv/")["X-Consent-State"], expected)
        self.client.cookies.clear()
        self.assertEqual(self.client.get("/sv/")["X-Consent-State"], "undecided")

    def test_a_pages_script_and_an_answer_name_the_state_the_site_renders_pages_for(self):
        # The script compares them with X-Consent-State when its page is shown again (the
        # back/forward cache, a tab left open): a page rendered for another state is reloaded.
        def script_state(response):
            return re.search(
                r'<script [^>]*data-consent-state="([^"]*)"', response.content.decode()
            )[1]

        for headers, expected in [({}, "undecided"), ({"Sec-GPC": "1"}, "gpc")]:
            response = self.client.get("/sv/", headers=headers)
            self.assertEqual(response["X-Consent-State"], expected)
            self.assertEqual(script_state(response), expected)
        for answer in ("accept", "decline"):
            with self.subTest(answer=answer):
                json = {"Accept": "application/json"}
                state = self.post_choice(answer, headers=json).json()["state"]
                response = self.client.get("/sv/")
                self.assertEqual(state, response["X-Consent-State"])
                self.assertEqual(script_state(response), state)

    def test_banner_disappears_after_a_choice_and_analytics_follows_it(self):
        self.post_choice("accept")
        response = self.client.get("/sv/")
        self.assertNotContains(response, "consent-banner")
        self.assertContains(response, "js/analytics.js")
        self.post_choice("decline")
        response = self.client.get("/sv/")
        self.assertNotContains(response, "consent-banner")
        self.assertNotContains(response, "js/analytics.js")

    def test_gpc_without_a_choice_shows_a_note_instead_of_the_question(self):
        response = self.client.get("/sv/", headers={"Sec-GPC": "1"})
        self.assertContains(response, "Global Privacy Control")
        self.assertContains(response, "data-consent-question hidden")
        self.assertNotContains(response, "js/analytics.js")

    def test_the_gpc_note_can_be_dismissed_without_javascript_by_keeping_the_decline(self):
        gpc = {"Sec-GPC": "1"}
        response = self.client.get("/sv/integritetspolicy/", headers=gpc)
        self.assertContains(response, "<p data-consent-gpc-note>")
        form = re.search(
            r"<form[^>]*data-consent-gpc-form>.*?</form>", response.content.decode(), re.S
        )
        self.assertIsNotNone(form)
        form = form[0]
        # Without JavaScript the answer leads back to the page at its confirmation.
        self.assertIn(f'action="{CONSENT_URL}#consent-saved"', form)
        self.assertIn('name="source" value="gpc"', form)
        self.assertIn('name="next" value="/sv/integritetspolicy/"', form)
        self.assertInHTML(
            '<button class="button" type="submit" name="choice" value="decline">OK</button>', form
        )
        # The note's button declines, as the signal asks: it never accepts.
        self.assertNotIn('value="accept"', form)
        response = self.post_choice("decline", source="gpc", next="/sv/", headers=gpc)
        self.assertRedirects(response, "/sv/", status_code=303, fetch_redirect_response=False)
        record = ConsentRecord.objects.get()
        self.assertEqual((record.choice, record.source), ("declined", "gpc"))
        response = self.client.get("/sv/", headers=gpc)
        self.assertNotContains(response, "consent-banner")
        self.assertNotContains(response, "js/analytics.js")

    def test_a_decided_page_holds_a_confirmation_of_its_consent_state_and_nothing_else(self):
        # Shown only at #consent-saved, where an answer without JavaScript leads; the same for
        # every visitor of a state, as the page cache keeps one copy per state.
        confirmation = re.compile(r'<div class="consent-confirmation" id="consent-saved".*?</div>')
        undecided = self.client.get("/sv/").content.decode()
        self.assertIsNone(confirmation.search(undecided))
        self.assertIn(f'action="{CONSENT_URL}#consent-saved"', undecided)
        for choice, said in (
            ("accept", "Ditt val är sparat: analyscookies är tillåtna."),
            ("decline", "Ditt val är sparat: analyscookies är avstängda."),
        ):
            with self.subTest(choice=choice):
                self.post_choice(choice)
                page = self.client.get("/sv/")
                shown = confirmation.search(page.content.decode())
                self.assertIsNotNone(shown)
                self.assertIn(said, shown[0])
                self.assertNotIn("consent-banner", page.content.decode())
        # The settings page says what it saved itself.
        settings_page = self.client.get(SETTINGS_SV).content.decode()
        self.assertIsNone(confirmation.search(settings_page))

    def test_a_gpc_decline_changes_nothing_once_a_choice_counts(self):
        gpc = {"Sec-GPC": "1"}
        # Two pages' scripts (two tabs) send the signal's decline one after the other: the
        # second finds the first's cookie, and the visitor has one record, not two.
        self.post_choice("decline", source="gpc", headers=gpc)
        first = ConsentRecord.objects.get()
        cookie = self.client.cookies["nr_consent"].value
        response = self.post_choice(
            "decline", source="gpc", headers={**gpc, "Accept": "application/json"}
        )
        self.assertEqual(
            response.json(),
            {
                "choice": "declined",
                "consent_id": str(first.consent_id),
                "analytics_script": None,
                "state": f"declined.{current_digest()[:16]}",
            },
        )
        self.assertNotIn("nr_consent", response.cookies)
        self.assertEqual(ConsentRecord.objects.get(), first)
        # Accepting in Cookie settings overrides the signal; a stale note's OK (a page opened
        # before, without JavaScript) does not withdraw that consent.
        self.post_choice("accept", source="settings", headers=gpc)
        accepted = ConsentRecord.objects.first()
        response = self.post_choice("decline", source="gpc", next="/sv/", headers=gpc)
        self.assertRedirects(response, "/sv/", status_code=303, fetch_redirect_response=False)
        self.assertNotIn("nr_consent", response.cookies)
        self.assertIn("no-store", response["Cache-Control"])
        self.assertEqual(ConsentRecord.objects.count(), 2)
        self.assertEqual(ConsentRecord.objects.first(), accepted)
        self.assertContains(self.client.get("/sv/", headers=gpc), "js/analytics.js")
        # Asked again (a new wording): the signal answers once more, chained to the last choice.
        payload = signing.loads(self.client.cookies["nr_consent"].value, salt=SIGNING_SALT)
        self.client.cookies["nr_consent"] = signing.dumps(
            {**payload, "v": "0" * 64}, salt=SIGNING_SALT
        )
        self.post_choice("decline", source="gpc", headers=gpc)
        latest = ConsentRecord.objects.first()
        self.assertEqual((latest.source, latest.previous_consent_id), ("gpc", accepted.consent_id))
        self.assertNotEqual(cookie, self.client.cookies["nr_consent"].value)

    def test_the_gpc_note_ends_in_its_link_to_the_settings_said_once(self):
        for path, link in [
            ("/sv/", '<a href="/sv/cookieinstallningar/">Cookieinställningar</a>'),
            ("/en/", '<a href="/en/cookie-settings/">Cookie settings</a>'),
        ]:
            with self.subTest(path=path):
                response = self.client.get(path, headers={"Sec-GPC": "1"})
                note = re.search(
                    r"<p data-consent-gpc-note>(.*?)</p>", response.content.decode(), re.S
                )
                self.assertIsNotNone(note)
                self.assertTrue(note[1].endswith(f" {link}."), note[1])
                self.assertEqual(note[1].count(link.split(">")[1].split("<")[0]), 1, note[1])

    def test_an_explicit_accept_overrides_gpc(self):
        self.post_choice("accept", source="settings", headers={"Sec-GPC": "1"})
        response = self.client.get("/sv/", headers={"Sec-GPC": "1"})
        self.assertContains(response, "js/analytics.js")


class ChooseEndpointTests(ConsentPostMixin, TestCase):
    def test_accept_without_javascript_redirects_back_and_sets_the_cookie(self):
        response = self.post_choice("accept", next="/sv/sektion/inrikes/?page=2")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(response["Location"], "/sv/sektion/inrikes/?page=2")
        cookie = response.cookies["nr_consent"]
        self.assertEqual(cookie["samesite"], "Lax")
        self.assertEqual(cookie["path"], "/")
        self.assertTrue(cookie["httponly"])
        self.assertEqual(cookie["max-age"], 365 * 24 * 60 * 60)
        record = ConsentRecord.objects.get()
        self.assertEqual(record.choice, ConsentRecord.Choice.ACCEPTED)
        self.assertEqual(record.source, ConsentRecord.Source.BANNER_NO_JS)
        self.assertEqual(record.groups, {"analytics": True})
        self.assertEqual(record.language, "sv")
        self.assertEqual(record.banner_version.digest, current_digest())

    def test_accept_with_javascript_answers_json(self):
        response = self.post_choice("accept", headers={"Accept": "application/json"})
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["choice"], "accepted")
        self.assertTrue(body["analytics_script"].endswith("js/analytics.js"))
        record = ConsentRecord.objects.get()
        self.assertEqual(str(record.consent_id), body["consent_id"])
        self.assertEqual(record.source, ConsentRecord.Source.BANNER_JS)

    def test_decline_records_and_deletes_analytics_cookies(self):
        self.client.cookies["nr_analytics"] = str(uuid.uuid4())
        response = self.post_choice("decline")
        self.assertEqual(ConsentRecord.objects.get().choice, ConsentRecord.Choice.DECLINED)
        self.assertEqual(response.cookies["nr_analytics"]["max-age"], 0)
        self.assertEqual(ConsentRecord.objects.get().groups, {"analytics": False})

    def test_declining_after_accepting_is_a_withdrawal_chained_to_the_first_consent(self):
        self.post_choice("accept")
        first = ConsentRecord.objects.get()
        self.post_choice("decline", source="settings", next="/sv/cookieinstallningar/")
        withdrawal = ConsentRecord.objects.latest("pk")
        self.assertEqual(withdrawal.choice, ConsentRecord.Choice.WITHDRAWN)
        self.assertEqual(withdrawal.previous_consent_id, first.consent_id)
        self.assertNotEqual(withdrawal.consent_id, first.consent_id)
        self.assertEqual(withdrawal.source, ConsentRecord.Source.SETTINGS)

    def test_an_answer_sent_twice_before_its_cookie_is_back_is_recorded_once(self):
        # A double click on Cookie settings: both posts carry the cookie of the choice before.
        self.post_choice("accept")
        first = ConsentRecord.objects.get()
        stale = self.client.cookies["nr_consent"].value
        answered = []
        for _twice in range(2):
            self.client.cookies["nr_consent"] = stale
            response = self.post_choice(
                "decline", source="settings", next="/sv/cookieinstallningar/"
            )
            self.assertEqual(response.status_code, 303)
            self.assertEqual(response["Location"], "/sv/cookieinstallningar/")
            cookie = signing.loads(response.cookies["nr_consent"].value, salt=SIGNING_SALT)
            answered.append(cookie["id"])
        withdrawal = ConsentRecord.objects.exclude(pk=first.pk).get()
        self.assertEqual(withdrawal.previous_consent_id, first.consent_id)
        self.assertEqual(withdrawal.choice, ConsentRecord.Choice.WITHDRAWN)
        # Both answers give the visitor the one record's cookie.
        self.assertEqual(answered, [withdrawal.consent_id.hex] * 2)
        # Confirmed once: the repeat's page says what the first saved.
        page = self.client.get(SETTINGS_SV)
        self.assertEqual(status_shown(page), "Återkallat")

    def test_a_different_answer_from_the_same_cookie_is_recorded_too(self):
        # Withdrawn and accepted again before the first answer's cookie was back: two choices.
        self.post_choice("accept")
        stale = self.client.cookies["nr_consent"].value
        self.post_choice("decline", source="settings")
        self.client.cookies["nr_consent"] = stale
        self.post_choice("accept", source="settings", groups=["analytics"])
        self.assertEqual(ConsentRecord.objects.count(), 3)

    def test_the_same_gpc_decline_from_an_expired_choice_is_recorded_once(self):
        with time_machine.travel(timezone.now() - timedelta(days=400)):
            self.post_choice("accept")
        expired = self.client.cookies["nr_consent"].value
        for _twice in range(2):
            self.client.cookies["nr_consent"] = expired
            self.post_choice("decline", source="gpc", headers={"Accept": "application/json"})
        gpc = ConsentRecord.objects.filter(source=ConsentRecord.Source.GPC)
        self.assertEqual([r.choice for r in gpc], [ConsentRecord.Choice.DECLINED])

    def test_english_choice_is_recorded_in_english(self):
        self.client.post(
            "/en/consent/", {"choice": "accept", "source": "banner", "banner": current_digest()}
        )
        self.assertEqual(ConsentRecord.objects.get().language, "en")

    def test_get_is_not_allowed(self):
        self.assertEqual(self.client.get(CONSENT_URL).status_code, 405)

    def test_cross_site_post_is_refused(self):
        for headers in ({"Sec-Fetch-Site": "cross-site"}, {"Origin": "https://evil.example"}):
            with self.subTest(headers=headers):
                response = self.post_choice("accept", headers=headers)
                self.assertEqual(response.status_code, 403)
        self.assertFalse(ConsentRecord.objects.exists())

    def test_a_refused_answer_is_a_page_in_the_readers_language_leading_back_to_choose(self):
        # A browser's form post that fails the same-origin check (the site's CSRF protection
        # for this form) gets a page, not a line of plain text, and a way to choose again.
        cases = [
            (CONSENT_URL, "sv", "Samtycke kan bara ges på den här webbplatsen.", SETTINGS_SV),
            (
                "/en/consent/",
                "en",
                "Consent can only be given on this site.",
                "/en/cookie-settings/",
            ),
        ]
        for url, language, message, settings_url in cases:
            with self.subTest(language=language):
                response = self.client.post(
                    url,
                    {"choice": "accept", "source": "banner", "banner": current_digest()},
                    headers={"Sec-Fetch-Site": "same-site"},
                )
                self.assertEqual(response.status_code, 403)
                self.assertEqual(response["Content-Type"], "text/html; charset=utf-8")
                self.assertContains(response, f'<html lang="{language}">', status_code=403)
                self.assertContains(response, f"<p>{message}</p>", status_code=403)
                self.assertContains(response, f'<a href="{settings_url}">', status_code=403)
                self.assertIn("no-store", response["Cache-Control"])
        with translation.override("en"):
            response = self.client.post("/en/consent/", headers={"Origin": "https://evil.example"})
        self.assertContains(response, "<h1", status_code=403)
        self.assertContains(response, "Your choice could not be saved", status_code=403)
        self.assertContains(response, "Choose again in Cookie settings", status_code=403)
        # The script's own request still gets its error as JSON.
        response = self.post_choice(
            "accept", headers={"Sec-Fetch-Site": "cross-site", "Accept": "application/json"}
        )
        self.assertEqual(
            response.json(), {"error": "Samtycke kan bara ges på den här webbplatsen."}
        )
        self.assertFalse(ConsentRecord.objects.exists())

    def test_an_answer_in_another_format_says_what_the_site_takes(self):
        digest = current_digest()
        form = f"choice=accept&source=banner&banner={digest}"
        cases = [
            # A script posting JSON, and one posting a form far too large: told what to send.
            ("application/json", "{}", {}, 415, "application/x-www-form-urlencoded"),
            ("text/plain", form, {}, 415, "multipart/form-data"),
            (
                "application/x-www-form-urlencoded",
                form + "&next=/" + "a" * 20_000,
                {},
                413,
                "16 KB",
            ),
            (
                "application/x-www-form-urlencoded",
                form,
                {"CONTENT_LENGTH": "abc"},
                400,
                "Content-Length",
            ),
        ]
        for content_type, body, extra, status, words in cases:
            with self.subTest(content_type=content_type, status=status):
                with translation.override("en"):
                    response = self.client.generic(
                        "POST",
                        "/en/consent/",
                        body,
                        content_type,
                        headers={"Accept": "application/json"},
                        **extra,
                    )
                self.assertEqual(response.status_code, status)
                self.assertIn(words, response.json()["error"])
                # A browser's page says it for the reader, without media types.
                with translation.override("en"):
                    response = self.client.generic(
                        "POST", "/en/consent/", body, content_type, **extra
                    )
                self.assertContains(
                    response, "could not be read, so nothing was saved", status_code=status
                )
                self.assertNotContains(response, "plain form", status_code=status)
        self.assertFalse(ConsentRecord.objects.exists())

    def test_same_origin_post_is_accepted(self):
        response = self.post_choice(
            "accept", headers={"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"}
        )
        self.assertEqual(response.status_code, 303)

    def test_malformed_bodies_get_a_400_with_a_message(self):
        cases = [
            {"choice": "maybe", "source": "banner", "banner": current_digest()},
            {"choice": "accept", "source": "elsewhere", "banner": current_digest()},
            {"choice": "maybe", "source": "banner", "banner": "f" * 64},
            {"choice": "accept", "source": "banner"},
            {"choice": "accept", "source": "banner", "banner": current_digest(), "groups": "ads"},
            {"choice": "accept", "source": "gpc", "banner": current_digest()},
            {},
        ]
        for data in cases:
            with self.subTest(data=data):
                response = self.client.post(CONSENT_URL, data)
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, "<h1", status_code=400)
        self.assertFalse(ConsentRecord.objects.exists())

    def test_a_malformed_answer_is_worded_for_the_reader_without_field_names(self):
        # A form post from a page (no script) gets a sentence for the reader: the form's field
        # names and validation messages mean nothing to them.
        data = {"choice": "maybe", "source": "elsewhere", "banner": current_digest()}
        cases = [
            (
                CONSENT_URL,
                "Svaret från sidan var ofullständigt eller gick inte att läsa, så inget sparades "
                "och inget ändrades.",
            ),
            (
                "/en/consent/",
                "The answer sent from the page was incomplete or could not be read, so nothing "
                "was saved or changed.",
            ),
        ]
        for url, message in cases:
            with self.subTest(url=url):
                response = self.client.post(url, data)
                self.assertContains(response, f"<p>{message}</p>", status_code=400)
                text = strip_tags(response.content.decode())
                for shown in ("choice:", "source:", "Invalid consent", "Ogiltigt samtycke"):
                    self.assertNotIn(shown, text)
        # The script's own request still gets the errors by field, as JSON.
        response = self.client.post(CONSENT_URL, data, headers={"Accept": "application/json"})
        self.assertEqual(response.status_code, 400)
        error = response.json()["error"]
        self.assertTrue(error.startswith("Ogiltigt samtycke: "), error)
        self.assertIn("choice: ", error)
        self.assertIn("source: ", error)
        self.assertFalse(ConsentRecord.objects.exists())

    def test_an_answer_to_a_wording_gone_meanwhile_leads_back_to_be_asked_again(self):
        # The banner's wording changed while the page was open, and nobody answered the old one.
        gone = {"choice": "accept", "source": "banner", "banner": "f" * 64}
        response = self.client.post(CONSENT_URL, {**gone, "next": "/sv/sektion/inrikes/"})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(response["Location"], "/sv/sektion/inrikes/")
        self.assertNotIn("nr_consent", response.cookies)
        self.assertFalse(ConsentRecord.objects.exists())
        self.assertContains(self.client.get("/sv/"), "consent-banner")
        # The script's own request is refused, and it falls back to that plain post.
        response = self.client.post(CONSENT_URL, gone, headers={"Accept": "application/json"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(ConsentRecord.objects.exists())

    def test_an_answer_on_the_settings_page_to_a_wording_gone_meanwhile_says_so(self):
        # Nothing is saved, and the page the visitor is back on says why, once: not silence
        # after a click, as if it had been lost.
        for path, words in [
            (
                SETTINGS_SV,
                "Inget sparades: vår fråga ändrades medan sidan var öppen. Välj igen nedan.",
            ),
            (
                "/en/cookie-settings/",
                "Nothing was saved: our question changed while the page was open. "
                "Choose again below.",
            ),
        ]:
            with self.subTest(path=path):
                gone = {"choice": "accept", "source": "settings", "banner": "f" * 64, "next": path}
                response = self.client.post(CONSENT_URL, gone)
                self.assertRedirects(response, path, status_code=303, fetch_redirect_response=False)
                with self.assertNumQueries(1):  # the section menu
                    response = self.client.get(path)
                notice = saved_shown(response)
                self.assertIsNotNone(notice)
                self.assertIn('role="status"', notice[0])
                self.assertEqual(notice[1], words)
                self.assertIsNone(saved_shown(self.client.get(path)))
        self.assertFalse(ConsentRecord.objects.exists())
        # The banner's page may come from the page cache: no notice is left waiting for later.
        self.client.post(CONSENT_URL, {**gone, "source": "banner", "next": "/sv/"})
        self.assertIsNone(saved_shown(self.client.get(SETTINGS_SV)))

    def test_redirects_only_go_to_this_sites_pages(self):
        for target in (
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "http://testserver.evil.example/",
            "javascript:alert(1)",
        ):
            with self.subTest(target=target):
                response = self.post_choice("accept", next=target)
                self.assertEqual(response.status_code, 303)
                self.assertEqual(response["Location"], "/sv/")

    def test_settings_page_can_accept_only_named_groups(self):
        self.post_choice("accept", source="settings", groups="analytics")
        self.assertEqual(ConsentRecord.objects.get().groups, {"analytics": True})


class CookieReadingTests(ConsentPostMixin, TestCase):
    def set_consent_cookie(self, payload, **kwargs):
        self.client.cookies["nr_consent"] = signing.dumps(payload, salt=SIGNING_SALT, **kwargs)

    def assert_undecided(self):
        response = self.client.get("/sv/")
        self.assertContains(response, "consent-banner")
        self.assertNotContains(response, "js/analytics.js")

    def test_a_valid_cookie_is_accepted(self):
        self.set_consent_cookie({"v": current_digest(), "id": uuid.uuid4().hex, "g": ["analytics"]})
        self.assertContains(self.client.get("/sv/"), "js/analytics.js")

    def test_a_tampered_cookie_counts_as_undecided(self):
        self.post_choice("decline")
        value = self.client.cookies["nr_consent"].value
        payload, signature = value.rsplit(":", 1)
        self.client.cookies["nr_consent"] = payload + ":" + signature[::-1]
        self.assert_undecided()

    def test_the_packages_unsigned_format_counts_as_undecided(self):
        self.client.cookies["nr_consent"] = "analytics=9999-12-31T00:00:00"
        self.assert_undecided()

    def test_an_unknown_version_counts_as_undecided(self):
        self.set_consent_cookie({"v": "0" * 64, "id": uuid.uuid4().hex, "g": ["analytics"]})
        self.assert_undecided()

    def test_an_expired_cookie_counts_as_undecided(self):
        import time_machine

        with time_machine.travel("2024-01-01 12:00Z"):
            self.set_consent_cookie(
                {"v": current_digest(), "id": uuid.uuid4().hex, "g": ["analytics"]}
            )
        self.assert_undecided()

    def test_a_malformed_payload_counts_as_undecided(self):
        for payload in (
            {"v": current_digest(), "id": "not-a-uuid", "g": ["analytics"]},
            {"v": current_digest(), "id": uuid.uuid4().hex, "g": "analytics"},
            {"v": current_digest(), "id": uuid.uuid4().hex, "g": [1]},
            {"v": current_digest(), "g": ["analytics"]},
            ["analytics"],
            "analytics",
        ):
            with self.subTest(payload=payload):
                self.set_consent_cookie(payload)
                self.assert_undecided()

    def test_an_oversized_cookie_counts_as_undecided(self):
        self.client.cookies["nr_consent"] = "x" * 5000
        self.assert_undecided()


class SettingsAndPolicyPageTests(ConsentPostMixin, TestCase):
    def test_settings_page_shows_the_choice_and_consent_id(self):
        self.post_choice("accept")
        record = ConsentRecord.objects.get()
        response = self.client.get("/sv/cookieinstallningar/")
        self.assertContains(response, str(record.consent_id))
        self.assertContains(response, "Återkalla samtycke")
        self.assertContains(response, '<meta name="robots" content="noindex">')
        self.assertIn("no-store", response["Cache-Control"])

    def test_settings_page_states_the_choice_its_record_holds(self):
        pages = {"sv": "/sv/cookieinstallningar/", "en": "/en/cookie-settings/"}
        # Declining at once, then accepting and withdrawing that consent: three records.
        for answer in ("decline", "accept", "decline"):
            self.post_choice(answer, source="settings")
            record = ConsentRecord.objects.first()
            for language, path in pages.items():
                with self.subTest(record=record.choice, language=language):
                    # The state is read from the consent cookie: the section menu is the one query.
                    with self.assertNumQueries(1):
                        response = self.client.get(path)
                    with translation.override(language):
                        self.assertEqual(status_shown(response), record.get_choice_display())
                    self.assertContains(response, str(record.consent_id))
        self.assertEqual(
            list(ConsentRecord.objects.reverse().values_list("choice", flat=True)),
            ["declined", "accepted", "withdrawn"],
        )

    def test_settings_page_says_in_words_that_there_is_no_consent_id_yet(self):
        # Not a dash, which screen readers pass over: the term would seem to have no value.
        for path, words in [
            ("/sv/cookieinstallningar/", "Inget ännu"),
            ("/en/cookie-settings/", "None yet"),
        ]:
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertContains(response, f"<dd>{words}</dd>", html=True)
                self.assertNotContains(response, "<code data-consent-id>")

    def test_settings_page_says_why_an_earlier_choice_is_asked_again(self):
        pages = {"sv": "/sv/cookieinstallningar/", "en": "/en/cookie-settings/"}
        said = {
            "changed": {
                "sv": "Avstängda tills du väljer igen: vår fråga har ändrats sedan ditt förra val",
                "en": "Off until you choose again: our question has changed since your last choice",
            },
            "expired": {
                "sv": "Avstängda tills du väljer igen: ditt förra val har gått ut",
                "en": "Off until you choose again: your last choice has expired",
            },
        }
        self.post_choice("accept")
        cookie = self.client.cookies["nr_consent"].value
        payload = signing.loads(cookie, salt=SIGNING_SALT)
        changed = signing.dumps({**payload, "v": "0" * 64}, salt=SIGNING_SALT)
        for reason, value, later in [
            ("changed", changed, timedelta(0)),
            ("expired", cookie, timedelta(days=366)),
        ]:
            self.client.cookies["nr_consent"] = value
            with time_machine.travel(later):
                for language, path in pages.items():
                    with self.subTest(reason=reason, language=language):
                        with self.assertNumQueries(1):  # the section menu
                            response = self.client.get(path)
                        self.assertEqual(status_shown(response), said[reason][language])
                        # Still a question to answer: accepting is offered again.
                        self.assertContains(response, 'name="choice" value="accept"')

    def test_settings_page_gives_the_previous_consent_id_while_asked_again(self):
        # The record of the new answer names it as its previous ID: the visitor can quote it to
        # the privacy officer before and after answering again.
        pages = {
            "sv": ("/sv/cookieinstallningar/", "Ditt tidigare samtyckes-ID"),
            "en": ("/en/cookie-settings/", "Your previous consent ID"),
        }
        self.post_choice("accept")
        first = ConsentRecord.objects.get()
        payload = signing.loads(self.client.cookies["nr_consent"].value, salt=SIGNING_SALT)
        self.client.cookies["nr_consent"] = signing.dumps(
            {**payload, "v": "0" * 64}, salt=SIGNING_SALT
        )
        for language, (path, term) in pages.items():
            with self.subTest(language=language):
                with self.assertNumQueries(1):  # the section menu
                    response = self.client.get(path)
                self.assertContains(
                    response,
                    f"<dt>{term}</dt><dd><code data-previous-consent-id>{first.consent_id}</code>"
                    "</dd>",
                    html=True,
                )
                self.assertNotContains(response, "data-consent-id")
        self.post_choice("decline", source="settings")
        self.assertEqual(ConsentRecord.objects.first().previous_consent_id, first.consent_id)
        response = self.client.get(pages["en"][0])
        self.assertNotContains(response, "data-previous-consent-id")
        self.assertContains(response, "<dt>Your consent ID</dt>", html=True)

    def test_settings_page_confirms_a_saved_choice_once_in_a_status_region(self):
        said = {
            "accept": "Ditt val är sparat: analyscookies är tillåtna.",
            "decline": "Ditt val är sparat: ditt samtycke är återkallat och analyscookies är "
            "avstängda.",
        }
        for answer, words in said.items():
            with self.subTest(answer=answer):
                response = self.post_choice(answer, source="settings", next=SETTINGS_SV)
                self.assertRedirects(
                    response, SETTINGS_SV, status_code=303, fetch_redirect_response=False
                )
                with self.assertNumQueries(1):  # the section menu
                    response = self.client.get(SETTINGS_SV)
                confirmation = saved_shown(response)
                self.assertIsNotNone(confirmation)
                self.assertIn('role="status"', confirmation[0])
                self.assertEqual(confirmation[1], words)
                self.assertIn("no-store", response["Cache-Control"])
                # Said once: a reload shows the state, not the confirmation again.
                self.assertIsNone(saved_shown(self.client.get(SETTINGS_SV)))

    def test_the_confirmation_is_in_the_readers_language(self):
        self.post_choice("decline", source="settings", next="/en/cookie-settings/")
        response = self.client.get("/en/cookie-settings/")
        self.assertEqual(
            saved_shown(response)[1], "Your choice is saved: analytics cookies are off."
        )

    @override_settings(NEWSROOM_PAGE_CACHE_SECONDS=300)
    def test_the_confirmation_is_never_in_a_copy_for_another_visitor(self):
        self.post_choice("accept", source="settings", next=SETTINGS_SV)
        self.assertIsNotNone(saved_shown(self.client.get(SETTINGS_SV)))
        # Another visitor in the same state, on the same page: no confirmation of someone else's.
        other = self.client_class()
        other.cookies["nr_consent"] = self.client.cookies["nr_consent"].value
        self.assertIsNone(saved_shown(other.get(SETTINGS_SV)))

    def test_the_settings_page_leaves_other_pending_messages_for_their_page(self):
        # An admin page's message waiting in the same cookie (a signed-in editor who opened
        # the settings page meanwhile): not shown here, and not lost either.
        waiting = CookieStorage(RequestFactory().get("/"))
        waiting.add(messages.INFO, "Artikeln sparades.")
        response = HttpResponse()
        waiting.update(response)
        self.client.cookies["messages"] = response.cookies["messages"].value
        for saved in (False, True):
            with self.subTest(saved=saved):
                if saved:
                    self.post_choice("accept", source="settings", next=SETTINGS_SV)
                response = self.client.get(SETTINGS_SV)
                self.assertEqual(saved_shown(response) is not None, saved)
                self.assertNotContains(response, "Artikeln sparades.")
                left = RequestFactory().get("/")
                left.COOKIES["messages"] = self.client.cookies["messages"].value
                self.assertEqual([m.message for m in CookieStorage(left)], ["Artikeln sparades."])

    def test_answers_from_the_banner_leave_no_confirmation_for_later(self):
        # The banner's page may come from the page cache: a confirmation there could wait in
        # the visitor's cookie and be shown later, of an answer long given.
        self.post_choice("decline")
        self.assertNotIn("messages", self.client.cookies)
        self.assertIsNone(saved_shown(self.client.get(SETTINGS_SV)))

    def test_settings_page_says_gpc_is_honoured_after_its_automatic_decline(self):
        gpc = {"Sec-GPC": "1"}
        pages = {
            "sv": (
                "/sv/cookieinstallningar/",
                "Avstängda (din webbläsare skickar Global Privacy Control)",
            ),
            "en": ("/en/cookie-settings/", "Off (your browser sends Global Privacy Control)"),
        }
        # What the banner's script sends for a GPC browser with no choice of its own.
        self.post_choice("decline", source="gpc", headers=gpc)
        self.assertEqual(ConsentRecord.objects.get().source, ConsentRecord.Source.GPC)
        for language, (path, words) in pages.items():
            with self.subTest(language=language):
                with self.assertNumQueries(1):  # the section menu
                    response = self.client.get(path, headers=gpc)
                self.assertEqual(status_shown(response), words)
                # Accepting still overrides the signal; there is nothing to decline.
                self.assertContains(response, 'name="choice" value="accept"')
                self.assertNotContains(response, 'name="choice" value="decline"')

    def test_settings_page_says_gpc_declined_once_the_browser_no_longer_sends_it(self):
        # The visitor did not decline themselves: the page says what the record's source says.
        self.post_choice("decline", source="gpc", headers={"Sec-GPC": "1"})
        for path, words in [
            (
                "/sv/cookieinstallningar/",
                "Avböjt av din webbläsares Global Privacy Control-signal",
            ),
            ("/en/cookie-settings/", "Declined by your browser's Global Privacy Control signal"),
        ]:
            with self.subTest(path=path):
                with self.assertNumQueries(1):  # the section menu
                    response = self.client.get(path)
                self.assertEqual(status_shown(response), words)
                self.assertContains(response, 'name="choice" value="accept"')

    def test_settings_page_says_declined_when_the_visitor_declined_with_gpc_on(self):
        gpc = {"Sec-GPC": "1"}
        self.post_choice("decline", source="settings", headers=gpc)
        response = self.client.get("/en/cookie-settings/", headers=gpc)
        self.assertEqual(status_shown(response), "Declined")

    def test_the_answers_come_in_the_same_order_in_the_banner_and_on_the_settings_page(self):
        def answers(response, form):
            shown = re.search(rf"<form[^>]*{form}[^>]*>.*?</form>", response.content.decode(), re.S)
            return re.findall(r'name="choice" value="(\w+)"', shown[0])

        for banner_page, settings_page in [
            ("/sv/", "/sv/cookieinstallningar/"),
            ("/en/", "/en/cookie-settings/"),
        ]:
            with self.subTest(settings_page=settings_page):
                in_banner = answers(self.client.get(banner_page), "data-consent-form")
                on_settings = answers(self.client.get(settings_page), "consent-settings__form")
                self.assertEqual(in_banner, ["decline", "accept"])
                self.assertEqual(on_settings, in_banner)

    def test_settings_page_asks_the_question_itself_without_the_banner(self):
        response = self.client.get("/sv/cookieinstallningar/")
        self.assertNotContains(response, "consent-banner")
        self.assertContains(response, "Acceptera analyscookies")

    def test_settings_page_offers_accepting_to_the_undecided(self):
        response = self.client.get("/en/cookie-settings/")
        self.assertContains(response, "Accept analytics cookies")
        self.assertContains(response, "Not decided yet")

    def test_footer_links_to_the_settings_and_the_policy_on_every_page(self):
        for url in ("/sv/", "/sv/finns-inte/", "/sv/integritetspolicy/"):
            footer = re.search(
                r"<footer.*</footer>", self.client.get(url).content.decode(), re.DOTALL
            )[0]
            # On its own page a link is marked as the current one (the test below).
            footer = footer.replace(' aria-current="page"', "")
            self.assertInHTML('<a href="/sv/cookieinstallningar/">Cookieinställningar</a>', footer)
            self.assertInHTML('<a href="/sv/integritetspolicy/">Integritetspolicy</a>', footer)

    def test_the_footer_marks_the_link_to_the_page_it_is_on(self):
        # As the section menu does: a screen reader says "current page" rather than offer it.
        for url, current in (
            ("/sv/cookieinstallningar/", "Cookieinställningar"),
            ("/en/privacy-policy/", "Privacy policy"),
        ):
            footer = re.search(
                r"<footer.*</footer>", self.client.get(url).content.decode(), re.DOTALL
            )[0]
            self.assertInHTML(f'<a href="{url}" aria-current="page">{current}</a>', footer)
            self.assertEqual(footer.count("aria-current"), 1, url)
        response = self.client.get("/sv/")
        self.assertNotContains(response, "aria-current")

    def test_privacy_policy_lists_the_cookies_of_every_group(self):
        response = self.client.get("/sv/integritetspolicy/")
        for text in (
            "nr_consent",
            "nr_analytics",
            "Analys",
            "Nödvändiga",
            "Förstapart",
        ):
            self.assertContains(response, text)
        self.assertEqual(lifetime_shown(response, "nr_analytics"), "12 månader")
        response = self.client.get("/en/privacy-policy/")
        for text in ("nr_analytics", "Analytics", "Necessary", "First party"):
            self.assertContains(response, text)
        self.assertEqual(lifetime_shown(response, "nr_analytics"), "12 months")

    def test_privacy_policy_states_the_periods_the_settings_enforce(self):
        for clear in (texts.current_texts.cache_clear, texts._texts_digest.cache_clear):
            clear()
            self.addCleanup(clear)
        with override_settings(NEWSROOM_CONSENT_RETENTION_DAYS=500):
            response = self.client.get("/sv/integritetspolicy/")
            english = self.client.get("/en/privacy-policy/")
            kept = texts.current_texts()
        for shown, language, sentences in [
            (response, "sv", ["i 365 dagar i en nödvändig cookie", "raderas efter 500 dagar."]),
            (english, "en", ["for 365 days in a necessary cookie", "deleted after 500 days."]),
        ]:
            for sentence in sentences:
                with self.subTest(language=language, sentence=sentence):
                    self.assertContains(shown, sentence)
                    # The version keeps the policy as it was shown: the proof states it too.
                    self.assertIn(sentence, kept[language]["policy_page"])

    def test_privacy_policy_names_the_legal_bases_and_every_right(self):
        response = self.client.get("/sv/integritetspolicy/")
        for text in (
            "med ditt samtycke som rättslig grund (artikel 6.1 a i dataskyddsförordningen)",
            "(artiklarna 6.1 c och 7.1 i dataskyddsförordningen)",
            "att begränsa behandlingen av dem och att få ut dem i ett överförbart format",
            "sparas som bevis under den tid som anges ovan",
            # The same role as the English page names, not a data protection officer.
            "vår integritetsansvarige på",
        ):
            with self.subTest(text=text):
                self.assertContains(response, text)
        self.assertNotContains(response, "dataskyddsombud")

    def test_privacy_policy_links_the_privacy_officers_address(self):
        link = '<a href="mailto:integritet@newsroom.invalid">integritet@newsroom.invalid</a>'
        for path, sentence in [
            ("/sv/integritetspolicy/", f"vår integritetsansvarige på {link}."),
            ("/en/privacy-policy/", f"our privacy officer at {link}."),
        ]:
            with self.subTest(path=path):
                self.assertContains(self.client.get(path), sentence)

    def test_the_address_link_is_no_new_wording(self):
        # The version keeps the policy's words as before the link, so its digest is unchanged
        # and nobody is asked again: the link's markup is the page's, not the policy's.
        kept = texts.current_texts()
        for language, path, sentence in [
            (
                "sv",
                "/sv/integritetspolicy/",
                "integritetsansvarige på integritet@newsroom.invalid.</p>",
            ),
            ("en", "/en/privacy-policy/", "privacy officer at integritet@newsroom.invalid.</p>"),
        ]:
            with self.subTest(language=language):
                self.assertIn(sentence, kept[language]["policy_page"])
                page = self.client.get(path).content.decode()
                policy = page.split("</h1>", 1)[1].split('<h2 id="cookies">', 1)[0]
                self.assertEqual(
                    " ".join(strip_tags(policy).split()),
                    " ".join(strip_tags(kept[language]["policy_page"]).split()),
                )

    def test_privacy_policy_queries_are_fixed(self):
        # The cookie table (the current consent version's), the section menu.
        with self.assertNumQueries(2):
            self.client.get("/sv/integritetspolicy/")

    def test_banner_version_keeps_the_settings_page_wording_too(self):
        # Consent given on the settings page is proven by that page's wording, not the banner's.
        pages = {"sv": "/sv/cookieinstallningar/", "en": "/en/cookie-settings/"}
        undecided = {language: self.client.get(path) for language, path in pages.items()}
        self.post_choice("accept", source="settings", next=pages["sv"])
        record = ConsentRecord.objects.get()
        self.assertEqual(record.source, ConsentRecord.Source.SETTINGS)
        for language, path in pages.items():
            kept = record.banner_version.texts[language]
            accepted = self.client.get(path)
            for response, keys in [
                (undecided[language], ["settings_text", "settings_accept", "decline"]),
                (accepted, ["settings_text", "settings_policy_link", "settings_withdraw"]),
            ]:
                for key in keys:
                    with self.subTest(language=language, key=key):
                        self.assertContains(response, kept[key])
        self.assertEqual(
            record.banner_version.texts["sv"]["settings_accept"], "Acceptera analyscookies"
        )
        self.assertEqual(record.banner_version.texts["en"]["settings_withdraw"], "Withdraw consent")

    def test_banner_version_keeps_the_texts_that_were_shown(self):
        self.post_choice("accept")
        version = BannerVersion.objects.get()
        self.assertEqual(version.texts["sv"]["title"], "Denna webbplats använder cookies")
        self.assertEqual(version.texts["en"]["accept"], "Accept")
        self.assertIn("Global Privacy Control", version.texts["sv"]["policy_page"])
