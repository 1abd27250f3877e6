"""Chinese first: pages are in Chinese unless the user chose another language.

Django's LocaleMiddleware follows the browser's Accept-Language header, so a browser set to
English would get English pages nobody asked for. Pages here follow only the language the user
chose with the footer switch (the language cookie); API clients, which cannot use the switch,
still ask by Accept-Language.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if request.path_info.startswith("/api/"):
            return super().process_request(request)
        translation.activate(page_language(request))
        request.LANGUAGE_CODE = translation.get_language()


def page_language(request) -> str:
    """The language of a page: the one chosen with the footer switch, else Chinese."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    supported = {code for code, _name in settings.LANGUAGES}
    return chosen if chosen in supported else settings.LANGUAGE_CODE
