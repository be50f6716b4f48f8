"""Dated business parameters (forretningsparametre) as YAML, one file per family.

Every parameter has a description, a reference to SPEC.md and its source, a provenance tag
(C, C-old, SEED, NC, CONFLICT) and values keyed by the date they take effect. Rules receive them
as a `sandbox.domain.parameters.Parameters` and ask ``value(name, on=day)`` or ``use(...)``.
"""

from sandbox.parameters.loader import default_parameters, load_parameters

__all__ = ["default_parameters", "load_parameters"]
