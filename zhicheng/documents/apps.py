from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "zhicheng.documents"
    label = "documents"
    verbose_name = "文书生成"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the font check)
