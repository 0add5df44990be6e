# Varnish in front of gunicorn: one cached copy of a page per consent state.
#
# Pages depend on the address, the language (in the address) and the visitor's consent state
# only. They say `Vary: Cookie, Sec-GPC`, which a cache would take as one copy per visitor.
# This VCL keys pages on the state instead, read from the unsigned `nr_consent_state` cookie,
# and checks the state the site says it rendered (X-Consent-State) before storing a page, so a
# visitor who edits that cookie cannot make others see the wrong page.
vcl 4.1;

import std;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

sub vcl_recv {
    # Set below from the address only, never taken from the visitor.
    unset req.http.X-Campaign;
    if (req.method != "GET" && req.method != "HEAD") {
        # gunicorn's sync workers serve one request at a time: the whole body is taken here
        # first, so a client that sends it slowly holds a Varnish thread, not a worker. The
        # limit (21 MB) is the largest image upload (NEWSROOM_IMAGE_MAX_BYTES, 20 MB) and its form.
        if (std.integer(req.http.Content-Length, 0) > 22020096) {
            return (synth(413, "Content Too Large"));
        }
        # A body longer than announced, or a chunked one over the limit: the connection is closed.
        if ((req.http.Content-Length || req.http.Transfer-Encoding)
            && !std.cache_req_body(21MB)) {
            return (fail);
        }
        return (pass);
    }
    # Campaign parameters on shared links (utm_*, fbclid, gclid, ...) change no page: one copy
    # for every click. The site drops the same names (CAMPAIGN_PARAMETER, newsroom/middleware.py).
    # The site's own redirects (a missing slash, / to /sv/) get them back in vcl_deliver.
    if (req.url ~ "[?&](utm_[a-z_]+|fbclid|igshid|gclid|gbraid|wbraid|dclid|msclkid|twclid|ttclid|li_fat_id|mc_cid|mc_eid|yclid|_ga|_gl)(=|&|$)") {
        set req.http.X-Campaign = regsuball(regsub(req.url, "^[^?]*\?", "&"), "&(?!(utm_[a-z_]+|fbclid|igshid|gclid|gbraid|wbraid|dclid|msclkid|twclid|ttclid|li_fat_id|mc_cid|mc_eid|yclid|_ga|_gl)(=|&|$))[^&]*", "");
        set req.http.X-Campaign = regsub(req.http.X-Campaign, "^&", "");
        set req.url = regsuball(req.url, "(?<=[?&])(utm_[a-z_]+|fbclid|igshid|gclid|gbraid|wbraid|dclid|msclkid|twclid|ttclid|li_fat_id|mc_cid|mc_eid|yclid|_ga|_gl)(=[^&]*)?(&|$)", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    # Any parameter but those pages read (the search words, a list's page) would key a copy of
    # its own, and anyone could fill the cache with copies of one page: such requests pass.
    # The site does the same (PAGE_PARAMETERS, newsroom/cache.py).
    if (req.url ~ "\?" && req.url !~ "\?(q|page)=[^&]*(&(q|page)=[^&]*)*$") {
        return (pass);
    }
    # Signed-in staff and the admin are personal: never cached.
    if (req.url ~ "^/admin/" || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # A message for this reader alone (Django's message cookie: the cookie settings page's
    # confirmation of a saved choice) must reach the site, and its page is nobody else's.
    if (req.http.Cookie ~ "(^|;\s*)messages=") {
        return (pass);
    }
    # The state and the wording it answered ("accepted.1a2b..."): a visitor asked again since
    # keys no copy of those who answered the current wording. A value without the wording (a
    # cookie set before it was named) keys a copy the site never confirms: it is always fetched.
    if (req.http.Cookie ~ "(^|;\s*)nr_consent_state=(accepted|declined)(\.[0-9a-f]+)?(;|$)") {
        set req.http.X-Consent-State = regsub(
            req.http.Cookie,
            "^(.*;\s*)?nr_consent_state=((accepted|declined)(\.[0-9a-f]+)?)(;.*)?$",
            "\2");
    } elsif (req.http.Sec-GPC == "1") {
        set req.http.X-Consent-State = "gpc";
    } else {
        set req.http.X-Consent-State = "undecided";
    }
    # Only the consent cookies reach the site; tracking and analytics cookies are dropped.
    if (req.http.Cookie) {
        set req.http.Cookie = ";" + req.http.Cookie;
        set req.http.Cookie = regsuball(req.http.Cookie, ";\s+", ";");
        set req.http.Cookie = regsuball(req.http.Cookie, ";(nr_consent|nr_consent_state)=", "; \1=");
        set req.http.Cookie = regsuball(req.http.Cookie, ";[^ ][^;]*", "");
        set req.http.Cookie = regsuball(req.http.Cookie, "^[; ]+|[; ]+$", "");
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        }
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.Host) {
        hash_data(req.http.Host);
    } else {
        hash_data(server.ip);
    }
    hash_data(req.http.X-Consent-State);
    return (lookup);
}

sub vcl_backend_response {
    # Store a page only under the state the site really rendered it for.
    if (beresp.http.X-Consent-State != bereq.http.X-Consent-State) {
        set beresp.uncacheable = true;
        set beresp.ttl = 1s;
        return (deliver);
    }
    # The consent state is in the hash already; varying on the whole Cookie header would
    # keep one copy per visitor again.
    if (beresp.http.Vary) {
        set beresp.http.Vary = regsuball(beresp.http.Vary, "(?i)\s*(Cookie|Sec-GPC)\s*(,|$)", "");
        set beresp.http.Vary = regsub(beresp.http.Vary, "^[\s,]+|[\s,]+$", "");
        if (beresp.http.Vary == "") {
            unset beresp.http.Vary;
        }
    }
    return (deliver);
}

sub vcl_backend_fetch {
    unset bereq.http.X-Campaign;
}

sub vcl_deliver {
    # A redirect to the site's own address carries the click's campaign parameters on, as the
    # site does when it sees them (CampaignParametersMiddleware); never to another site.
    # Its own addresses: relative ones, and absolute ones on the host asked (the redirect to https).
    if (resp.http.Location ~ "^https?://") {
        set req.http.X-Location-Host = regsub(resp.http.Location, "^https?://([^/?#]*).*$", "\1");
    } else {
        unset req.http.X-Location-Host;
    }
    if (req.http.X-Campaign && resp.status >= 301 && resp.status <= 308
        && (resp.http.Location ~ "^/([^/\\]|$)"
            || (req.http.X-Location-Host && req.http.X-Location-Host == req.http.Host))) {
        if (resp.http.Location ~ "\?") {
            set resp.http.Location = resp.http.Location + "&" + req.http.X-Campaign;
        } else {
            set resp.http.Location = resp.http.Location + "?" + req.http.X-Campaign;
        }
    }
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
