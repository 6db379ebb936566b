"""The kiosk's on-screen number keys, without JavaScript.

Every key is a submit button: its press posts the whole form (the test and unit chosen, the
numbers so far in hidden fields, the ticks), and the page comes back with one more digit in
the box being typed into. `apply` works out that next state from the posted fields; it is
plain Python so every key can be tested without a browser.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from explainer.forms import FLAGS, NUMBER_FIELDS, VALUE

POINT = "point"
DELETE = "delete"
CLEAR = "clear"
DIGITS = tuple("0123456789")
# In the order they are laid out, three to a row as on a phone: 1 2 3 / … / . 0 Delete / Clear.
KEYS = (*"123456789", POINT, "0", DELETE, CLEAR)
# Longer than any real result ("12345.67"); more presses change nothing.
MAX_LENGTH = 8
# The buttons that ask for the result rather than type.
EXPLAIN = "explain"
CHANGE = "change"


@dataclass(frozen=True)
class Keypad:
    # The fields to show or check: test, unit, the three numbers and the ticks, as posted.
    data: dict[str, str]
    # The number box the keys type into.
    slot: str
    # EXPLAIN, CHANGE or "" (a key or a box was pressed).
    action: str


def press(text: str, key: str) -> str:
    """`text` after pressing `key`; a key that cannot apply leaves it as it was."""
    text = text if _typed(text) else ""
    if key == CLEAR:
        return ""
    if key == DELETE:
        return text[:-1]
    if len(text) >= MAX_LENGTH:
        return text
    if key == POINT:
        if "." in text:
            return text
        return (text or "0") + "."
    if key in DIGITS:
        return text + key
    return text


def apply(post: Mapping) -> Keypad:
    """The form's state after the button that sent `post`."""
    data = {name: str(post.get(name) or "") for name in ("test", "unit", *NUMBER_FIELDS)}
    for flag in FLAGS:
        if post.get(flag):
            data[flag] = "on"
    slot = post.get("focus") or post.get("slot")
    slot = slot if slot in NUMBER_FIELDS else VALUE
    key = post.get("key")
    if key in KEYS:
        data[slot] = press(data[slot], key)
    action = post.get("action")
    return Keypad(data=data, slot=slot, action=action if action in (EXPLAIN, CHANGE) else "")


def _typed(text: str) -> bool:
    # Only what the keys can produce is carried on: a forged hidden field starts afresh.
    return len(text) <= MAX_LENGTH and all(c in "0123456789." for c in text) and text.count(".") <= 1
