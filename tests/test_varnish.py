"""The documented shared-cache setup, exercised with a real Varnish in front of the site."""

import shutil
import socket
import subprocess
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.factories import make_article

VCL = Path(__file__).resolve().parent.parent / "newsroom" / "deploy" / "varnish.vcl"

pytestmark = pytest.mark.skipif(
    shutil.which("varnishd") is None, reason="Debian's varnish is not installed (make test does)"
)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def varnish(live_server, tmp_path, settings, cookie_groups):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0  # every miss must reach the site
    host, port = live_server.url.removeprefix("http://").split(":")
    vcl = VCL.read_text().replace('"127.0.0.1"', f'"{host}"').replace('"8000"', f'"{port}"')
    (tmp_path / "site.vcl").write_text(vcl)
    listen = free_port()
    process = subprocess.Popen(
        [
            "varnishd",
            "-F",
            "-j",
            "none",
            "-n",
            str(tmp_path / "varnish"),
            "-a",
            f"127.0.0.1:{listen}",
            "-f",
            str(tmp_path / "site.vcl"),
            "-s",
            "malloc,16m",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        for line in process.stdout:
            if b"Child starts" in line or b"Child launched OK" in line:
                break
        else:
            pytest.fail("varnishd did not start")
        # The child may print that it started a moment before it accepts connections.
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", listen), timeout=1).close()
                break
            except ConnectionRefusedError:
                threading.Event().wait(0.05)
        yield f"http://127.0.0.1:{listen}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read().decode()


@pytest.mark.django_db(transaction=True)
def test_varnish_keeps_one_copy_per_consent_state(varnish):
    article = make_article(headline="Cachad i Varnish")
    url = varnish + article.get_absolute_url()

    headers, body = get(url)
    assert headers["X-Cache"] == "MISS"
    assert "Denna webbplats använder cookies" in body

    # Other cookies (tracking, analytics) do not make a new copy.
    headers, body = get(url, Cookie="_ga=GA1.2.3; nr_analytics=abc")
    assert headers["X-Cache"] == "HIT"
    assert "Denna webbplats använder cookies" in body

    # A GPC browser without a choice has its own copy, without the question.
    headers, body = get(url, **{"Sec-GPC": "1"})
    assert headers["X-Cache"] == "MISS"
    assert "data-consent-question hidden" in body
    assert get(url, **{"Sec-GPC": "1"})[0]["X-Cache"] == "HIT"


@pytest.mark.django_db(transaction=True)
def test_an_edited_state_cookie_cannot_poison_the_cache(varnish):
    article = make_article(headline="Förgiftningsförsök")
    url = varnish + article.get_absolute_url()
    # Claims "accepted" without the signed consent cookie: the site renders the undecided
    # page, so Varnish must not store it as the accepted copy.
    for _ in range(2):
        headers, body = get(url, Cookie="nr_consent_state=accepted")
        assert headers["X-Consent-State"] == "undecided"
        assert headers["X-Cache"] == "MISS"
    assert "Denna webbplats använder cookies" in body


@pytest.mark.django_db(transaction=True)
def test_an_accepted_visitor_gets_the_accepted_copy_from_the_cache(varnish, live_server):
    from django.test import Client

    from consent.texts import current_digest

    article = make_article(headline="Med analys")
    client = Client()
    client.post(
        "/sv/samtycke/", {"choice": "accept", "source": "banner", "banner": current_digest()}
    )
    cookies = "; ".join(f"{k}={v.value}" for k, v in client.cookies.items())
    url = varnish + article.get_absolute_url()
    headers, body = get(url, Cookie=cookies)
    assert headers["X-Cache"] == "MISS"
    assert "js/analytics.js" in body
    # Another accepted visitor (another consent ID) is served the same copy.
    other = Client()
    other.post(
        "/sv/samtycke/", {"choice": "accept", "source": "banner", "banner": current_digest()}
    )
    other_cookies = "; ".join(f"{k}={v.value}" for k, v in other.cookies.items())
    headers, body = get(url, Cookie=other_cookies)
    assert headers["X-Cache"] == "HIT"
    assert "js/analytics.js" in body
    assert get(url)[0]["X-Consent-State"] == "undecided"


@pytest.mark.django_db(transaction=True)
def test_campaign_parameters_do_not_make_copies_of_their_own(varnish):
    article = make_article(headline="Delad i sociala medier")
    path = article.get_absolute_url()
    url = varnish + path

    headers, body = get(url + "?utm_source=facebook&fbclid=IwAR0first")
    assert headers["X-Cache"] == "MISS"
    # The site was asked for the plain address: the banner returns the visitor there.
    assert f'name="next" value="{path}"' in body
    assert "IwAR0first" not in body
    assert get(url + "?fbclid=IwAR0second&utm_medium=social")[0]["X-Cache"] == "HIT"
    assert get(url)[0]["X-Cache"] == "HIT"
    # Any other parameter is kept as sent, but no copy is stored for it.
    headers, body = get(url + "?utm_source=x&sida=2&gclid=abc")
    assert headers["X-Cache"] == "MISS"
    assert f'name="next" value="{path}?sida=2"' in body
    assert get(url + "?sida=2")[0]["X-Cache"] == "MISS"
    # The parameters pages read key copies of their own.
    assert get(url + "?page=1&q=x")[0]["X-Cache"] == "MISS"
    assert get(url + "?page=1&q=x")[0]["X-Cache"] == "HIT"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def redirect_of(url, **headers):
    """(status, Location) of a redirect, not followed."""
    opener = urllib.request.build_opener(_NoRedirects)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(urllib.request.Request(url, headers=headers), timeout=10)
    return redirect.value.code, redirect.value.headers["Location"]


@pytest.mark.django_db(transaction=True)
def test_the_sites_redirects_hand_the_clicks_campaign_parameters_on(varnish):
    article = make_article(headline="Länkad i ett nyhetsbrev")
    path = article.get_absolute_url()
    unslashed = varnish + path.rstrip("/")

    assert redirect_of(unslashed + "?utm_source=nyhetsbrev&sida=2&fbclid=first") == (
        301,
        f"{path}?sida=2&utm_source=nyhetsbrev&fbclid=first",
    )
    # The same redirect, perhaps from the cache, carries each click's own parameters.
    assert redirect_of(unslashed + "?sida=2&fbclid=second") == (301, f"{path}?sida=2&fbclid=second")
    assert redirect_of(varnish + "/?utm_campaign=v48") == (302, "/sv/?utm_campaign=v48")
    # Only what the address carries: a visitor's own X-Campaign header is not handed on.
    assert redirect_of(varnish + "/", **{"X-Campaign": "utm_source=forged"}) == (302, "/sv/")


@pytest.mark.django_db(transaction=True)
def test_absolute_redirects_on_the_same_host_hand_the_clicks_campaign_parameters_on(varnish):
    # As the redirect to https is: an absolute address on the host asked.
    from django.contrib.redirects.models import Redirect
    from django.contrib.sites.models import Site

    site = Site.objects.get_current()
    Redirect.objects.create(site=site, old_path="/sv/gammal/", new_path=f"{varnish}/sv/ny/")
    Redirect.objects.create(site=site, old_path="/sv/bort/", new_path="https://example.org/x/")
    assert redirect_of(varnish + "/sv/gammal/?utm_source=nyhetsbrev&fbclid=x") == (
        301,
        f"{varnish}/sv/ny/?utm_source=nyhetsbrev&fbclid=x",
    )
    assert redirect_of(varnish + "/sv/bort/?fbclid=x") == (301, "https://example.org/x/")


def send_post_headers(url, path, length):
    """A socket on which a POST's headers, and no body yet, have been sent to Varnish."""
    host, port = url.removeprefix("http://").split(":")
    connection = socket.create_connection((host, int(port)), timeout=10)
    connection.sendall(
        f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: {length}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\n".encode()
    )
    return connection


@pytest.mark.django_db(transaction=True)
def test_a_slowly_sent_body_does_not_hold_a_worker(varnish):
    from django.core.signals import request_started

    started = []

    def record(**kwargs):
        started.append(kwargs)

    # Larger than Varnish's own write buffer, which would otherwise hold back a small one.
    body = b"choice=accept&source=banner&banner=" + b"x" * 512 * 1024
    request_started.connect(record)
    try:
        with send_post_headers(varnish, "/sv/samtycke/", len(body)) as connection:
            connection.sendall(body[: len(body) // 2])
            # Varnish waits for the rest itself: the site (one sync worker per request in
            # production) has not been handed the request meanwhile.
            threading.Event().wait(1)
            assert started == []
            connection.sendall(body[len(body) // 2 :])
            answer = connection.makefile("rb").readline()
        assert answer.startswith(b"HTTP/1.1 ")
        assert len(started) == 1
    finally:
        request_started.disconnect(record)


@pytest.mark.django_db(transaction=True)
def test_a_body_over_the_upload_limit_is_refused_before_it_reaches_the_site(varnish):
    with send_post_headers(varnish, "/sv/samtycke/", 100 * 1024 * 1024) as connection:
        # Refused on its announced length, before any of it is read.
        answer = connection.makefile("rb").readline()
    assert answer.startswith(b"HTTP/1.1 413 ")


@pytest.mark.django_db(transaction=True)
def test_a_visitor_asked_again_is_not_served_the_copy_of_those_who_answered(varnish):
    from cookie_consent.models import Cookie
    from django.test import Client

    from consent.texts import current_digest
    from newsroom.cache import page_cache_purge

    article = make_article(headline="Ny fråga")
    url = varnish + article.get_absolute_url()

    def accepted():
        client = Client()
        client.post(
            "/sv/samtycke/", {"choice": "accept", "source": "banner", "banner": current_digest()}
        )
        return "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())

    earlier = accepted()
    # A privacy officer changes the cookie table: a new wording, and everyone is asked again.
    Cookie.objects.filter(name="nr_analytics").update(description="Ett nytt syfte.")
    page_cache_purge()
    headers, body = get(url, Cookie=accepted())
    assert "js/analytics.js" in body
    # The visitor who accepted the earlier wording is asked, although their state cookie says
    # accepted too: not served the copy of those who accepted the new one.
    for _ in range(2):
        headers, body = get(url, Cookie=earlier)
        assert headers["X-Consent-State"] == "undecided"
        assert "Denna webbplats använder cookies" in body
        assert "js/analytics.js" not in body
    # Those who accepted the new wording still share their copy.
    headers, body = get(url, Cookie=accepted())
    assert headers["X-Cache"] == "HIT"
    assert "js/analytics.js" in body


@pytest.mark.django_db(transaction=True)
def test_the_cookie_settings_confirmation_passes_through_to_the_reader(varnish):
    from django.test import Client

    from consent.texts import current_digest

    # The answer on the settings page (no JavaScript there) leaves its confirmation in Django's
    # message cookie, which the page after the redirect must get to read it.
    client = Client()
    client.post(
        "/sv/samtycke/",
        {
            "choice": "accept",
            "source": "settings",
            "banner": current_digest(),
            "next": "/sv/cookieinstallningar/",
        },
    )
    assert "messages" in client.cookies
    cookies = "; ".join(f"{k}={v.value}" for k, v in client.cookies.items())
    _, body = get(varnish + "/sv/cookieinstallningar/", Cookie=cookies)
    assert "Ditt val är sparat: analyscookies är tillåtna." in body
    # It is the reader's own: nothing of it is kept for the next visitor in the same state.
    state = f"nr_consent_state={client.cookies['nr_consent_state'].value}"
    _, body = get(varnish + "/sv/cookieinstallningar/", Cookie=state)
    assert "Ditt val är sparat" not in body
