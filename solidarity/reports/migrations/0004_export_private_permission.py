"""The permission to export reports with their private fields, granted to the organisers' group.

Permissions are normally created after all migrations run (post_migrate), and ``roles.ensure_role`` grants
them when a staff account is created. Organisers who already exist would otherwise lack the new permission
until someone re-runs that, so it is created and granted here.
"""

from django.db import migrations

CODENAME = "export_private"
NAME = "Can export reports with their private fields"


def grant_to_organisers(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name="Organisers").first()
    if group is None:
        return  # a fresh database: ensure_role grants it when the first organiser is created
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="reports", model="report")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=CODENAME, defaults={"name": NAME}
    )
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
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
        migrations.RunPython(grant_to_organisers, migrations.RunPython.noop),
    ]
