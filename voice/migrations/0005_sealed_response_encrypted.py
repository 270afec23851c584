"""Sealed responses waiting for their batch are encrypted under THROUGHGATE_SEAL_KEY (issue 15,
break 2; common/sealing.py): the plaintext JSON column goes, and rows already waiting are sealed
as they are, so none is lost and none stays readable."""

from django.db import migrations, models


def seal_waiting(apps, schema_editor):
    from common.sealing import seal

    SealedResponse = apps.get_model("voice", "SealedResponse")
    for row in SealedResponse.objects.using(schema_editor.connection.alias).iterator():
        row.sealed = seal("voice.response", row.columns, scope=row.version_id)
        row.save(update_fields=["sealed"])


def refuse_to_unseal(apps, schema_editor):
    SealedResponse = apps.get_model("voice", "SealedResponse")
    if SealedResponse.objects.using(schema_editor.connection.alias).exists():
        raise RuntimeError("Mix the sealed responses (throughgate voice_mix) before undoing their encryption.")


class Migration(migrations.Migration):
    dependencies = [("voice", "0004_eligibility_token_person_digest")]

    operations = [
        migrations.AddField(model_name="sealedresponse", name="sealed", field=models.BinaryField(null=True)),
        migrations.RunPython(seal_waiting, refuse_to_unseal),
        migrations.RemoveField(model_name="sealedresponse", name="columns"),
        migrations.AlterField(model_name="sealedresponse", name="sealed", field=models.BinaryField()),
    ]
