// Progressive enhancement of the cookie banner: answer without a reload, start or stop
// analytics at once, and honour Global Privacy Control. Without JavaScript the banner's
// forms post and come back to the same page.
(() => {
  "use strict";

  const banner = document.querySelector("[data-consent-banner]");

  // A page shown again is as it was left: restored from the back/forward cache, or a tab left
  // open, it may still ask a question answered since on another page or in another tab, or
  // follow a choice changed since. The site says which state it renders the page for now
  // (X-Consent-State, as the page's data-consent-state names its own): if another, it is
  // loaded again.
  let shownFor = document.currentScript?.dataset.consentState;
  const reloadIfAnsweredElsewhere = async () => {
    if (!shownFor) return;
    const response = await fetch(location.href, {
      method: "HEAD",
      cache: "no-store",
      credentials: "same-origin",
    });
    const now = response.headers.get("X-Consent-State");
    if (now && now !== shownFor) location.reload();
  };
  const checkAnswer = () => reloadIfAnsweredElsewhere().catch(() => {});
  addEventListener("pageshow", (event) => {
    if (event.persisted) checkAnswer();
  });
  // A tab that shows or acts on a choice checks when the reader comes back to it: one with its
  // banner still there (answered nowhere yet, or hidden with Escape), one running analytics (a
  // consent withdrawn meanwhile stops it at once) and Cookie settings (which would offer to
  // withdraw a consent withdrawn already). Other answered pages need no request each time.
  const showsTheChoice = () =>
    banner?.isConnected ||
    document.querySelector("script[data-analytics]") ||
    document.querySelector("[data-consent-status]");
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && showsTheChoice()) checkAnswer();
  });

  // Cookie settings answer with a plain form post. A second click while its answer is on the
  // way would send it again (Chromium drops the first page, not the first request): the answer
  // already sent is the only one, as in the banner.
  const settingsForm = document.querySelector("[data-consent-settings-form]");
  let sent = false;
  settingsForm?.addEventListener("submit", (event) => {
    if (sent) {
      event.preventDefault();
      return;
    }
    sent = true;
    // A reader who stopped the page (Esc) can send it again a little later.
    setTimeout(() => {
      sent = false;
    }, 5000);
  });
  // Back on the page from the back/forward cache, it answers again.
  addEventListener("pageshow", () => {
    sent = false;
  });

  if (!banner) return;
  const form = banner.querySelector("[data-consent-form]");

  // While the banner asks, no consent counts (the question may have changed since the visitor
  // accepted): the analytics ID kept for an earlier consent goes, as a decline deletes it.
  // The name is analytics.js's cookie.
  const secure = location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `nr_analytics=; Max-Age=0; Path=/; SameSite=Lax${secure}`;
  const announcement = document.querySelector("[data-consent-announcement]");

  // The banner is gone once answered and focus is on the page: the live region says the answer
  // was saved, in the page's language (its data-accepted and data-declined).
  const announce = (choice) => {
    if (announcement) announcement.textContent = announcement.dataset[choice];
  };

  const loadAnalytics = (src) => {
    if (!src || document.querySelector("script[data-analytics]")) return;
    const script = document.createElement("script");
    script.src = src;
    script.defer = true;
    script.dataset.analytics = "";
    document.body.append(script);
  };

  const stopAnalytics = () => {
    if (window.newsroomAnalytics) window.newsroomAnalytics.stop();
  };

  const answer = async (choice, source) => {
    // A plain URL-encoded form, as without JavaScript (the endpoint takes nothing else).
    const body = new URLSearchParams(new FormData(form));
    body.set("choice", choice);
    body.set("source", source);
    const response = await fetch(form.action, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (!response.ok) throw new Error(`consent: ${response.status}`);
    const result = await response.json();
    // The page now shows the answer it gave: not one given elsewhere.
    shownFor = result.state;
    return result;
  };

  // A double click submits twice: the answer already on its way is the only one sent, so that
  // one click records one decision.
  let answering = false;
  form.addEventListener("submit", async (event) => {
    const button = event.submitter;
    if (!button) return;
    event.preventDefault();
    if (answering) return;
    answering = true;
    try {
      const result = await answer(button.value, "banner");
      banner.remove();
      if (result.analytics_script) loadAnalytics(result.analytics_script);
      else stopAnalytics();
      document.getElementById("main").focus({ preventScroll: true });
      announce(result.choice === "accepted" ? "accepted" : "declined");
    } catch {
      // Fall back to the plain form post, which works without JavaScript too.
      const choice = Object.assign(document.createElement("input"), {
        type: "hidden",
        name: "choice",
        value: button.value,
      });
      form.append(choice);
      form.submit();
    }
  });

  // Escape hides the banner for this page only; it never counts as an answer.
  banner.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      banner.hidden = true;
      document.getElementById("main").focus({ preventScroll: true });
    }
  });

  // Global Privacy Control: with no stored choice, the signal is a no; the question is
  // replaced by a short note. Accepting later in Cookie settings overrides it.
  if (navigator.globalPrivacyControl === true || "gpc" in banner.dataset) {
    const gpcForm = banner.querySelector("[data-consent-gpc-form]");
    banner.querySelector("[data-consent-question]").hidden = true;
    banner.querySelector("[data-consent-gpc-note]").hidden = false;
    gpcForm.hidden = false;
    // One tab at a time (a lock every tab of this site shares): a tab that waited sends the
    // cookie the first one's answer set, and the site records the signal's decline once.
    const declineForGpc = () => answer("decline", "gpc");
    const declined = navigator.locks
      ? navigator.locks.request("newsroom-consent-gpc", declineForGpc)
      : declineForGpc();
    declined.catch(() => {});
    // Leaving the page cancels a decline still on its way, which the site may have recorded
    // already: the next page, sent without its cookie, would record the signal again. A link
    // followed or a form sent meanwhile waits for the answer (a moment) and then goes.
    let pending = true;
    const settled = () => {
      pending = false;
    };
    declined.then(settled, settled);
    const afterTheAnswer = (event, go) => {
      if (!pending || event.defaultPrevented) return;
      event.preventDefault();
      declined.then(go, go);
    };
    document.addEventListener("click", (event) => {
      const link = event.target.closest?.("a[href]");
      if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
      // Another tab waits for the lock on its own; a download or an anchor leaves no page.
      if ((link.target && link.target !== "_self") || link.hasAttribute("download")) return;
      const to = new URL(link.href, location.href);
      if (to.hash && to.href.split("#")[0] === location.href.split("#")[0]) return;
      afterTheAnswer(event, () => link.click());
    });
    document.addEventListener("submit", (event) => {
      if (banner.contains(event.target)) return;
      const { submitter } = event;
      afterTheAnswer(event, () => event.target.requestSubmit(submitter));
    });
    // The note's OK: the signal's decline is recorded already (once), so the note just goes.
    gpcForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        await declined;
      } catch {
        // Not recorded: the plain form post records it, as without JavaScript.
        gpcForm.append(
          Object.assign(document.createElement("input"), {
            type: "hidden",
            name: "choice",
            value: "decline",
          }),
        );
        gpcForm.submit();
        return;
      }
      banner.remove();
      stopAnalytics();
      document.getElementById("main").focus({ preventScroll: true });
    });
  }
})();
