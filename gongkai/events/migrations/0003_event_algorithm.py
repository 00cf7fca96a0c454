from django.db import migrations, models


class Migration(migrations.Migration):
    """Events logged so far were chained with SHA-256 and say so; new ones are SM3."""

    dependencies = [
        ("events", "0002_hash_chain"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="algorithm",
            field=models.CharField(default="sha256", editable=False, max_length=8, verbose_name="哈希算法"),
        ),
        migrations.AlterField(
            model_name="event",
            name="algorithm",
            field=models.CharField(default="sm3", editable=False, max_length=8, verbose_name="哈希算法"),
        ),
    ]
