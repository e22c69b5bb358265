"""Refused writes; each carries the HTTP status the API answers with."""


class ServiceError(Exception):
    """A refused write; `status` is the HTTP status the API answers with."""

    status = 400


class IdempotencyConflict(ServiceError):
    status = 422


class TooManyActiveRuns(ServiceError):
    status = 429


class RunAlreadyFinished(ServiceError):
    status = 409
