"""`throughgate demo_sign_ins`: the fixed demo accounts, one per role, and their password."""

from __future__ import annotations

from django.contrib.auth.hashers import check_password
from django.core.management.base import BaseCommand

from accounts.constants import Role
from bench import dataset


class Command(BaseCommand):
    help = "List the demo sign-ins made by `throughgate demo`, one per role."

    def handle(self, *args: object, **options: object) -> None:
        users = dataset.demo_users()
        more = dataset.more_demo_users()
        if not any(users.values()):
            self.stdout.write("There are no demo sign-ins in this database. Load them with `throughgate demo`.")
            return
        # Hashing is slow on purpose, so each distinct stored hash is checked once: the demo
        # accounts share one, unless someone has changed a password since.
        still_demo = {
            h: check_password(dataset.DEMO_PASSWORD, h)
            for h in {u.password for u in [*users.values(), *(u for _, u in more)] if u is not None}
        }
        rows = [("Role", "Username", "Organisation")]
        for role, user in users.items():
            if user is None:
                rows.append((str(Role(role).label), dataset.DEMO_USERNAMES[role], "(missing)"))
                continue
            note = "" if still_demo[user.password] else "  (password changed)"
            if not user.is_active:
                note += "  (deactivated)"
            organisation = user.organisation.name if user.organisation else ""
            rows.append((str(Role(role).label), user.username, organisation + note))
        for label, user in more:
            note = "" if still_demo[user.password] else "  (password changed)"
            rows.append((label, user.username, (user.organisation.name if user.organisation else "") + note))
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        self.stdout.write(f"Demo sign-ins (password: {dataset.DEMO_PASSWORD})")
        for i, row in enumerate(rows):
            self.stdout.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
            if i == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
        self._own_view(users)

    def _own_view(self, users: dict) -> None:
        """The demo person who can sign in to their own view, found afresh (their number depends on
        the generated world)."""
        from bench.myplan_demo import DEMO_PIN, demo_person

        prison_staff = users.get(Role.PRISON_STAFF)
        person = demo_person(prison_id=prison_staff.organisation_id) if prison_staff else None
        if person is not None:
            self.stdout.write(
                f"The person's own view (/my-plan/sign-in/?kiosk=1): prison number {person.prison_number}, "
                f"PIN {DEMO_PIN}"
            )
