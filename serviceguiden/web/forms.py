"""The editor's forms. They are the registry's forms (`directory/forms.py`) with the fields
a contact owner edits on one screen and labels in the owner's language; cleaning runs the
registry's validation, saving goes through its domain functions (`commit(user)`).
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.forms import inlineformset_factory
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from serviceguiden.directory import forms as registry_forms
from serviceguiden.directory.models import Channel, ExternalActor, Function, Membership
from serviceguiden.web import labels
from serviceguiden.web.collation import sorted_by_name
from serviceguiden.web.hours_fields import HoursFieldsMixin


def _lang() -> str:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


def _slug_from_name(form) -> str:
    slug = form.cleaned_data.get("slug") or slugify(form.cleaned_data.get("name") or "")
    return slug[:100]


class FunctionEditForm(registry_forms.FunctionForm):
    """A function's own fields. Its organisation and key never change here: embeds use the
    key, and moving a function between organisations is a global admin's job."""

    class Meta(registry_forms.FunctionForm.Meta):
        fields = ["name", "description", "review_by"]
        labels = {
            "name": _("Name"),
            "description": _("Description"),
            "review_by": _("Review by"),
        }
        help_texts = {
            "name": _("What the unit is called, e.g. Building permits."),
            "description": _("What it helps with. No names or contact details of people."),
            "review_by": _("By this date you confirm that the details are still right."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "review_by": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A changed review date is seen against the stored one, not a hidden initial input.
        self.fields["review_by"].show_hidden_initial = False


class FunctionCreateForm(registry_forms.FunctionForm):
    slug = forms.SlugField(
        label=_("Key"), required=False, max_length=100,
        help_text=_("Used in embed codes and web addresses; made from the name when empty."),
    )  # fmt: skip

    class Meta(registry_forms.FunctionForm.Meta):
        fields = ["name", "slug", "description"]
        labels = FunctionEditForm.Meta.labels
        help_texts = {k: v for k, v in FunctionEditForm.Meta.help_texts.items() if k != "review_by"}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean_slug(self):
        return _slug_from_name(self)


class ChannelEditForm(HoursFieldsMixin, registry_forms.ChannelForm):
    """One typed contact channel with its hours, inline on the function's screen."""

    # An empty first choice: an untouched "new channel" row stays unchanged and is skipped.
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Choose a kind"))] + labels.channel_kind_choices()
    )

    shared_mobile = forms.BooleanField(
        label=_("Shared function mobile"),
        required=False,
        help_text=_(
            "Tick only if the whole function answers this mobile (an on-call phone, a team's "
            "mobile), never one person."
        ),
    )

    class Meta(registry_forms.ChannelForm.Meta):
        fields = ["kind", "value", "label", "position", "shared_mobile_reason"]
        labels = {
            "value": _("Contact detail"),
            "label": _("Label (optional)"),
            "position": _("Order"),
            "shared_mobile_reason": _("Why the function shares this mobile"),
        }
        help_texts = {
            "value": _("A function mailbox, function phone, link or address – never a person's."),
            "shared_mobile_reason": _("Who answers it and why; kept in the history."),
        }
        widgets = {
            "value": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            # the order is changed with the Move up / Move down buttons (`ChannelOrder`)
            "position": forms.HiddenInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lang = _lang()
        self.fields["position"].required = False
        self.fields["shared_mobile_reason"].widget = forms.TextInput()
        self.fields["shared_mobile"].initial = bool(self.instance.shared_mobile_reason)
        self.stored_hours = dict(self.instance.hours or {}) if self.instance.pk else {}
        self.add_hours_fields(self.stored_hours)

    @property
    def is_new_row(self) -> bool:
        """The empty row for adding a channel: optional, so nothing in it is required."""
        return self.instance.pk is None

    def clean_position(self):
        position = self.cleaned_data.get("position")
        return self.initial.get("position", 0) if position is None else position

    def clean(self):
        data = super().clean()
        self.instance.hours = self.build_hours()
        if not data.get("shared_mobile"):
            # Unticked: no statement (the registry refuses a mobile without one)
            data["shared_mobile_reason"] = ""
            self.instance.shared_mobile_reason = ""
        return data


class BaseChannelFormSet(forms.BaseInlineFormSet):
    def get_queryset(self):
        return super().get_queryset().order_by("position", "id")

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if index is not None and index >= self.initial_form_count():
            # a new channel goes after the others
            last = max((c.position for c in self.get_queryset()), default=-1)
            kwargs["initial"] = {"position": last + 1 + index - self.initial_form_count()}
        return kwargs

    def in_order(self) -> list:
        """The channel forms in the order visitors will see them (the new row last)."""

        def position(form):
            value = form["position"].value()
            try:
                return int(value)
            except (TypeError, ValueError):
                return form.instance.position

        existing = sorted(
            (f for f in self.forms if not f.is_new_row),
            key=lambda f: (position(f), f.instance.pk),
        )
        moved = getattr(self, "moved", None) or ""
        for number, form in enumerate(existing):
            row = form.prefix.rsplit("-", 1)[1]
            form.move_up = f"{row}:up" if number > 0 else ""
            form.move_down = f"{row}:down" if number < len(existing) - 1 else ""
            # after a move, focus stays on the moved channel's button (the same one if it
            # is still there: at the top or bottom only the other one is)
            form.focus_move = ""
            if moved.split(":")[0] == row:
                form.focus_move = (
                    moved
                    if moved in (form.move_up, form.move_down)
                    else (form.move_up or form.move_down)
                )
        return existing + [f for f in self.forms if f.is_new_row]


def move_channel(data, formset, index: int, step: int):
    """The submitted function form with channel `index` moved one place up (-1) or down
    (+1): every existing channel gets position 0, 1, 2, … in the new order. Nothing is
    saved; saving the form saves the order with everything else."""
    ordered = [f for f in formset.in_order() if not f.is_new_row]
    moving = next((f for f in ordered if f.prefix == f"{formset.prefix}-{index}"), None)
    if moving is None:
        return data
    where = ordered.index(moving)
    to = min(max(where + step, 0), len(ordered) - 1)
    ordered.insert(to, ordered.pop(where))
    data = data.copy()
    for position, form in enumerate(ordered):
        data[form.add_prefix("position")] = str(position)
    return data


ChannelFormSet = inlineformset_factory(
    Function, Channel, form=ChannelEditForm, formset=BaseChannelFormSet, extra=1,
    can_delete=True, fields=["kind", "value", "label", "position", "shared_mobile_reason"],
    max_num=40, absolute_max=40, validate_max=True,  # a forged TOTAL_FORMS costs nothing
)  # fmt: skip


def function_label(function: Function) -> str:
    return f"{function.name} ({function.organisation.name})"


class FunctionPickerField(forms.CharField):
    """A function chosen by typing: an `<input list>` whose `<datalist>` offers every
    choice as "Name (Organisation)" while typing (the browser filters it; no JavaScript).
    A name alone is enough when only one function has it."""

    widget = forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"})

    def __init__(self, *, queryset, **kwargs):
        super().__init__(**kwargs)
        self.queryset = queryset

    def choices(self) -> list[tuple[int, str]]:
        functions = self.queryset.select_related("organisation")
        return [(f.pk, function_label(f)) for f in sorted_by_name(functions)]

    def prepare_value(self, value):
        if isinstance(value, Function):
            return function_label(value)
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            found = self.queryset.select_related("organisation").filter(pk=value).first()
            return function_label(found) if found else value
        return value

    def clean(self, value):
        text = " ".join((super().clean(value) or "").split())
        if not text:
            return None
        if text.isdigit():  # a key, as a page without the picker sends it
            found_by_key = self.queryset.filter(pk=int(text)).first()
            if found_by_key is not None:
                return found_by_key
        functions = list(self.queryset.select_related("organisation"))
        exact = [f for f in functions if function_label(f).casefold() == text.casefold()]
        named = [f for f in functions if f.name.casefold() == text.casefold()]
        found = exact or named
        if len(found) == 1:
            return found[0]
        if found:
            raise forms.ValidationError(
                _("More than one function is called %(name)s. Choose the one with its "
                  "organisation in the list."), params={"name": text}, code="ambiguous",
            )  # fmt: skip
        raise forms.ValidationError(
            _("No published function is called %(name)s. Start typing its name and choose "
              "it in the list."), params={"name": text}, code="unknown",
        )  # fmt: skip


class TopicEditForm(registry_forms.TopicForm):
    """Routing (P1): the best-service function, or an external actor (a link only)."""

    slug = forms.SlugField(
        label=_("Key"), required=False, max_length=100,
        help_text=_("Used in embed codes and web addresses; made from the name when empty."),
    )  # fmt: skip
    synonyms = registry_forms.LinesField(
        label=_("Synonyms"), required=False,
        help_text=_("Other words visitors search with, one per line."),
    )  # fmt: skip

    class Meta(registry_forms.TopicForm.Meta):
        fields = [
            "name", "slug", "synonyms", "description", "function", "contact_center_first",
            "external_actor",
        ]  # fmt: skip
        labels = {
            "name": _("Name"),
            "description": _("Description"),
            "function": _("Best-service function"),
            "external_actor": _("External actor (instead of a function)"),
            "contact_center_first": _("The contact center answers first"),
        }
        help_texts = {
            "function": _(
                "The function that gives the best service for this topic. Type a few letters "
                "of its name and choose it in the list."
            ),
            "external_actor": _(
                "Only when another authority handles it: visitors get a link to its website."
            ),
            "contact_center_first": _(
                "Visitors see the contact center first and the function after it."
            ),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_field = self.fields["function"]
        picker = self.fields["function"] = FunctionPickerField(
            queryset=Function.objects.published(), label=model_field.label,
            required=False, help_text=model_field.help_text,
        )  # fmt: skip
        picker.widget.attrs["list"] = "function-choices"
        actors = self.fields["external_actor"]
        actors.queryset = ExternalActor.objects.order_by("name")
        actors.empty_label = _("None – a function answers")
        if self.instance.pk is not None:
            del self.fields["slug"]

    def clean_slug(self):
        return _slug_from_name(self)


class ExternalActorEditForm(registry_forms.ExternalActorForm):
    """P4: a name, a website and what it is for, and a national service number fixed by law
    (112, 1177) where the actor answers one. There is nowhere to type anything else."""

    slug = forms.SlugField(label=_("Key"), required=False, max_length=100)

    class Meta(registry_forms.ExternalActorForm.Meta):
        labels = {
            "name": _("Name"),
            "website": _("Website"),
            "purpose": _("What it is for"),
            "national_number": _("National service number (optional)"),
        }
        help_texts = {
            "website": _("Their own website; visitors are sent there."),
            "purpose": _("What visitors go to them for. No e-mail, phone or address."),
            "national_number": _(
                "Only a number fixed for the whole country: 112, 1177, 114 14, 113 13, "
                "116 111, 116 006. No other number of theirs is shown."
            ),
        }
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}

    def clean_slug(self):
        return _slug_from_name(self)


class OrganisationEditForm(registry_forms.OrganisationForm):
    """What an organisation admin keeps right: the name, the general mailbox (the fallback
    of P3 when a function cannot be shown) and the website. Kind, parent and own domains
    are a global admin's (Django admin)."""

    class Meta(registry_forms.OrganisationForm.Meta):
        fields = ["name", "general_email", "website"]
        labels = {
            "name": _("Name"),
            "general_email": _("General mailbox"),
            "website": _("Website"),
        }
        help_texts = {
            "general_email": _(
                "Shown when a function cannot be: a mailbox of the organisation, never a person's."
            ),
        }
        widgets = {
            "general_email": forms.TextInput(
                attrs={"autocomplete": "off", "spellcheck": "false", "data-check-kind": "email"}
            )
        }


class ArchiveEditForm(registry_forms.ArchiveForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = self.fields["replacement"].queryset
        field = self.fields["replacement"] = FunctionPickerField(
            queryset=queryset, label=_("Replaced by"), required=False,
            help_text=_("Type a few letters of its name and choose it in the list."),
        )  # fmt: skip
        field.widget.attrs["list"] = "replacement-choices"
        if self.function.topics.exists():
            field.required = True
            field.help_text = _(
                "Required: the topics that route here move to the replacement. Type a few "
                "letters of its name and choose it in the list."
            )


class MemberAddForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=labels.role_choices())

    def clean_username(self):
        name = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=name, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("There is no active account %(name)s. It is created with "
                  "`serviceguiden createuser` or at the first single sign-on."),
                params={"name": name},
            )  # fmt: skip
        return user


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=labels.role_choices())

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        self.fields["role"].initial = membership.role
