from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

ESTABLISHMENT_CODE_PATTERN = r"^[A-Z]{3}$"

validate_establishment_code = RegexValidator(
    ESTABLISHMENT_CODE_PATTERN,
    _("Enter a prison code of 3 capital letters, like LEI"),
    code="invalid_establishment_code",
)
