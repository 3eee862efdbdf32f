"""The representation of the model's frozen attrs classes, written once.

attrs compiles a ``__repr__`` for every class it defines; at import that is a third of
the cost of a class, and the command line defines about sixty before it can answer
(issue #15: a cold ``due`` within 1.3 x of importing the dependencies). The classes are
declared ``@attrs.frozen(repr=False)`` and take this one instead: the same text as
attrs's, ``Name(field=value, ...)``, without the fields declared ``repr=False``.
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs

__all__ = ["record"]

T = TypeVar("T", bound=type)


def _repr(self: object) -> str:
    cls: Any = type(self)
    shown = ", ".join(f"{a.name}={getattr(self, a.name)!r}" for a in attrs.fields(cls) if a.repr)
    return f"{cls.__qualname__.rsplit('>.', 1)[-1]}({shown})"


def record(cls: T) -> T:
    """Give an attrs class declared with ``repr=False`` the shared representation."""
    cls.__repr__ = _repr  # type: ignore[assignment]
    return cls
