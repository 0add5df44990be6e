// Newsroom's own analytics: one first-party cookie with a random visitor ID, and a page-view
// beacon to the site's own collector. Loaded only after the visitor has accepted analytics.
(() => {
  "use strict";

  const COOKIE = "nr_analytics";
  const MAX_AGE = 60 * 60 * 24 * 395; // 13 months
  const COLLECT_URL = "/analytics/collect/";
  let stopped = false;

  const readCookie = () =>
    document.cookie
      .split("; ")
      .find((pair) => pair.startsWith(`${COOKIE}=`))
      ?.slice(COOKIE.length + 1);

  const secure = location.protocol === "https:" ? "; Secure" : "";
  if (!readCookie()) {
    document.cookie = `${COOKIE}=${crypto.randomUUID()}; Max-Age=${MAX_AGE}; Path=/; SameSite=Lax${secure}`;
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
