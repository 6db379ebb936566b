"""Read a QR code back from the SVG the kiosk draws, and compare it with segno's own.

No QR decoder works offline here, so the test draws the expected code with segno and
compares module by module: the dark squares the page's SVG path paints against the dark
squares of the code for the expected address, at every error-correction level.
"""

import re

import segno

BORDER = 4


def dark_modules_in(svg):
    """The dark modules a segno SVG path draws, as {(row, column)}, read from the drawing."""
    path = re.search(r'<path [^>]*stroke="#000"[^>]*d="([^"]+)"', svg).group(1)
    x = y = 0.0
    dark = set()
    for command, numbers in re.findall(r"([MmHh])([-\d. ]+)", path):
        values = [float(n) for n in numbers.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        else:
            length = values[0] if command == "h" else values[0] - x
            dark |= {(int(y - 0.5), int(x) + i) for i in range(int(length))}
            x += length
    return dark


def dark_modules_of(url, error):
    matrix = segno.make_qr(url, error=error).matrix
    return {(r + BORDER, c + BORDER) for r, row in enumerate(matrix) for c, bit in enumerate(row) if bit}


def encodes(svg, url):
    """True when `svg` is a QR code for exactly `url`."""
    drawn = dark_modules_in(svg)
    return any(drawn == dark_modules_of(url, error) for error in "lmqh")
