"use strict";
// Django's autocomplete widget (Select2 4.0.13) names its combobox by the chosen value alone,
// and its read-only textbox not at all: screen readers hear neither the field's name nor, with
// nothing chosen, anything. Both are named by the field's <label> instead, as each widget is
// drawn (on page load, and in an inline row added later); the choice they show stays their
// value, as in the ARIA practices' select-only combobox.
{
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
            }
            return this;
        };
    }
}
