"""Forms for the office pages; the services check every value again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.procedures.choices import CommentDecision, ReviewOutcome


class DecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("采纳情况"), choices=CommentDecision.choices[1:])
    gist = forms.CharField(label=_("意见摘要"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ConcludeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("审查结论"), choices=ReviewOutcome.choices)
    opinion = forms.CharField(label=_("审查意见"), widget=forms.Textarea(attrs={"rows": 4}))
    issues = forms.CharField(label=_("问题清单（每行一条）"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
