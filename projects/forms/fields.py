"""Form fields shared by the projects forms."""

from django import forms


class _PersonLabel:
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class UserChoiceField(_PersonLabel, forms.ModelChoiceField):
    pass


class UserMultipleChoiceField(_PersonLabel, forms.ModelMultipleChoiceField):
    pass
