"""Forms for every registry entry. They own input cleaning; the rules are not here but in
`validation.py` (run while cleaning, so problems appear next to their field) and saving is
done by the domain functions (`commit(user)`), which check access, versions and the rules
again inside their transaction. The Django admin uses these forms; so will the editor.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.utils.translation import gettext_lazy as _

from serviceguiden.directory import editing, validation
from serviceguiden.directory.errors import Problem, RegistryError, problem
from serviceguiden.directory.models import (
    Channel,
    ExternalActor,
    Function,
    Organisation,
    PolicyException,
    Topic,
)
from serviceguiden.directory.policy_exceptions import grant_exception


class LinesField(forms.CharField):
    """A list of short texts, one per line (synonyms, domains)."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


def https_urls(db_field, **kwargs):
    """Model form fields, with web addresses typed without a scheme read as https."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class RegistryForm(forms.ModelForm):
    """A model form whose validation is `validation.py` and whose save is a domain function.

    `expected_version` carries the version the editor opened; saving compares it with the
    stored one, so a second editor gets a conflict instead of overwriting the first.
    """

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    warnings: list[Problem]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.warnings = []
        if self.instance.pk is not None:
            self.fields["expected_version"].initial = self.instance.version

    def problems(self) -> list[Problem]:
        raise NotImplementedError

    def validate_unique(self):
        """Uniqueness and the model's constraints are registry rules (REG-duplicate,
        REG-route) reported by `problems()` with their fix; the database still enforces them."""

    def _post_clean(self):
        had_errors = bool(self._errors)
        super()._post_clean()
        # The model's constraints come back as bare non-field errors; the registry rules
        # report the same things (REG-route, REG-duplicate) with a rule id and a fix.
        self._errors.pop(NON_FIELD_ERRORS, None)
        if had_errors or self._errors:
            return
        self.add_problems(self.problems())
        expected = self.cleaned_data.get("expected_version")
        if self.instance.pk is not None and expected is not None:
            stored = type(self.instance).objects.filter(pk=self.instance.pk).first()
            if stored is None or stored.version != expected:
                self.add_problems(
                    [
                        problem(
                            "REG-conflict", "", what=str(self.instance), expected=expected,
                            current=stored.version if stored else "–",
                        )
                    ]
                )  # fmt: skip

    def add_problems(self, problems: list[Problem]) -> None:
        for found in problems:
            if found.is_error:
                field = found.field if found.field in self.fields else None
                self.add_error(field, forms.ValidationError(found.text(), code=found.rule))
            else:
                self.warnings.append(found)

    def add_registry_error(self, error: RegistryError) -> None:
        """Show a `RegistryError` raised while committing (e.g. a conflict in a race)."""
        self.add_problems(error.problems)

    def try_commit(self, user) -> bool:
        """Commit; a `RegistryError` raised meanwhile is shown on the form. True when saved."""
        try:
            self.commit(user)
        except RegistryError as error:
            self.add_registry_error(error)
            return False
        return True

    @property
    def version(self) -> int | None:
        if self.instance.pk is None:
            return None
        return self.cleaned_data.get("expected_version")

    def commit(self, user) -> list[Problem]:
        raise NotImplementedError


class OrganisationForm(RegistryForm):
    domains = LinesField(label=_("own domains"), required=False)

    class Meta:
        model = Organisation
        fields = ["name", "slug", "kind", "parent", "general_email", "website", "domains"]
        formfield_callback = https_urls

    def problems(self):
        return validation.validate_organisation(self.instance)

    def commit(self, user):
        return editing.save_organisation(self.instance, user, expected_version=self.version)


class FunctionForm(RegistryForm):
    class Meta:
        model = Function
        fields = ["organisation", "name", "slug", "description", "review_by", "is_contact_center"]

    def problems(self):
        return validation.validate_function(self.instance)

    def commit(self, user):
        return editing.save_function(self.instance, user, expected_version=self.version)


class ChannelForm(RegistryForm):
    class Meta:
        model = Channel
        fields = ["kind", "value", "label", "hours", "position", "shared_mobile_reason"]

    def problems(self):
        function = getattr(self.instance, "function", None)
        if function is None or function.organisation_id is None:
            return []
        return validation.validate_channel(self.instance)[0]

    def commit(self, user):
        return editing.save_channel(self.instance, user, expected_version=self.version)


class TopicForm(RegistryForm):
    synonyms = LinesField(label=_("synonyms"), required=False, help_text=_("One per line."))

    class Meta:
        model = Topic
        fields = [
            "organisation", "name", "slug", "synonyms", "description", "function",
            "external_actor", "contact_center_first",
        ]  # fmt: skip

    def problems(self):
        return validation.validate_topic(self.instance)

    def commit(self, user):
        return editing.save_topic(self.instance, user, expected_version=self.version)


class ExternalActorForm(RegistryForm):
    class Meta:
        model = ExternalActor
        fields = ["name", "slug", "website", "purpose", "national_number"]
        formfield_callback = https_urls

    def problems(self):
        return validation.validate_external_actor(self.instance)

    def commit(self, user):
        return editing.save_external_actor(self.instance, user, expected_version=self.version)


class PolicyExceptionForm(forms.ModelForm):
    """Granting an exception (a new one only; an exception is revoked, never edited)."""

    class Meta:
        model = PolicyException
        fields = ["organisation", "value", "reason", "ends_on"]
        widgets = {"ends_on": forms.DateInput(attrs={"type": "date"})}

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        for found in validation.validate_exception(self.instance):
            field = found.field if found.field in self.fields else None
            self.add_error(field, forms.ValidationError(found.text(), code=found.rule))

    def commit(self, user) -> PolicyException:
        data = self.cleaned_data
        self.instance = grant_exception(
            data["organisation"], data["value"], reason=data["reason"],
            ends_on=data["ends_on"], user=user,
        )  # fmt: skip
        return self.instance


class ArchiveForm(forms.Form):
    """Archive a function: a replacement is required when topics route to it."""

    replacement = forms.ModelChoiceField(
        queryset=Function.objects.published(), required=False, label=_("replaced by")
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, function: Function, **kwargs):
        super().__init__(*args, **kwargs)
        self.function = function
        self.fields["replacement"].queryset = Function.objects.published().exclude(pk=function.pk)
        self.fields["expected_version"].initial = function.version
