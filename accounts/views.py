from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from accounts.forms import SignInForm
from audit.constants import Action
from audit.services import event_record


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: SignInForm) -> HttpResponse:
        response = super().form_valid(form)
        event_record(
            actor=form.get_user(),
            action=Action.SIGN_IN,
            record_type="user",
            record_id=form.get_user().pk,
            request=self.request,
        )
        return response

    def form_invalid(self, form: SignInForm) -> HttpResponse:
        username = (form.data.get("username") or "")[:150]
        event_record(
            actor=None, action=Action.SIGN_IN_FAILED, summary=f"Failed sign-in as {username!r}", request=self.request
        )
        return super().form_invalid(form)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        event_record(
            actor=request.user, action=Action.SIGN_OUT, record_type="user", record_id=request.user.pk, request=request
        )
    response = auth_views.LogoutView.as_view()(request)
    # The browser forgets what this site kept: its caches (a page kept by the kiosk's service
    # worker, the back-forward cache) and its storage (the worker itself, local storage), so the
    # next person at this browser finds nothing of what staff saw (docs/decisions.md 27). On a
    # browser that is also a kiosk it drops answers still waiting in the kiosk's queue too.
    response["Clear-Site-Data"] = '"cache", "storage"'
    return response


def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html")
