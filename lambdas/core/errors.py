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
    """No database could be reached with the configured settings."""
