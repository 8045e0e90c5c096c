"""The JSON Schemas of foedus's inputs and outputs, from the pydantic models: what
`foedus schema` prints and what the HTTP API's OpenAPI document is built from."""
from __future__ import annotations

# output and input documents, by the name `foedus schema` takes
NAMES = ("verdict", "verdicts", "brief", "provisions", "world", "audit", "case", "cases", "claims", "what-if",
         "claim", "test", "states", "places", "scenario", "case-tests", "readings", "claim-input")


def model_of(name: str):
    """The pydantic model (or type) a schema name stands for."""
    from ..models.scenario import Scenario
    from ..models.verdict import (
        AuditReport,
        BriefVerdict,
        CaseList,
        CaseReport,
        CaseTestReport,
        ClaimReport,
        ClaimsReport,
        PlaceList,
        ProvisionList,
        ReadingList,
        StateList,
        Verdict,
        WhatIfReport,
        WorldView,
    )
    from .casetest import CaseTest
    from .claimcheck import Claim
    return {"verdict": Verdict, "verdicts": list[Verdict], "brief": BriefVerdict, "provisions": ProvisionList,
            "world": WorldView, "audit": AuditReport, "case": CaseReport, "cases": CaseList, "claims": ClaimsReport,
            "what-if": WhatIfReport, "claim": ClaimReport, "test": CaseTestReport, "states": StateList,
            "places": PlaceList, "scenario": Scenario, "case-tests": list[CaseTest], "readings": ReadingList,
            "claim-input": Claim}[name]


def json_schema(name: str, ref_template: str = "#/$defs/{model}") -> dict:
    """The JSON Schema of one input or output, as `foedus schema NAME` prints it."""
    from pydantic import TypeAdapter
    doc = TypeAdapter(model_of(name)).json_schema(ref_template=ref_template)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://foedus.invalid/schema/{name}.json", **doc}
