from typing import Any

from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "zhicheng.library"
    label = "library"
    verbose_name = "个人业绩库"

    def ready(self) -> None:
        from zhicheng.core import portal as pages
        from zhicheng.orgs.hooks import binding_ended

        from . import portal

        binding_ended.register(_entries_return_when_binding_ends)
        pages.menu_items.register(portal.menu)
        pages.home_modules.register(portal.home_stats)
        pages.unit_tiles.register(portal.unit_tiles)


def _entries_return_when_binding_ends(binding: Any, actor: Any, reason: str) -> int:
    from .services import entries_return_on_unit_change

    return entries_return_on_unit_change(
        person=binding.person, old_unit=binding.unit, actor=actor, reason=reason
    )
