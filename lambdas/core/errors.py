"""The error classes every function raises; their names are a contract with the state machine."""


class GridlaError(Exception):
    """Base of every error this project raises on purpose."""


class SettingsError(GridlaError):
    """A setting is missing or malformed; the message names the variable."""


class InvalidInput(GridlaError):
    """A caller asked for something that cannot be done (bad range, bad event field)."""


class NotFound(GridlaError):
    """The data a caller asked for does not exist (yet)."""


class UpstreamRefused(GridlaError):
    """The Electricity Maps API refused the token (401/403): retrying cannot help."""


class UpstreamUnavailable(GridlaError):
    """The Electricity Maps API stayed unavailable after every retry."""


class DatabaseUnavailable(GridlaError):
    """The database cannot be reached or lost the connection (a restart, a failover, a timeout).

    Transient by nature: the workflow retries it and the API answers 503 with Retry-After.
    """


class ModelStoreUnavailable(GridlaError):
    """The forecast model store (the S3 bucket) refused or failed a request; retried too."""
