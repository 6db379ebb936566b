"""Logging helpers, configured in settings.LOGGING."""

import logging


class ClientErrorFilter(logging.Filter):
    """A client's bad request as one WARNING line: no traceback, no line breaks from the request."""

    def filter(self, record):
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.msg = " ".join(record.getMessage().split())
        record.args = ()
        record.exc_info = record.exc_text = record.stack_info = None
        return True
