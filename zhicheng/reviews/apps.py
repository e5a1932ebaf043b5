from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "zhicheng.reviews"
    label = "reviews"
    verbose_name = "评审"

    def ready(self) -> None:
        # reviews sits above applications: it answers the applications' hooks.
        from zhicheng.applications.hooks import application_submitted, flow_steps, record_actions

        from . import selectors, services

        application_submitted.register(services.case_open)
        flow_steps.register(selectors.flow_steps)
        record_actions.register(selectors.record_actions)
