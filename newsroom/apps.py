from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"

    def ready(self):
        from . import checks, lookups  # noqa: F401 - checks registers itself

        lookups.register()
