"""Views for feedback and surveys, one module per area, each with its own `urlpatterns`:
kiosk (people answering, on a kiosk, phone or the public web form; its views are in kiosk_*.py),
builder (involvement leads building and publishing surveys, and their results), paper (printable
PDF and data entry) and staff (safeguarding alerts and the restricted route)."""
