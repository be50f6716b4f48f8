"""Namespaces: one isolated world per ``X-Sandbox-Namespace``, so parallel tests never meet.

LocalStack and moto share one world per process, which breaks parallel tests; here every
namespace (a test, a pytest-xdist worker) gets its own `SandboxWorld`, created on first use
from the app's default spec, with its own lock: requests to one namespace run one at a time,
requests to different namespaces do not wait for each other.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable

from sandbox.api.world import SandboxWorld, WorldSpec, WorldTemplate
from sandbox.domain.errors import SandboxError
from sandbox.domain.geography import Geography, load_geography

HEADER = "x-sandbox-namespace"
DEFAULT = "default"
NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"
_NAME = re.compile(NAME_PATTERN)
DEFAULT_LIMIT = 256
TEMPLATE_CACHE = 8


class InvalidNamespace(SandboxError):
    code = "INVALID_NAMESPACE"
    da = "Navnerummet '{name}' er ugyldigt: brug 1-64 tegn af A-Z, a-z, 0-9, '_', '.', '-'."
    en = "The namespace '{name}' is invalid: use 1-64 characters of A-Z, a-z, 0-9, '_', '.', '-'."


class TooManyNamespaces(SandboxError):
    code = "TOO_MANY_NAMESPACES"
    kind = "conflict"
    da = "Der er allerede {limit} navnerum; slet nogle med DELETE /_control/namespaces/{{navn}}."
    en = (
        "There are already {limit} namespaces; "
        "delete some with DELETE /_control/namespaces/{{name}}."
    )


class NamespaceExists(SandboxError):
    code = "NAMESPACE_EXISTS"
    kind = "conflict"
    da = "Navnerummet '{name}' findes allerede; slet det først eller vælg et andet navn."
    en = "The namespace '{name}' already exists; delete it first or choose another name."


class UnknownNamespace(SandboxError):
    code = "UNKNOWN_NAMESPACE"
    kind = "not_found"
    da = "Navnerummet '{name}' findes ikke."
    en = "The namespace '{name}' does not exist."


def check_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise InvalidNamespace(name=name[:80])
    return name


class Namespace:
    """Navnerum - a name, its lock, and the world it holds now (replaced on reset)."""

    def __init__(self, name: str, spec: WorldSpec, world: SandboxWorld) -> None:
        self.name = name
        self.spec = spec
        self.lock = threading.Lock()
        self.world = world


class Namespaces:
    """All namespaces of one app, and the templates their worlds are copied from."""

    def __init__(
        self,
        default_spec: WorldSpec,
        limit: int = DEFAULT_LIMIT,
        geography: Geography | None = None,
    ) -> None:
        self.default_spec = default_spec
        self.limit = limit
        self.geography = geography if geography is not None else load_geography()
        self._namespaces: dict[str, Namespace] = {}
        self._templates: OrderedDict[str, WorldTemplate] = OrderedDict()
        self._guard = threading.Lock()
        self.on_delete: list[Callable[[str], None]] = []  # persistence forgets it too

    def template(self, spec: WorldSpec) -> WorldTemplate:
        with self._guard:
            found = self._templates.get(spec.key)
            if found is not None:
                self._templates.move_to_end(spec.key)
                return found
        built = WorldTemplate(spec)
        with self._guard:
            self._templates[spec.key] = built
            while len(self._templates) > TEMPLATE_CACHE:
                self._templates.popitem(last=False)
        return built

    def build(self, name: str, spec: WorldSpec) -> SandboxWorld:
        return SandboxWorld(name, spec, self.template(spec), self.geography)

    def get(self, name: str | None) -> Namespace:
        """The namespace ``name`` (default when None), created from the default spec."""
        name = check_name(name) if name else DEFAULT
        with self._guard:
            found = self._namespaces.get(name)
            if found is not None:
                return found
            if len(self._namespaces) >= self.limit:
                raise TooManyNamespaces(limit=self.limit)
        world = self.build(name, self.default_spec)
        with self._guard:
            found = self._namespaces.setdefault(name, Namespace(name, self.default_spec, world))
        return found

    def reset(self, namespace: Namespace, spec: WorldSpec | None = None) -> SandboxWorld:
        """Give ``namespace`` a fresh world (of ``spec``, which it keeps for later resets).
        The caller holds the namespace's lock."""
        if spec is not None:
            namespace.spec = spec
        namespace.world = self.build(namespace.name, namespace.spec)
        return namespace.world

    def names(self) -> list[str]:
        with self._guard:
            return sorted(self._namespaces)

    def peek(self, name: str) -> Namespace:
        with self._guard:
            found = self._namespaces.get(name)
        if found is None:
            raise UnknownNamespace(name=name)
        return found

    def delete(self, name: str) -> None:
        namespace = self.peek(name)
        with namespace.lock, self._guard:
            self._namespaces.pop(name, None)
            for hook in self.on_delete:
                hook(name)

    def drop(self, name: str) -> None:
        """Take ``name`` out without telling the hooks (a fork that failed half-way)."""
        with self._guard:
            self._namespaces.pop(name, None)

    def adopt(self, name: str, world: SandboxWorld) -> Namespace:
        """Put ``world`` (restored or forked) in as the new namespace ``name``."""
        name = check_name(name)
        with self._guard:
            if name in self._namespaces:
                raise NamespaceExists(name=name)
            if len(self._namespaces) >= self.limit:
                raise TooManyNamespaces(limit=self.limit)
            found = self._namespaces[name] = Namespace(name, world.spec, world)
        return found
