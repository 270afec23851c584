from django.db import models


class UsedSubmission(models.Model):
    """A form submission that has been acted on, by the id its page was given. A second arrival of the
    same id (a double click, a resent request) is refused, so it changes nothing."""

    submission_id = models.UUIDField(unique=True)
    used_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.submission_id)
