"""The settings the tests run with: the site's own, read from the environment as always, with
what only tests want set once here rather than in fixtures."""

from config.settings import *  # noqa: F403

# The real hasher is slow on purpose; the tests create many users and sign in often.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
