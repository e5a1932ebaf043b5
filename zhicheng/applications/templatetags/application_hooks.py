"""What higher apps add to 当前申报记录 (applications.hooks): the buttons and the 流程."""

from typing import Any

from django import template

from zhicheng.applications.hooks import FlowStep, RecordAction, actions_for, flow_for

register = template.Library()


@register.filter
def record_actions(application: Any) -> list[RecordAction]:
    return actions_for(application)


@register.filter
def flow_steps(application: Any) -> list[FlowStep]:
    return flow_for(application)
