from django.db import migrations


def load_taxonomy(apps, schema_editor):
    from organisation.taxonomy import sync_taxonomy

    sync_taxonomy(apps)


class Migration(migrations.Migration):
    dependencies = [("organisation", "0001_initial")]

    operations = [migrations.RunPython(load_taxonomy, migrations.RunPython.noop)]
