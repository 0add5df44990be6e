"""The admin's read-only fields, a yes/no one named as the lists name theirs (boolean_icon)."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from newsroom.admin import boolean_icon

register = template.Library()


@register.simple_tag
def readonly_contents(field):
    """A read-only field's contents, as Django's AdminReadonlyField gives them, but a yes/no
    field's icon says "Yes"/"No" in the admin's language, not "True"/"False"."""
    name, obj = field.field["field"], field.form.instance
    try:
        model_field = obj._meta.get_field(name) if isinstance(name, str) else None
    except FieldDoesNotExist:
        model_field = None
    if isinstance(model_field, models.BooleanField) and not model_field.choices:
        return boolean_icon(getattr(obj, model_field.attname))
    return field.contents()
