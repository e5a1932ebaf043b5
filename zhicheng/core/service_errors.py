"""How a service's ValidationError reaches the person: next to a form's fields, or as messages."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def form_add_service_errors(form: Any, error: ValidationError) -> None:
    """Errors keyed by a field of the form go next to it; the rest above the form."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            for message in field_errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def flash_errors(request: HttpRequest, error: ValidationError) -> None:
    """Each message of the error as a Chinese notice on the next page (after a POST-redirect)."""
    for message in error.messages:
        messages.error(request, message)
