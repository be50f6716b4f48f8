"""Namespaces: one isolated world per ``X-Sandbox-Namespace``, so parallel tests never meet.

LocalStack and moto share one world per process, which breaks parallel tests; here every
namespace (a test, a pytest-xdist worker) gets its own `SandboxWorld`, created on first use
from the app's default spec, with its own lock: requests to one namespace run one at a time,
requests to different namespaces do not wait for each other.

What bounds them is memory, not their number: each namespace weighs its residents (plus a
fixed `NAMESPACE_BASE` for the world's own structures) against the app's budget in residents,
so a thousand demo worlds fit where a handful of 43,000-person worlds do. A world is built
outside the app-wide guard (and off the event loop, by the middleware), and a deleted
namespace's world is dropped at once, its memory handed back to the system where the C
library allows (`release_memory`).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable

from sandbox.api.frozen import release_memory
from sandbox.api.security import ServerKeys
from sandbox.api.world import SandboxWorld, WorldSpec, WorldTemplate
from sandbox.domain.errors import SandboxError
from sandbox.domain.geography import Geography, load_geography

HEADER = "x-sandbox-namespace"
DEFAULT = "default"
NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"
_NAME = re.compile(NAME_PATTERN)
HEADER_PATTERN = r"^([A-Za-z0-9][A-Za-z0-9_.-]{0,63})?$"  # empty: the default namespace
DEFAULT_BUDGET = 2_000_000  # residents across all namespaces (about 1 KB each, measured)
NAMESPACE_BASE = 1_000  # what a namespace weighs besides its residents, in residents
TEMPLATE_CACHE = 8


class InvalidNamespace(SandboxError):
    code = "INVALID_NAMESPACE"
    da = "Navnerummet '{name}' er ugyldigt: brug 1-64 tegn af A-Z, a-z, 0-9, '_', '.', '-'."
    en = "The namespace '{name}' is invalid: use 1-64 characters of A-Z, a-z, 0-9, '_', '.', '-'."


class NamespaceBudgetExceeded(SandboxError):
    code = "NAMESPACE_BUDGET_EXCEEDED"
    kind = "conflict"
    da = (
        "Navnerummenes hukommelsesbudget er {budget} borgere; {used} er i brug, og denne "
        "verden skal bruge {needed}. Slet navnerum med DELETE /_control/namespaces/{{navn}}."
    )
    en = (
        "The namespaces' memory budget is {budget} residents; {used} are in use and this "
        "world needs {needed}. Delete namespaces with DELETE /_control/namespaces/{{name}}."
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

    def __init__(self, name: str, spec: WorldSpec, world: SandboxWorld, weight: int) -> None:
        self.name = name
        self.spec = spec
        self.lock = threading.Lock()
        self.world = world
        self.weight = weight


def weight_of(spec: WorldSpec) -> int:
    """What a world of ``spec`` counts against the budget, known before it is built."""
    return NAMESPACE_BASE + (spec.scenario.population if spec.scenario is not None else 0)


class Namespaces:
    """All namespaces of one app, and the templates their worlds are copied from."""

    def __init__(
        self,
        default_spec: WorldSpec,
        budget: int = DEFAULT_BUDGET,
        geography: Geography | None = None,
        keys: ServerKeys | None = None,
    ) -> None:
        self.default_spec = default_spec
        self.keys = keys if keys is not None else ServerKeys.make()
        self.budget = budget
        self._pending = 0  # weight of worlds being built now
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
        key = self.keys.world_key(name, spec.seed)
        return SandboxWorld(name, spec, self.template(spec), self.geography, key)

    def find(self, name: str | None) -> Namespace | None:
        """The namespace ``name`` if it exists (None otherwise; an invalid name raises)."""
        name = check_name(name) if name else DEFAULT
        with self._guard:
            return self._namespaces.get(name)

    def _reserve(self, weight: int, freed: int = 0) -> None:
        """Count ``weight`` as being built, if it fits the budget (the guard is held)."""
        used = sum(ns.weight for ns in self._namespaces.values()) + self._pending - freed
        if used + weight > self.budget:
            raise NamespaceBudgetExceeded(budget=self.budget, used=used, needed=weight)
        self._pending += weight

    def _built(self, name: str, spec: WorldSpec, weight: int) -> SandboxWorld:
        try:
            return self.build(name, spec)
        finally:
            with self._guard:
                self._pending -= weight

    def get(self, name: str | None) -> Namespace:
        """The namespace ``name`` (default when None), created from the default spec."""
        name = check_name(name) if name else DEFAULT
        weight = weight_of(self.default_spec)
        with self._guard:
            found = self._namespaces.get(name)
            if found is not None:
                return found
            self._reserve(weight)
        world = self._built(name, self.default_spec, weight)
        with self._guard:
            created = Namespace(name, self.default_spec, world, weight)
            found = self._namespaces.setdefault(name, created)
        return found

    def reset(self, namespace: Namespace, spec: WorldSpec | None = None) -> SandboxWorld:
        """Give ``namespace`` a fresh world (of ``spec``, which it keeps for later resets).
        The caller holds the namespace's lock. A world bigger than the old one must fit the
        budget with the old one still counted: both live while the new one is built."""
        spec = spec if spec is not None else namespace.spec
        weight = weight_of(spec)
        grows = max(0, weight - namespace.weight)
        with self._guard:
            self._reserve(grows)
        world = self._built(namespace.name, spec, grows)
        with self._guard:
            namespace.spec = spec
            namespace.weight = weight
            namespace.world = world
        return world

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
        """Forget ``name`` and drop its world (the memory is released at once)."""
        namespace = self.peek(name)
        with namespace.lock, self._guard:
            self._namespaces.pop(name, None)
            # a template no namespace uses any more is a world's pickle kept for nobody
            used = {self.default_spec.key} | {ns.spec.key for ns in self._namespaces.values()}
            for key in [key for key in self._templates if key not in used]:
                del self._templates[key]
            for hook in self.on_delete:
                hook(name)
        del namespace
        release_memory()

    def drop(self, name: str) -> None:
        """Take ``name`` out without telling the hooks (a fork that failed half-way)."""
        with self._guard:
            self._namespaces.pop(name, None)

    def adopt(self, name: str, world: SandboxWorld) -> Namespace:
        """Put ``world`` (restored or forked) in as the new namespace ``name``, within the
        budget."""
        name = check_name(name)
        weight = weight_of(world.spec)
        with self._guard:
            if name in self._namespaces:
                raise NamespaceExists(name=name)
            self._reserve(weight)
            self._pending -= weight
            found = self._namespaces[name] = Namespace(name, world.spec, world, weight)
        return found
