"""The pipeline framework, below every stage: components, their registry, the per-article `Analysis`.

Stages register their components here (`@component`); `sucesos.pipeline`
assembles them into the per-article pipeline. Nothing here imports a stage,
so the layering runs one way: framework <- stages <- assembly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sucesos.errors import ConfigError
from sucesos.model import Article

# Values the pipeline itself provides to every component.
BASE_VALUES = ("article", "text", "lang", "doc")


@dataclass(frozen=True)
class Component:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    func: Callable[["Analysis", Any], dict[str, Any]]
    reads: tuple[str, ...] = ()  # values read when an earlier component assigned them (not required)


REGISTRY: dict[str, Component] = {}


def component(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = (), reads: Iterable[str] = ()):
    """Register a pipeline component under `name`: the values it needs, those it assigns, and those it reads when present."""

    def decorate(func):
        REGISTRY[name] = Component(name=name, requires=tuple(requires), assigns=tuple(assigns), func=func, reads=tuple(reads))
        return func

    return decorate


class Analysis:
    """Read-only view of the values computed so far for one article.

    Given `declared` (a component's `requires` and `reads`), it refuses to
    read any other value (besides article, text, lang and doc): a component
    reads only what it declared, so the assembly's order checks mean what
    they say.
    """

    def __init__(self, values: dict[str, Any], *, declared: Iterable[str] | None = None, component: str | None = None):
        self._values = values
        self._declared = None if declared is None else frozenset((*declared, *BASE_VALUES))
        self._component = component

    def _check(self, key: str) -> None:
        if self._declared is not None and key not in self._declared:
            raise ConfigError(
                f"component {self._component!r} reads {key!r} without declaring it: add it to the component's requires=(...) or reads=(...)"
            )

    def __getitem__(self, key: str) -> Any:
        self._check(key)
        return self._values[key]

    def get(self, key: str, default: Any = None) -> Any:
        self._check(key)
        return self._values.get(key, default)

    @property
    def article(self) -> Article:
        return self._values["article"]

    @property
    def text(self) -> str:
        return self._values["text"]

    @property
    def doc(self):
        return self._values["doc"]
