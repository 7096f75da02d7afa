"""The error both forecasters raise when the data cannot support a model."""

from lambdas.core.errors import GridlaError


class InsufficientHistory(GridlaError):
    """Too little known history to train or to forecast: the step skips, inventing nothing."""
