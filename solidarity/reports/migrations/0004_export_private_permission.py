"""The permission to export reports with their private fields.

Existing role groups receive it (and any permission a role gains later) from ``roles.sync_existing_roles``,
which runs after every migrate.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_recent_reports_index"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="report",
            options={
                "ordering": ["-held_on", "-id"],
                "permissions": [("export_private", "Can export reports with their private fields")],
                "verbose_name": "report",
                "verbose_name_plural": "reports",
            },
        ),
    ]
