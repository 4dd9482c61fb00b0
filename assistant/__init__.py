"""The public face of civic-assistant: the `Assistant` API used by the CLI, the UI and evaluation."""
from .config import Settings, quiet_third_parties

quiet_third_parties()

from .api import Assistant  # noqa: E402

__all__ = ["Assistant", "Settings"]
