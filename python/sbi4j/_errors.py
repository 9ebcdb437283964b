"""Java exceptions re-raised as Python exceptions carrying the library's message."""

import contextlib


class Sbi4jError(Exception):
    """An error reported by the sbi4j library; ``java_exception`` holds the original."""

    def __init__(self, message, java_exception=None):
        super().__init__(message)
        self.java_exception = java_exception


class InvalidInputError(Sbi4jError, ValueError):
    """Bad input (shapes, non-finite values, unknown or invalid settings)."""


def _message(e):
    try:
        m = e.getMessage()
    except Exception:  # pragma: no cover - not a Java throwable
        m = None
    return str(m) if m is not None else str(e.getClass().getName())


@contextlib.contextmanager
def java_errors():
    """Turns a Java exception raised inside the block into a Python one with its message:
    IllegalArgumentException → InvalidInputError (a ValueError), IOException → OSError,
    anything else → Sbi4jError."""
    import jpype
    try:
        yield
    except jpype.JException as e:
        name = str(e.getClass().getName())
        msg = _message(e)
        if name in ("java.lang.IllegalArgumentException", "java.lang.NumberFormatException"):
            raise InvalidInputError(msg, e) from None
        if isinstance(e, jpype.JClass("java.io.IOException")):
            err = OSError(msg)
            err.java_exception = e
            raise err from None
        raise Sbi4jError("%s: %s" % (name.rsplit(".", 1)[-1], msg), e) from None
