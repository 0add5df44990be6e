// Newsroom's own analytics: one first-party cookie with a random visitor ID, and a page-view
// beacon to the site's own collector. Loaded only after the visitor has accepted analytics.
(() => {
  "use strict";

  const COOKIE = "nr_analytics";
  // Never longer than the consent it needs (COOKIE_CONSENT_MAX_AGE, 365 days by default): an ID
  // kept after the consent has run out would be kept without consent.
  const MAX_AGE = 60 * 60 * 24 * 365; // 12 months
  const COLLECT_URL = "/analytics/collect/";
  let stopped = false;

  const readCookie = () =>
    document.cookie
      .split("; ")
      .find((pair) => pair.startsWith(`${COOKIE}=`))
      ?.slice(COOKIE.length + 1);

  // A random version 4 UUID; crypto.randomUUID() exists only on HTTPS and localhost.
  const randomId = () => {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };

  const secure = location.protocol === "https:" ? "; Secure" : "";
  if (!readCookie()) {
    document.cookie = `${COOKIE}=${randomId()}; Max-Age=${MAX_AGE}; Path=/; SameSite=Lax${secure}`;
  }

  const article = document.querySelector("[data-article-id]");
  if (article) {
    const body = JSON.stringify({ article: Number(article.dataset.articleId) });
    navigator.sendBeacon(COLLECT_URL, new Blob([body], { type: "application/json" }));
  }

  window.newsroomAnalytics = {
    stop() {
      if (stopped) return;
      stopped = true;
      document.cookie = `${COOKIE}=; Max-Age=0; Path=/; SameSite=Lax${secure}`;
      document.querySelector("script[data-analytics]")?.remove();
    },
  };
})();
