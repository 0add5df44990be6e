"""Django's method decorators for function views, the methods they allow said on the view.

Django's require_http_methods() keeps its list of methods to itself, so
MethodNotAllowedMiddleware could not tell what a function view or a feed allows, and
CsrfViewMiddleware refused a POST to one with "CSRF verification failed" before the view's own
405. These are Django's decorators, which still answer the methods they refuse; each also sets
`allowed_methods` on the view it returns, which the middleware reads.
"""

from django.views.decorators import http


def require_http_methods(request_method_list):
    """Django's decorator of the same name; the view says the methods in `allowed_methods`."""
    methods = tuple(request_method_list)
    decorator = http.require_http_methods(methods)

    def decorate(view):
        view = decorator(view)
        view.allowed_methods = methods
        return view

    return decorate


require_POST = require_http_methods(["POST"])
require_safe = require_http_methods(["GET", "HEAD"])


def allowed_methods(view):
    """The methods a view decorated above allows, or None where it does not say.

    A contrib Feed is an instance whose __call__ is decorated (method_decorator copies the
    attribute onto it).
    """
    return getattr(view, "allowed_methods", None) or getattr(
        type(view).__call__, "allowed_methods", None
    )
