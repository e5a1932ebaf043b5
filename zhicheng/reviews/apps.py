from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "zhicheng.reviews"
    label = "reviews"
    verbose_name = "评审"

    def ready(self) -> None:
        # reviews sits above applications: it answers the applications' hooks.
        from zhicheng.applications.hooks import application_submitted, flow_steps, record_actions
        from zhicheng.core import portal as pages

        from . import portal, selectors, services

        application_submitted.register(services.case_open)
        flow_steps.register(selectors.flow_steps)
        record_actions.register(selectors.record_actions)
        pages.menu_items.register(portal.menu)
        pages.staff_modules.register(portal.staff_reviews)
        pages.unit_tiles.register(portal.unit_tiles)
