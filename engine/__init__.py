"""foedus: does a dated scenario legally trigger collective action under the
Collective Security Treaty, the North Atlantic Treaty or UN Charter Art. 51,
for whom, and why?

    >>> import foedus
    >>> verdict = foedus.assess("examples/karabakh_2020.yaml")
    >>> [(a.provision.id, a.victim.code, a.status) for a in verdict.assessments]
"""
__version__ = "0.1.0"

from .api import Engine, assess, default_engine  # noqa: E402
from .errors import FoedusError, InputError, KnowledgeBaseError  # noqa: E402
from .scenario import Scenario, load_scenario  # noqa: E402
from .verdict import Verdict  # noqa: E402

__all__ = ["Engine", "assess", "default_engine", "FoedusError", "InputError",
           "KnowledgeBaseError", "Scenario", "load_scenario", "Verdict", "__version__"]
