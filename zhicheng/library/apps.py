from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "zhicheng.library"
    label = "library"
    verbose_name = "个人业绩库"
