// A table's scroll box (.table-scroll) is a keyboard stop, named as a region, so that a table
// wider than the screen can be scrolled without a pointer. A box whose table fits has nothing
// to scroll: it leaves the tab order and the list of regions, and comes back to both when its
// table no longer fits (a narrower window, larger text). Without JavaScript every box stays a
// stop, which is safe.
(() => {
  "use strict";

  const boxes = document.querySelectorAll(".table-scroll[tabindex]");
  if (!boxes.length || !("ResizeObserver" in window)) return;

  const NAMED = ["role", "aria-label", "aria-labelledby"];
  const stops = new Map(
    [...boxes].map((box) => [
      box,
      NAMED.filter((name) => box.hasAttribute(name)).map((name) => [
        name,
        box.getAttribute(name),
      ]),
    ]),
  );

  const update = (box) => {
    if (box.scrollWidth > box.clientWidth) {
      box.tabIndex = 0;
      for (const [name, value] of stops.get(box)) box.setAttribute(name, value);
    } else if (box !== document.activeElement) {
      // A focused box keeps its stop until focus leaves it (see the blur listener).
      box.removeAttribute("tabindex");
      for (const name of NAMED) box.removeAttribute(name);
    }
  };

  // The box's width follows the window's; the table's follows its text (fonts, zoom).
  const observer = new ResizeObserver((entries) => {
    for (const entry of entries) update(entry.target.closest(".table-scroll"));
  });
  for (const box of stops.keys()) {
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    box.addEventListener("blur", () => update(box));
  }
})();
