"""Strings of Django's admin and django-simple-history without Swedish, or with Swedish amiss here.

Editors work in Swedish; these would show in English, or read wrongly. Their Swedish is in the
project's catalog (locale/sv), which Django reads before any app's. Listed here, makemessages
keeps them there: a string no source file names would be dropped from the catalog as obsolete.
Nothing imports this module.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

ADMIN = [
    # django/contrib/admin/templates/admin/date_hierarchy.html
    gettext_noop("Filter by %(field_name)s"),
    # django/db/models/fields/__init__.py BLANK_CHOICE_LABEL: the list's actions, empty choices
    gettext_noop("- Select an option -"),
    # django/contrib/admin/templates/admin/widgets/related_widget_wrapper.html: one object,
    # in the singular ("markerad sektion"); Django's Swedish has the plural's "markerade".
    gettext_noop("Change selected %(model)s"),
    gettext_noop("Delete selected %(model)s"),
    gettext_noop("View selected %(model)s"),
]

SIMPLE_HISTORY = [
    gettext_noop("Change history: %s"),
    gettext_noop('The %(name)s "%(obj)s" was changed successfully.'),
    gettext_noop("You may edit it again below"),
    gettext_noop("Revert %s"),
    # A deleted article's history, shown without reverting (revert_disabled).
    gettext_noop("View history: %s"),
    gettext_noop("View %s"),
    gettext_noop("Created"),
    gettext_noop("Changed"),
    gettext_noop("Deleted"),
    gettext_noop(
        "Choose a date from the list below to revert to a previous version of this object."
    ),
    gettext_noop("This object doesn't have a change history."),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("View %(verbose_name)s"),
    gettext_noop("Press the 'Revert' button below to revert to this version of the object."),
    gettext_noop("Press the 'Change History' button below to edit the history."),
    gettext_noop("Or press the 'Change History' button to edit the history."),
    gettext_noop("Object"),
    gettext_noop("Changed by"),
    gettext_noop("Change reason"),
    gettext_noop("Changes"),
    gettext_noop("Revert"),
    gettext_noop("Change History"),
    ngettext_lazy("entry", "entries", 1),
]
