from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.choices import Role


class EnrolmentForm(forms.Form):
    """Add a person to a body: an existing user name, or the details of a new account."""

    username = forms.CharField(label=_("用户名"), max_length=150)
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)
    full_name = forms.CharField(label=_("姓名（新建账号时填写）"), max_length=50, required=False)
    email = forms.EmailField(label=_("电子邮箱（新建账号时填写）"), required=False)
    password = forms.CharField(
        label=_("初始密码（新建账号时填写）"), widget=forms.PasswordInput, required=False, strip=False
    )
