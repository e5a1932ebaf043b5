"""templates/_field.html, the one field partial: each error and help text tied to its input, and a
counter under text fields with a maxlength."""

import re

from django import forms
from django.template.loader import render_to_string


class SampleForm(forms.Form):
    statement = forms.CharField(label="申请说明", max_length=10, help_text="写明原因")
    kinds = forms.MultipleChoiceField(
        label="类型", choices=[("a", "甲"), ("b", "乙")], widget=forms.CheckboxSelectMultiple
    )


def render(form: forms.Form, name: str) -> str:
    return render_to_string("_field.html", {"field": form[name]})


def test_an_error_is_tied_to_its_input() -> None:
    form = SampleForm({"statement": "一二三四五六七八九十十一", "kinds": []})
    assert not form.is_valid()
    html = render(form, "statement")
    [tag] = re.findall(r"<input[^>]*>", html)
    assert 'aria-invalid="true"' in tag
    described = re.search(r'aria-describedby="([^"]+)"', tag)
    assert described is not None
    ids = described.group(1).split()
    assert ids == ["id_statement_helptext", "id_statement_error"]
    for element_id in ids:
        assert f'id="{element_id}"' in html
    error_block = html[html.index('id="id_statement_error"') :]
    assert "不超过 10 字符" in error_block


def test_a_group_of_choices_names_its_error_on_the_fieldset() -> None:
    form = SampleForm({"statement": "好", "kinds": []})
    assert not form.is_valid()
    html = render(form, "kinds")
    fieldset = re.search(r"<fieldset[^>]*>", html)
    assert fieldset is not None
    assert 'aria-describedby="id_kinds_error"' in fieldset.group(0)
    assert 'id="id_kinds_error"' in html
    assert 'aria-invalid="true"' in html  # on each box


def test_a_field_with_a_maxlength_shows_a_counter() -> None:
    form = SampleForm(initial={"statement": "四个汉字"})
    html = render(form, "statement")
    counter = re.search(r'<p class="char-count[^"]*"[^>]*>.*?</p>', html, re.S)
    assert counter is not None
    assert 'data-char-count="id_statement"' in counter.group(0)
    assert 'data-limit="10"' in counter.group(0)
    assert re.sub(r"<[^>]+>", "", counter.group(0)) == "已输入 4/10 字"


def test_a_field_without_errors_is_not_marked_invalid() -> None:
    html = render(SampleForm(initial={}), "statement")
    assert "aria-invalid" not in html
    assert 'aria-describedby="id_statement_helptext"' in html
