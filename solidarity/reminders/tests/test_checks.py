"""`check --deploy` names what reminder e-mails need: an https public address (for links and the one-click
unsubscribe) and a sender address other than webmaster@localhost."""

from __future__ import annotations

from solidarity.reminders.checks import check_reminder_mail


def test_deploy_checks_name_what_reminder_mail_needs(settings):
    settings.SOLIDARITY = {**settings.SOLIDARITY, "PUBLIC_URL": "http://solidarity.example.org"}
    settings.DEFAULT_FROM_EMAIL = "webmaster@localhost"
    assert [w.id for w in check_reminder_mail(None)] == ["solidarity.W020", "solidarity.W021"]
    settings.SOLIDARITY = {**settings.SOLIDARITY, "PUBLIC_URL": "https://solidarity.example.org"}
    settings.DEFAULT_FROM_EMAIL = "reminders@solidarity.example.org"
    assert check_reminder_mail(None) == []


def test_a_plain_http_address_gets_the_link_but_not_the_one_click_header(campaign, settings):
    from solidarity.reminders.mail import reminder_message
    from solidarity.reminders.models import Subscription

    settings.SOLIDARITY = {**settings.SOLIDARITY, "PUBLIC_URL": ""}
    row = Subscription.objects.create(
        campaign=campaign, email="d@example.net", language="en", wants_results=True, site="http://127.0.0.1:8000"
    )
    headers = reminder_message(row, "results").extra_headers
    assert headers["List-Unsubscribe"].startswith("<http://127.0.0.1:8000/en/reminders/unsubscribe/")
    assert "List-Unsubscribe-Post" not in headers
