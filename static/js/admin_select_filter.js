"use strict";
// Django's two-box filter widget (SelectFilter2.js, the admin's filter_horizontal: a user's
// groups and permissions, a group's permissions) names each of its filter boxes by an
// aria-label on the magnifier in the box's <label>, an empty <span>, where ARIA allows no name
// (axe: aria-prohibited-attr, serious) and screen readers need not read it. The text moves into
// the label as visually hidden text beside the magnifier, which is left a picture alone.
{
    const filter = window.SelectFilter;
    if (filter) {
        const init = filter.init;
        filter.init = function (fieldId, ...args) {
            init.call(this, fieldId, ...args);
            for (const box of ["_input", "_selected_input"]) {
                const input = document.getElementById(fieldId + box);
                for (const label of input?.labels ?? []) {
                    const icon = label.querySelector(".search-label-icon[aria-label]");
                    if (!icon) {
                        continue;
                    }
                    const text = document.createElement("span");
                    text.className = "visually-hidden";
                    text.textContent = icon.getAttribute("aria-label");
                    icon.removeAttribute("aria-label");
                    icon.after(text);
                }
            }
        };
    }
}
