"""deploy/nginx-bench.conf, the nginx make bench-traffic measures, says what docs/deploy.md says
for many instances and a shared cache in front: the figures are for the documented setup."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CONFIG = ROOT / "deploy" / "nginx-bench.conf"


def directives(text):
    """Each directive of an nginx text, comments dropped and spaces evened out."""
    found = []
    for line in text.splitlines():
        line = re.sub(r"\s+", " ", line.split("#", 1)[0]).strip().rstrip(";{}").strip()
        if line:
            found.append(line)
    return found


def documented_for_many_instances():
    guide = (ROOT / "docs" / "deploy.md").read_text()
    section = guide[guide.index("## Many instances") : guide.index("### Health checks")]
    return directives("\n".join(re.findall(r"```nginx\n(.*?)```", section, re.S)))


def comparable(directive):
    """The directive with what differs between a server and loopback (addresses, paths) left out."""
    name, _, arguments = directive.partition(" ")
    if name == "server":  # an instance's address
        return name
    if name == "proxy_cache_path":
        return f"{name} {arguments.partition(' ')[2]}"
    return directive


def test_the_measured_configuration_has_every_documented_directive():
    measured = {comparable(d) for d in directives(CONFIG.read_text())}
    documented = documented_for_many_instances()

    assert len(documented) >= 12  # the upstream, the proxy settings and the shared cache
    assert [d for d in documented if comparable(d) not in measured] == []


def test_the_measured_configuration_balances_over_two_instances():
    upstream = re.search(r"upstream b12 \{(.*?)\}", CONFIG.read_text(), re.S).group(1)

    assert re.findall(r"server (\S+);", upstream) == [
        "127.0.0.1:@INSTANCE_1_PORT@",
        "127.0.0.1:@INSTANCE_2_PORT@",
    ]
