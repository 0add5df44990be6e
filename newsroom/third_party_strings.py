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
    # django/contrib/admin/options.py and its delete pages. Django's Swedish speaks of an
    # ett-word ("redigera det"), quotes with “…” and tells the editor that a section's
    # articles must be deleted before it can be. The site's models are en-words.
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("You may edit it again below."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
    gettext_noop("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?"),
    gettext_noop("No action selected."),
    gettext_noop("Save and add another"),
    gettext_noop("Recent actions"),
    gettext_noop("Hold down “Control”, or “Command” on a Mac, to select more than one."),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would require deleting the "
        "following protected related objects:"
    ),
    gettext_noop(
        "Deleting the selected %(objects_name)s would require deleting the following "
        "protected related objects:"
    ),
    gettext_noop(
        "Deleting %(class_name)s %(instance)s would require deleting the following protected "
        "related objects: %(related_objects)s"
    ),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would result in deleting related "
        "objects, but your account doesn't have permission to delete the following types of "
        "objects:"
    ),
    gettext_noop(
        "Deleting the selected %(objects_name)s would result in deleting related objects, but "
        "your account doesn't have permission to delete the following types of objects:"
    ),
    gettext_noop(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of the "
        "following related items will be deleted:"
    ),
    gettext_noop(
        "Are you sure you want to delete the selected %(objects_name)s? All of the following "
        "objects and their related items will be deleted:"
    ),
    # django/contrib/admin/models.py: the change messages of an object's history.
    gettext_noop("Added {name} “{object}”."),
    gettext_noop("Changed {fields} for {name} “{object}”."),
    gettext_noop("Deleted {name} “{object}”."),
    gettext_noop("Deleted “%(object)s.”"),
    gettext_noop("Deletion"),
    # django/contrib/admin/actions.py: the list's delete action, its page and its message.
    # Django's Swedish deletes with both "Radera" (the button, a row's box) and "Ta bort" (the
    # action, the confirmations, the messages); the site says "radera" throughout, as its own
    # pages do ("Raderade artiklar"). The strings above say it too.
    gettext_noop("Delete selected %(verbose_name_plural)s"),
    gettext_noop("Successfully deleted %(count)d %(items)s."),
    gettext_noop("Cannot delete %(name)s"),
    gettext_noop("Delete multiple objects"),
]

AUTH = [
    # django/contrib/auth/models.py: the user's "active" box, in the same word for deleting.
    gettext_noop(
        "Designates whether this user should be treated as active. Unselect this instead of "
        "deleting accounts."
    ),
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

# django/contrib/redirects/models.py: the model's name, which Django's Swedish gives as the
# verb "omdirigera" ("Lade till omdirigera …", "Välj omdirigera att ändra").
REDIRECTS = [
    gettext_noop("redirect"),
]
