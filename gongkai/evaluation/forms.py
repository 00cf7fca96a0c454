"""The questionnaire, built from a round's questions."""

from __future__ import annotations

from captcha.fields import CaptchaField
from django import forms

from .models import Audience, Question

MAX_TEXT = 1000


class QuestionnaireForm(forms.Form):
    audience = forms.ChoiceField(label="您的身份", choices=Audience.choices, widget=forms.RadioSelect)

    def __init__(self, *args, evaluation, with_captcha: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(evaluation.questions.all())
        for question in self.questions:
            name = f"q{question.pk}"
            if question.kind == Question.Kind.TEXT:
                self.fields[name] = forms.CharField(label=question.text, required=question.required,
                                                    max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3}))
            else:
                self.fields[name] = forms.ChoiceField(label=question.text, required=question.required,
                                                      choices=question.options, widget=forms.RadioSelect)
        if with_captcha:
            self.fields["captcha"] = CaptchaField(label="验证码", error_messages={"invalid": "验证码不正确，请重新输入。"})

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") or "" for q in self.questions}
