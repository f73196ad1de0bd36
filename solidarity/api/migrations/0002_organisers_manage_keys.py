"""Organisers manage API keys: grant the permissions to an existing organisers' group.

Permissions are normally created after all migrations run (post_migrate), and ``roles.ensure_role`` grants
them when a staff account is created; organisers who already exist would lack them until that is re-run.
"""

from django.db import migrations

PERMISSIONS = {
    "view_apikey": "Can view API key",
    "add_apikey": "Can add API key",
    "change_apikey": "Can change API key",
}


def grant_to_organisers(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name="Organisers").first()
    if group is None:
        return  # a fresh database: ensure_role grants them when the first organiser is created
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="api", model="apikey")
    for codename, name in PERMISSIONS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("api", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant_to_organisers, migrations.RunPython.noop)]
