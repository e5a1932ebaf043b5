"""What accounts adds to the menu and to 个人首页 (see `zhicheng.core.portal`)."""

from typing import Any

from django.urls import reverse

from zhicheng.core.portal import Link, Module


def menu(user: Any) -> list[Link]:
    return [Link(40, "个人中心", reverse("accounts:profile"))] if user.is_person else []


def home_photo(user: Any) -> list[Module]:
    if user.photo:
        return []
    return [
        Module(order=0, key="photo", todo=[Link(30, "尚未上传证件照", reverse("accounts:photo"))])
    ]
