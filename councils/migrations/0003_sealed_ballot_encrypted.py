"""Sealed ballots waiting for their batch are encrypted under THROUGHGATE_SEAL_KEY (issue 15,
break 2; common/sealing.py): the plaintext choices go, and ballots already waiting are sealed as
they are, so none is lost and none stays readable."""

from django.db import migrations, models


def seal_waiting(apps, schema_editor):
    from common.sealing import seal

    SealedBallot = apps.get_model("councils", "SealedBallot")
    for row in SealedBallot.objects.using(schema_editor.connection.alias).iterator():
        row.sealed = seal("councils.ballot", {"choices": row.choices}, scope=row.election_id)
        row.save(update_fields=["sealed"])


def refuse_to_unseal(apps, schema_editor):
    SealedBallot = apps.get_model("councils", "SealedBallot")
    if SealedBallot.objects.using(schema_editor.connection.alias).exists():
        raise RuntimeError("Close voting (which mixes the sealed ballots) before undoing their encryption.")


class Migration(migrations.Migration):
    dependencies = [("councils", "0002_sealed_ballot")]

    operations = [
        migrations.AddField(model_name="sealedballot", name="sealed", field=models.BinaryField(null=True)),
        migrations.RunPython(seal_waiting, refuse_to_unseal),
        migrations.RemoveField(model_name="sealedballot", name="choices"),
        migrations.AlterField(model_name="sealedballot", name="sealed", field=models.BinaryField()),
    ]
