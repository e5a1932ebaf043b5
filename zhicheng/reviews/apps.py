from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "zhicheng.reviews"
    label = "reviews"
    verbose_name = "评审"
