"""Name the contact center: until now it was guessed as the first published function of the
contact-center organisation (in name order — which picked 'Budget- och skuldrådgivning' in
the demo). An existing registry gets the mark on its function called 'Kontaktcenter', when
there is exactly one; otherwise the system check (serviceguiden.W110) asks a global admin."""

from django.db import migrations
from django.db.models import Q


def name_the_contact_center(apps, schema_editor):
    Function = apps.get_model("directory", "Function")
    candidates = Function.objects.filter(
        organisation__kind="contact_center"
    ).filter(Q(slug="kontaktcenter") | Q(name__iexact="kontaktcenter"))
    if candidates.count() == 1:
        candidates.update(is_contact_center=True)


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_contact_center_shared_mobile_national_number")]

    operations = [migrations.RunPython(name_the_contact_center, migrations.RunPython.noop)]
