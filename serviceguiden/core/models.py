"""What the product remembers for a user between visits (not registry data)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ColumnMapping(models.Model):
    """How a user mapped the columns of a spreadsheet to registry fields, remembered by the
    spreadsheet's column names (`spreadsheet.columns.signature`): the next import of the same
    export maps itself, on the command line (`import --as USER`) and in the editor alike."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="column_mappings",
    )
    signature = models.CharField(_("column names"), max_length=40)
    fields = models.JSONField(_("fields by column"), default=list)  # one field key per column
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "signature"], name="one_mapping_per_export")
        ]
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")

    def __str__(self) -> str:
        return f"{self.user} · {self.signature[:8]}"
