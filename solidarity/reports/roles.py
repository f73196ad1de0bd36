"""Staff roles as Django groups: moderators review reports; organisers also run campaigns."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

MODERATOR_PERMISSIONS = [
    "reports.view_report",
    "reports.change_report",
    "reports.view_reviewqueue",
    "reports.change_reviewqueue",
    "reports.view_photo",
    "reports.change_photo",  # descriptions for screen readers (services.photo_describe)
    "campaigns.view_campaign",
    "campaigns.view_campaigntranslation",
    "registry.view_organisation",
    # the registry, read; solidarity messages are moderated like reports
    "registry.view_person",
    "registry.view_case",
    "registry.view_source",
    "registry.view_statusevent",
    "registry.view_persontranslation",
    # reports that came by e-mail: the message, the guesses read from it, and the answer to the sender
    "intake.view_message",
    "intake.change_message",
    "registry.view_affiliation",
    "registry.view_defendant",
    "registry.view_charge",
    "registry.view_letter",
    "registry.change_letter",
    # the calendar, read
    "events.view_event",
    "events.view_eventtranslation",
]
ORGANISER_PERMISSIONS = [
    *MODERATOR_PERMISSIONS,
    # the newsroom: articles read and the registry records proposed from them, reviewed into the registry
    *(f"newsroom.{verb}_{model}" for model in ("article", "proposal") for verb in ("view", "change")),
    # the mailboxes reports are fetched from (server, account, acknowledgements)
    "intake.view_mailbox",
    "intake.add_mailbox",
    "intake.change_mailbox",
    "campaigns.add_campaign",
    "campaigns.change_campaign",
    "campaigns.add_campaigntranslation",
    "campaigns.change_campaigntranslation",
    "campaigns.delete_campaigntranslation",
    # the calendar: events are set back to draft rather than deleted (events/admin.py)
    "events.add_event",
    "events.change_event",
    "events.add_eventtranslation",
    "events.change_eventtranslation",
    "events.delete_eventtranslation",
    "registry.add_organisation",
    "registry.change_organisation",
    # keeping the registry: edits and merges go through registry/services.py, audited
    # people, cases and sources are hidden or merged, never deleted by staff (registry/admin.py)
    *(f"registry.{verb}_{model}" for model in ("person", "case", "source") for verb in ("add", "change")),
    *(
        f"registry.{verb}_{model}"
        for model in ("statusevent", "affiliation", "defendant", "charge", "persontranslation")
        for verb in ("add", "change", "delete")
    ),
    "registry.merge_records",
    "registry.print_letters",
    "lib.view_auditentry",
    "reports.export_private",
    "api.view_apikey",  # API keys for partner sites (solidarity/api/services.py)
    "api.add_apikey",
    "api.change_apikey",  # revoking
    # how many wait for e-mail reminders (addresses masked: reminders.view_address is for no role by default),
    # and removing one on a supporter's request
    "reminders.view_subscription",
    "reminders.delete_subscription",
]
ROLES = {"moderator": ("Moderators", MODERATOR_PERMISSIONS), "organiser": ("Organisers", ORGANISER_PERMISSIONS)}


def ensure_role(role: str) -> Group:
    """The group for ``role`` with exactly its permissions (re-run safely after upgrades add some)."""
    name, codes = ROLES[role]
    group, _created = Group.objects.get_or_create(name=name)
    permissions = []
    for code in codes:
        app_label, codename = code.split(".")
        permissions.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    group.permissions.set(permissions)
    return group


def sync_existing_roles(**kwargs: object) -> None:
    """Give the role groups that already exist every permission their role now lists.

    Staff created before an upgrade would otherwise lack what the upgrade added to their role (a moderator
    could not describe photos, an organiser could not manage API keys) until someone re-ran ``createstaff``.
    Groups that do not exist yet are left alone: ``ensure_role`` creates them with the first account.
    """
    for role, (name, _codes) in ROLES.items():
        if Group.objects.filter(name=name).exists():
            try:
                ensure_role(role)
            except Permission.DoesNotExist:
                return  # a partial migrate (one app up to some migration): the next full migrate syncs
