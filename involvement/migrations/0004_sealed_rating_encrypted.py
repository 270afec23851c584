"""Sealed own-view ratings waiting for their batch are encrypted under THROUGHGATE_SEAL_KEY
(issue 15, break 2; common/sealing.py): the plaintext rung goes, and ratings already waiting are
sealed as they are, so none is lost and none stays readable."""

from django.db import migrations, models


def seal_waiting(apps, schema_editor):
    from common.sealing import seal

    SealedRating = apps.get_model("involvement", "SealedRating")
    for row in SealedRating.objects.using(schema_editor.connection.alias).iterator():
        row.sealed = seal("involvement.rating", {"rung": row.rung}, scope=row.activity_id)
        row.save(update_fields=["sealed"])


def refuse_to_unseal(apps, schema_editor):
    SealedRating = apps.get_model("involvement", "SealedRating")
    if SealedRating.objects.using(schema_editor.connection.alias).exists():
        raise RuntimeError("Mix the sealed ratings (throughgate involvement_mix) before undoing their encryption.")


class Migration(migrations.Migration):
    dependencies = [("involvement", "0003_sealed_ratings")]

    operations = [
        migrations.AddField(model_name="sealedrating", name="sealed", field=models.BinaryField(null=True)),
        migrations.RunPython(seal_waiting, refuse_to_unseal),
        migrations.RemoveConstraint(model_name="sealedrating", name="involvement_sealed_rating_on_ladder"),
        migrations.RemoveField(model_name="sealedrating", name="rung"),
        migrations.AlterField(model_name="sealedrating", name="sealed", field=models.BinaryField()),
    ]
