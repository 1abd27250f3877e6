"""No personal data in the logs (decision 40).

Apart from `security.py` because logging is configured before the apps are loaded.
"""

import logging

from fazhi.core.masking import mask_text


class PersonalDataFilter(logging.Filter):
    """Masks ID-card numbers, phone numbers and e-mail addresses in a record's message and traceback."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_text(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_text(record.stack_info)
        return True
