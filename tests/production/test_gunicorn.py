"""gunicorn, as configured in site/config/gunicorn.conf.py."""

import subprocess

from tests.server import GUNICORN, GUNICORN_CONFIG, ROOT, get, production_env, running_server


def test_an_instance_leaves_the_users_shared_control_socket_alone(static_root, tmp_path):
    # gunicorn's default is one control socket per user, which every instance replaced and
    # removed in turn. The shared configuration opens none unless one is named.
    home = tmp_path / "home"
    home.mkdir()
    env = production_env(STATIC_ROOT=str(static_root), HOME=str(home), XDG_RUNTIME_DIR="")
    with running_server(env) as url:
        assert get(url + "/healthz")[0] in (200, 503)
        assert not (home / ".gunicorn").exists()


def test_an_instance_can_be_given_a_control_socket_of_its_own(tmp_path):
    socket = tmp_path / "b12.ctl"
    result = subprocess.run(
        [
            str(GUNICORN),
            "--print-config",
            "--config",
            GUNICORN_CONFIG,
            "--chdir",
            "site",
            "config.wsgi",
        ],
        cwd=ROOT,
        env={**production_env(), "GUNICORN_CONTROL_SOCKET": str(socket)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    settings = {
        name.strip(): value.strip()
        for name, _, value in (line.partition("=") for line in result.stdout.splitlines())
    }
    assert settings["control_socket"] == str(socket)
    assert settings["control_socket_disable"] == "False"
