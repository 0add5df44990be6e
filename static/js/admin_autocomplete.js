"use strict";
// Django's autocomplete widget (Select2 4.0.13) names its combobox by the chosen value alone,
// and its read-only textbox not at all: screen readers hear neither the field's name nor, with
// nothing chosen, anything. Both are named by the field's <label> instead, as each widget is
// drawn (on page load, and in an inline row added later); the choice they show stays their
// value, as in the ARIA practices' select-only combobox.
//
// An optional field's choice also shows Select2's clear button, a "×" drawn inside the
// combobox, whose text Chromium reads as part of its value ("× Riksdagshuset…"). The "×" moves
// from the button's text to its drawing (static/css/admin.css), and the button is hidden from
// screen readers, as it already is from the keyboard (not focusable): Delete or Backspace in
// the combobox clears the choice, as a click on the "×" does. Select2 draws the button anew
// whenever it draws the choice (one chosen, an option added by the "+" popup), so each drawing
// is watched, not only the first.
{
    const hideClearButtons = (rendered) => {
        for (const clear of rendered.querySelectorAll(".select2-selection__clear")) {
            if (clear.textContent) {
                clear.dataset.symbol = clear.textContent;
                clear.textContent = "";
            }
            clear.setAttribute("aria-hidden", "true");
        }
    };

    const $ = window.django && window.django.jQuery;
    const draw = $ && $.fn.djangoAdminSelect2;
    if (draw) {
        $.fn.djangoAdminSelect2 = function (...args) {
            draw.apply(this, args);
            for (const select of this) {
                const label = select.id && document.querySelector(`label[for="${select.id}"]`);
                const combobox = select.nextElementSibling?.querySelector(
                    ".select2-selection[role=combobox]"
                );
                const rendered = combobox?.querySelector(".select2-selection__rendered");
                if (!label || !rendered) {
                    continue;
                }
                label.id ||= `${select.id}_label`;
                combobox.setAttribute("aria-labelledby", label.id);
                rendered.setAttribute("aria-labelledby", label.id);
                hideClearButtons(rendered);
                new MutationObserver(() => hideClearButtons(rendered)).observe(rendered, {
                    childList: true,
                });
            }
            return this;
        };
    }
}
