from django.db import migrations

# The roles were once made here. They are now made after every migrate by a post_migrate
# receiver (editorial.apps), which needs no live code in a migration; this step is kept,
# empty, so databases that ran it and new ones agree on the migration history.


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0002_history_and_publish_permissions"),
        ("feedback", "0001_initial"),
    ]

    operations = []
