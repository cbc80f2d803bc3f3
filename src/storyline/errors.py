"""The storyline error hierarchy: every error has a stable code, a message and a hint.

Standard library only. The CLI turns these into a message and an exit code, the API into
``{"error": {"code", "message", "hint"}}`` with ``http_status``.
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base of every error storyline raises on purpose."""

    code = "storyline_error"
    http_status = 500
    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "hint": self.hint}


class UsageError(StorylineError):
    code = "usage"
    http_status = 400
    exit_code = 2


class ConfigError(StorylineError):
    code = "config"
    http_status = 500
    exit_code = 2


class NotFound(StorylineError):
    code = "not_found"
    http_status = 404
    exit_code = 1


class StoreError(StorylineError):
    code = "store"
    http_status = 500
    exit_code = 1


class ModelError(StorylineError):
    code = "model"
    http_status = 500
    exit_code = 1


class DataError(StorylineError):
    """A benchmark or input data set is missing or not in the expected shape."""

    code = "data"
    http_status = 400
    exit_code = 2


class TooLarge(StorylineError):
    code = "too_large"
    http_status = 413
    exit_code = 1


class Unauthorized(StorylineError):
    code = "unauthorized"
    http_status = 401
    exit_code = 2


class Forbidden(StorylineError):
    """A request the server refuses whoever sends it: a foreign Host or Origin, no CSRF token."""

    code = "forbidden"
    http_status = 403
    exit_code = 2


class QualityBelowFloor(StorylineError):
    code = "below_floor"
    http_status = 500
    exit_code = 1


class PipelineError(StorylineError):
    """A stage table is not runnable (a requirement nobody produces, a name used twice)."""

    code = "pipeline"
    http_status = 500
    exit_code = 1
