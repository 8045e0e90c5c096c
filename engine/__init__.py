"""foedus: does a dated scenario legally trigger collective action under the
Collective Security Treaty, the North Atlantic Treaty or UN Charter Art. 51,
for whom, and why?

    >>> import foedus
    >>> verdict = foedus.assess("examples/karabakh_2020.yaml")
    >>> [(a.provision.id, a.state.code, a.status) for a in verdict.assessments][:2]
    [('cst_art2', 'ARM', 'triggered'), ('cst_art4', 'ARM', 'not_triggered')]
    >>> engine = foedus.Engine()      # load once, assess many
    >>> brief = engine.brief("examples/china_kazakhstan_2020_hypothetical.yaml")
    >>> [(a.provision, a.status, a.unknown) for a in brief.assessments if a.provision == "cst_art4"]
    [('cst_art4', 'undetermined', ['gravity'])]
    >>> changes = engine.what_if("examples/karabakh_2020.yaml", provision="cst_art4", state="ARM")
    >>> [c.kind for c in changes.findings[0].answers[0].changes]
    ['add_request', 'pin_reading', 'pin_reading']
    >>> engine.check_claim("examples/claims/art4_needs_request.yaml").outcome
    'refuted'

(Run from a checkout, where examples/ is; tests/test_doctests.py runs these.)

The names below are imported on first use: `import foedus` (and `foedus --help`)
loads neither clingo nor the verdict models.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .base.version import __version__

_WHERE = {
    "Engine": "api", "assess": "api", "default_engine": "api",
    "FoedusError": "base.errors", "InputError": "base.errors", "KnowledgeBaseError": "base.errors",
    "Scenario": "models.scenario", "load_scenario": "models.scenario", "Verdict": "models.verdict",
}
__all__ = ["Engine", "assess", "default_engine", "FoedusError", "InputError", "KnowledgeBaseError",
           "Scenario", "load_scenario", "Verdict", "__version__"]

if TYPE_CHECKING:
    from .api import Engine, assess, default_engine
    from .base.errors import FoedusError, InputError, KnowledgeBaseError
    from .models.scenario import Scenario, load_scenario
    from .models.verdict import Verdict


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'foedus' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value
