"""Reminders, overdue notices and escalations by e-mail and signed webhooks (docs/notify.md).

``load_config`` reads notify.toml; ``notify`` sends what is due on a day, once.
"""

from obligations.notify.config import NotifyConfig, load_config
from obligations.notify.run import NotifyRun, notify

__all__ = ["NotifyConfig", "NotifyRun", "load_config", "notify"]
