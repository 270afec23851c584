"""The service navigation: each role sees links to what it may use, and nothing else. It lives in
config, the composition root, because it links to every app's pages."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from accountability import rules as accountability_rules
from accounts import rules
from accounts.constants import Role
from councils import rules as council_rules
from involvement import rules as involvement_rules
from mentoring import rules as mentoring_rules
from referrals import rules as referral_rules
from release import rules as release_rules
from voice import rules as voice_rules
from work import rules as work_rules
from yousaid import rules as yousaid_rules


def navigation_for(user: Any, view_name: str = "") -> list[dict[str, Any]]:
    """Links for the user's role; `view_name` (namespace:name of the current page) marks the active one."""
    section = view_name.split(":")[0] if ":" in view_name else view_name
    items = []
    if rules.can_view_people(user):
        items.append(
            {"text": _("People"), "href": reverse("people:list"), "active": section in ("people", "resettlement")}
        )
    if rules.can_record_action_results(user):
        items.append({"text": _("My actions"), "href": reverse("my-actions"), "active": section == "my-actions"})
    if referral_rules.can_view_referrals(user):
        items.append({"text": _("Referrals"), "href": reverse("referrals:list"), "active": section == "referrals"})
    if release_rules.can_view_followups(user):
        # The prison plans releases; probation follows up after them. Each page links to the other.
        releases = "release:coming-up" if user.role == Role.PRISON_STAFF else "release:followups"
        items.append({"text": _("Releases"), "href": reverse(releases), "active": section == "release"})
    if work_rules.can_match_work(user):
        # Opportunities are reached from the work page, to keep the navigation short.
        items.append(
            {"text": _("Work on release"), "href": reverse("work:approaching-release"), "active": section == "work"}
        )
    elif work_rules.is_employer(user):
        items.append({"text": _("Opportunities"), "href": reverse("work:opportunities"), "active": section == "work"})
    if mentoring_rules.can_view_mentoring_caseload(user) and not work_rules.is_employer(user):
        items.append({"text": _("Mentoring"), "href": reverse("mentoring:caseload"), "active": section == "mentoring"})
    # Surveys for involvement leads; the safeguarding and restricted routes for the staff who hold
    # those duties. Marked active by page, not by app: all three are pages of the voice app.
    if voice_rules.can_build_surveys(user):
        items.append(
            {
                "text": _("Surveys"),
                "href": reverse("voice:surveys"),
                "active": view_name.startswith(("voice:survey", "voice:question")),
            }
        )
    if council_rules.can_create_councils(user):
        # Every member of staff may open the list of councils (a council's own pages only where they
        # may see its people); those who run councils have them in
        # the navigation, to keep case workers' navigation short.
        items.append({"text": _("Councils"), "href": reverse("councils:list"), "active": section == "councils"})
    if yousaid_rules.can_run_issues(user):
        items.append({"text": _("You said, we did"), "href": reverse("yousaid:list"), "active": section == "yousaid"})
    if involvement_rules.can_run_involvement(user):
        # Activities lead to roles, peer research, the guidance library and the report.
        items.append(
            {"text": _("Involvement"), "href": reverse("involvement:activities"), "active": section == "involvement"}
        )
    elif involvement_rules.can_view_report(user):
        # Commissioners hold providers to the feedback duty: the report, and the guidance on checking it.
        items.append(
            {"text": _("Involvement"), "href": reverse("involvement:report"), "active": section == "involvement"}
        )
    if user.role in (
        Role.COMMISSIONER,
        Role.ADMINISTRATOR,
        Role.INVOLVEMENT_LEAD,
    ) and accountability_rules.can_view_scorecards(user):
        # Commissioners hold providers to their outcomes; other staff reach them from the home page.
        items.append(
            {"text": _("Outcomes"), "href": reverse("accountability:scorecards"), "active": section == "accountability"}
        )
    if voice_rules.can_review_alerts(user):
        items.append(
            {
                "text": _("Safeguarding alerts"),
                "href": reverse("voice:alerts"),
                "active": view_name.startswith("voice:alert"),
            }
        )
    if voice_rules.can_read_restricted(user):
        items.append(
            {"text": _("Restricted"), "href": reverse("voice:restricted"), "active": view_name == "voice:restricted"}
        )
    # The directory of organisations is on everyone's home page; in the navigation only for the
    # roles with few other pages, so that case workers' navigation stays short.
    if rules.can_view_organisations(user) and user.role not in (Role.PRISON_STAFF, Role.PROBATION_PRACTITIONER):
        items.append(
            {"text": _("Organisations"), "href": reverse("organisations:list"), "active": section == "organisations"}
        )
    if rules.can_view_audit(user):
        items.append({"text": _("Audit"), "href": reverse("audit:list"), "active": section == "audit"})
    return items
