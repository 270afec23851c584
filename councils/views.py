"""Thin views over councils.services and councils.selectors. Staff pages need a staff sign-in; the
public board (`board`, `board_election`) needs none."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.constants import Role
from accounts.decorators import allowed_if
from common.service_forms import add_service_errors, form_page, posted, submit
from councils import forms, rules, selectors, services
from councils.constants import COUNCIL_ORGANISATION_KINDS, Channel, ElectionStatus
from councils.models import Council, Election, Membership, Voter
from organisations.models import Organisation

POLLING_SESSION_KEY = "councils_polling"


def _council(request: HttpRequest, council_id: int, *, manage: bool = False) -> Council:
    try:
        council = selectors.council_get(council_id=council_id)
    except Council.DoesNotExist:
        raise Http404 from None
    # A council whose people this user may not see does not exist for them (decision 26).
    if not rules.can_see_council(request.user, council):
        raise Http404
    if manage and not rules.can_manage_council(request.user, council):
        raise PermissionDenied
    return council


def _election(request: HttpRequest, election_id: int, *, manage: bool = False) -> Election:
    try:
        election = selectors.election_get(election_id=election_id)
    except Election.DoesNotExist:
        raise Http404 from None
    if not rules.can_see_council(request.user, election.council):
        raise Http404
    if manage and not rules.can_manage_council(request.user, election.council):
        raise PermissionDenied
    return election


@allowed_if(rules.can_see_councils)
def council_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "councils/list.html",
        {
            "councils": selectors.council_list(),
            "can_create": rules.can_create_councils(request.user),
            # The others are linked to their public board only.
            "can_see": lambda council: rules.can_see_council(request.user, council),
        },
    )


@allowed_if(rules.can_create_councils)
def council_new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    organisations = Organisation.objects.filter(kind__in=COUNCIL_ORGANISATION_KINDS, active=True).order_by("name")
    if user.role != Role.ADMINISTRATOR:
        organisations = organisations.filter(pk=user.organisation_id)
    form = forms.CouncilForm(posted(request), organisations=list(organisations))
    created: list[Council] = []

    def save(data: dict[str, Any]) -> None:
        created.append(
            services.council_create(
                acting_user=user,
                organisation_id=data["organisation"],
                name=data["name"],
                submission_id=data["submission_id"],
                request=request,
            )
        )

    if submit(request, form, save):
        messages.success(request, _("Council set up"))
        return redirect("councils:detail", created[0].pk)
    return render(request, "councils/council_new.html", {"form": form})


@allowed_if(rules.can_see_councils)
def council_detail(request: HttpRequest, council_id: int) -> HttpResponse:
    council = _council(request, council_id)
    return render(
        request,
        "councils/detail.html",
        {
            "page": selectors.council_page(council=council),
            "can_manage": rules.can_manage_council(request.user, council),
        },
    )


@allowed_if(rules.can_see_councils)
def member_add(request: HttpRequest, council_id: int) -> HttpResponse:
    council = _council(request, council_id, manage=True)
    form = forms.MemberForm(posted(request))
    return form_page(
        request,
        form=form,
        save=lambda d: services.member_add(
            acting_user=request.user,
            council_id=council.pk,
            identifier=d["identifier"],
            role=d["role"],
            term_starts_on=d["term_starts_on"],
            term_ends_on=d["term_ends_on"],
            submission_id=d["submission_id"],
            request=request,
        ),
        done=_("Member added"),
        back=reverse("councils:detail", args=[council.pk]),
        template="councils/member_add.html",
        context={"council": council},
    )


@allowed_if(rules.can_see_councils)
def member_leave(request: HttpRequest, council_id: int, membership_id: int) -> HttpResponse:
    council = _council(request, council_id, manage=True)
    try:
        membership = selectors.membership_get(council=council, membership_id=membership_id)
    except Membership.DoesNotExist:
        raise Http404 from None
    form = forms.LeaveForm(posted(request))
    return form_page(
        request,
        form=form,
        save=lambda d: services.member_leave(
            acting_user=request.user,
            membership_id=membership.pk,
            left_on=d["left_on"],
            reason=d["reason"],
            note=d["note"],
            request=request,
        ),
        done=_("Leaving recorded. You can now call a by-election for the seat."),
        back=reverse("councils:detail", args=[council.pk]),
        template="councils/member_leave.html",
        context={"council": council, "membership": membership},
    )


@allowed_if(rules.can_see_councils)
def meeting_add(request: HttpRequest, council_id: int) -> HttpResponse:
    council = _council(request, council_id, manage=True)
    form = forms.MeetingForm(posted(request))
    return form_page(
        request,
        form=form,
        save=lambda d: services.meeting_record(
            acting_user=request.user,
            council_id=council.pk,
            held_on=d["held_on"],
            agenda=d["agenda"],
            minutes=d["minutes"],
            decisions=d["decisions"].splitlines(),
            submission_id=d["submission_id"],
            request=request,
        ),
        done=_("Meeting recorded"),
        back=reverse("councils:detail", args=[council.pk]),
        template="councils/meeting_add.html",
        context={"council": council},
    )


@allowed_if(rules.can_see_councils)
def election_new(request: HttpRequest, council_id: int) -> HttpResponse:
    council = _council(request, council_id, manage=True)
    vacancy = None
    vacancy_id = request.GET.get("vacancy") or request.POST.get("vacancy")
    if vacancy_id:
        try:
            vacancy = selectors.membership_get(council=council, membership_id=int(vacancy_id))
        except (Membership.DoesNotExist, ValueError):
            raise Http404 from None
    form = forms.ElectionForm(posted(request), by_election=vacancy is not None)
    created: list[Election] = []

    def save(data: dict[str, Any]) -> None:
        created.append(
            services.election_create(
                acting_user=request.user,
                council_id=council.pk,
                title=data["title"],
                seats=data.get("seats") or 1,
                opens_at=form.opens_at,
                closes_at=form.closes_at,
                vacancy_id=vacancy.pk if vacancy else None,
                submission_id=data["submission_id"],
                request=request,
            )
        )

    if submit(request, form, save):
        messages.success(request, _("Election created. Now add the candidates."))
        return redirect("councils:election", created[0].pk)
    return render(request, "councils/election_new.html", {"form": form, "council": council, "vacancy": vacancy})


@allowed_if(rules.can_see_councils)
def election_detail(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _election(request, election_id)
    lines = selectors.voter_list(election=election) if election.voter_list_made_at else []
    return render(
        request,
        "councils/election.html",
        {
            "election": election,
            "status": election.status(),
            "Status": ElectionStatus,
            "candidates": selectors.candidates_all(election=election),
            "voters": len(lines),
            "voted": sum(1 for line in lines if line.has_voted),
            "can_manage": rules.can_manage_council(request.user, election.council),
        },
    )


def _step(request: HttpRequest, election_id: int, service: Any, done: str) -> HttpResponse:
    election = _election(request, election_id, manage=True)
    try:
        service(acting_user=request.user, election_id=election.pk, request=request)
    except ValidationError as e:
        messages.warning(request, " ".join(e.messages))
    else:
        messages.success(request, done)
    return redirect("councils:election", election.pk)


@require_POST
@allowed_if(rules.can_see_councils)
def election_open(request: HttpRequest, election_id: int) -> HttpResponse:
    return _step(request, election_id, services.election_open, _("Nominations closed and the voter list made"))


@require_POST
@allowed_if(rules.can_see_councils)
def election_close(request: HttpRequest, election_id: int) -> HttpResponse:
    return _step(request, election_id, services.election_close, _("Voting closed"))


@require_POST
@allowed_if(rules.can_see_councils)
def election_publish(request: HttpRequest, election_id: int) -> HttpResponse:
    return _step(request, election_id, services.election_publish, _("Result published"))


@allowed_if(rules.can_see_councils)
def candidate_add(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _election(request, election_id, manage=True)
    form = forms.CandidateForm(posted(request))
    return form_page(
        request,
        form=form,
        save=lambda d: services.candidate_nominate(
            acting_user=request.user,
            election_id=election.pk,
            identifier=d["identifier"],
            statement=d["statement"],
            submission_id=d["submission_id"],
            request=request,
        ),
        done=_("Candidate added"),
        back=reverse("councils:election", args=[election.pk]),
        template="councils/candidate_add.html",
        context={"election": election},
    )


@require_POST
@allowed_if(rules.can_see_councils)
def candidate_withdraw(request: HttpRequest, election_id: int, candidate_id: int) -> HttpResponse:
    election = _election(request, election_id, manage=True)
    if not election.candidates.filter(pk=candidate_id).exists():
        raise Http404
    try:
        services.candidate_withdraw(acting_user=request.user, candidate_id=candidate_id, request=request)
    except ValidationError as e:
        messages.warning(request, " ".join(e.messages))
    else:
        messages.success(request, _("Candidate withdrawn"))
    return redirect("councils:election", election.pk)


@allowed_if(rules.can_see_councils)
def voter_list(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _election(request, election_id, manage=True)
    return render(
        request, "councils/voters.html", {"election": election, "lines": selectors.voter_list(election=election)}
    )


@never_cache
@allowed_if(rules.can_see_councils)
def polling_station(request: HttpRequest, election_id: int) -> HttpResponse:
    """Staff verify the person in front of them against the voter list; the ballot page then
    belongs to the person. The chosen voter is held in the staff session only until the ballot
    is cast (or abandoned), and is never stored with it."""
    election = _election(request, election_id, manage=True)
    request.session.pop(POLLING_SESSION_KEY, None)
    form = forms.VoterForm(posted(request), voters=selectors.voters_yet_to_vote(election=election))
    refusal = selectors.voting_refusal(election=election)
    if request.method == "POST" and form.is_valid() and not refusal:
        request.session[POLLING_SESSION_KEY] = {"election": election.pk, "voter": form.cleaned_data["voter"]}
        return redirect("councils:ballot", election.pk)
    return render(request, "councils/polling.html", {"election": election, "form": form, "refusal": refusal})


@never_cache
@allowed_if(rules.can_see_councils)
def ballot(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _election(request, election_id, manage=True)
    held = request.session.get(POLLING_SESSION_KEY) or {}
    if held.get("election") != election.pk:
        messages.warning(request, _("Choose the voter first"))
        return redirect("councils:polling", election.pk)
    candidates = selectors.candidates_standing(election=election)
    form = forms.BallotForm(posted(request), candidates=candidates, seats=election.seats)

    if request.method == "POST" and form.is_valid():
        try:
            services.ballot_cast(
                acting_user=request.user,
                election_id=election.pk,
                voter_id=held["voter"],
                candidate_ids=form.cleaned_data["choices"],
                channel=Channel.POLLING_STATION,
                request=request,
            )
        except ValidationError as e:
            if hasattr(e, "error_dict") and set(e.error_dict) == {"choices"}:
                add_service_errors(form, e)  # the voter can put their ballot right
            else:
                request.session.pop(POLLING_SESSION_KEY, None)
                messages.warning(request, " ".join(e.messages))
                return redirect("councils:polling", election.pk)
        else:
            request.session.pop(POLLING_SESSION_KEY, None)
            messages.success(request, _("Thank you. Your vote has been cast in secret. Please hand back to the staff."))
            return redirect("councils:polling", election.pk)
    return render(request, "councils/ballot.html", {"election": election, "form": form, "candidates": candidates})


@never_cache
@allowed_if(rules.can_see_councils)
def paper_ballot(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _election(request, election_id, manage=True)
    candidates = selectors.candidates_standing(election=election)
    form = forms.PaperBallotForm(
        posted(request),
        candidates=candidates,
        seats=election.seats,
        voters=selectors.voters_yet_to_vote(election=election),
    )

    def save(data: dict[str, Any]) -> None:
        services.ballot_cast(
            acting_user=request.user,
            election_id=election.pk,
            voter_id=data["voter"],
            candidate_ids=data["choices"],
            channel=Channel.PAPER,
            request=request,
        )

    if submit(request, form, save):
        messages.success(request, _("Paper ballot entered and the voter marked on the list"))
        return redirect("councils:paper", election.pk)
    return render(
        request,
        "councils/paper.html",
        {
            "election": election,
            "form": form,
            "candidates": candidates,
            "refusal": selectors.voting_refusal(election=election),
        },
    )


# The public board: no sign-in.


def board(request: HttpRequest, council_id: int) -> HttpResponse:
    try:
        council = selectors.council_get(council_id=council_id)
    except Council.DoesNotExist:
        raise Http404 from None
    return render(
        request, "councils/board.html", {"board": selectors.board(council=council), "name": selectors.public_name}
    )


def board_election(request: HttpRequest, election_id: int) -> HttpResponse:
    """A published result, and, when asked ("Verify the count"), the count re-run from the stored
    ballots beside it, with every ballot listed so anyone can count again."""
    election = Election.objects.filter(pk=election_id, published_at__isnull=False).select_related("council").first()
    if election is None:
        raise Http404
    verification = selectors.election_verify(election=election) if request.GET.get("verify") else None
    return render(
        request,
        "councils/result.html",
        {
            "election": election,
            "totals": selectors.result_totals(election=election),
            "ballots_cast": election.ballots.count(),
            "voters": Voter.objects.filter(election=election).count(),
            "verification": verification,
            "name": selectors.public_name,
        },
    )
