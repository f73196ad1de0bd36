"""Translations remember which original they were made from; the ones that exist count as made from today's."""

from django.db import migrations, models

import solidarity.lib.translations
from solidarity.lib.translations import original_digest

FIELDS = ("title", "summary", "body", "slogans", "demands", "summary_intro")


def stamp(apps, schema_editor):
    CampaignTranslation = apps.get_model("campaigns", "CampaignTranslation")
    for row in CampaignTranslation.objects.select_related("campaign"):
        row.source_digest = original_digest(row.campaign, FIELDS)
        row.save(update_fields=["source_digest"])


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0003_campaign_cases_campaign_people"),
    ]

    operations = [
        migrations.AddField(
            model_name="campaigntranslation",
            name="source_digest",
            field=models.CharField(blank=True, editable=False, max_length=16),
        ),
        migrations.AlterField(
            model_name="campaigntranslation",
            name="language",
            field=models.CharField(
                choices=solidarity.lib.translations.language_choices, max_length=10, verbose_name="language"
            ),
        ),
        migrations.RunPython(stamp, migrations.RunPython.noop),
    ]
