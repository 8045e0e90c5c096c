"""The verdict: one object, published as JSON Schema (`foedus schema`).

Text output is a view of this object; nothing is said in text that is not here.
Field order is fixed and every list is sorted, so the same input gives the same
bytes.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "2.4"   # see CHANGELOG.md

Status = Literal["triggered", "not_triggered", "not_applicable", "contested", "breached", "complied",
                 "undetermined"]
Value = Literal["holds", "fails", "unknown"]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class SourceRef(_Out):
    id: str = Field(description="Source id in facts/sources.yaml, or 'scenario'.")
    citation: str
    where: Optional[str] = None
    verified: bool


class FactRef(_Out):
    """A fact the rules relied on, with its provenance."""
    id: str = Field(description="Fact id (world) or event id (scenario).")
    kind: str
    statement: str
    origin: Literal["world", "scenario"]
    verified: bool = Field(description="Seen in a retrieved copy of one of its sources (each source says whether "
                                       "it was retrieved); a scenario's facts are never verified.")
    note: Optional[str] = Field(None, description="The record's own caveat (e.g. a day assumed).")
    sources: list[SourceRef]


class ClauseRef(_Out):
    provision: str
    name: str = Field("", description="How text outputs name the provision: 'North Atlantic Treaty Art. 6'.")
    version: str
    clause: str
    text: str
    pinpoint: Optional[str] = None


class ElementResult(_Out):
    id: str
    label: str
    kind: Literal["gate", "condition"]
    value: Value = Field(description="holds; fails; or unknown: an assessment the scenario or the record "
                                     "leaves open (the verdict is then undetermined unless something else fails).")
    decided_by: Literal["record", "assessment"] = Field(
        description="record: silence means it did not happen (fails); assessment: silence means not established "
                    "(unknown).")
    statement: str
    words: Optional[str] = Field(None, description="The article's words creating this element.")
    pinpoint: Optional[str] = Field(None, description="Where the words stand: 'Art. 4 para. 2' (the edition "
                                                      "followed: ProvisionRef.pinpoint_edition).")
    via: list[ClauseRef] = []
    facts: list[FactRef] = []


class OpenQuestion(_Out):
    id: str
    statement: str
    facts: list[FactRef] = []


class AnswerOutcome(_Out):
    """One answer to a question of fact, and the verdict it gives."""
    answer: str = Field(description="The answer, in words.")
    syntax: str = Field(description="What to write in the scenario to give this answer.")
    status: Status = Field(description="The status with this answer (readings at their defaults).")
    failing: list[str] = []


class Question(_Out):
    """A fact the scenario or the record left open, which the verdict turns on."""
    id: str = Field(description="The question of fact (threats, attack_origin, attribution, consultations, "
                                "entry_into_force).")
    about: str = Field(description="The event, base or instrument it concerns.")
    elements: list[str] = Field(description="The unknown elements it decides.")
    statement: str
    answers: list[AnswerOutcome] = Field([], description="Each answer and the status it gives, from one targeted "
                                                         "solve per answer.")


class ReadingUsed(_Out):
    name: str
    value: str
    statement: str
    held_by: Optional[str] = None


class ReadingOutcome(_Out):
    """The verdict under one combination of the readings this provision depends on."""
    readings: dict[str, str]
    status: Status
    failing: list[str]
    unknown: list[str] = []
    open_questions: list[str] = []
    explanation: list[str]
    standing: list[str] = Field([], description="What stands behind these values for this provision "
                                                "(reading_standing: kind and source).")


class BearerOutcome(_Out):
    """Who bears a consequence under one combination of readings, when that varies."""
    consequence: str
    readings: dict[str, str]
    bearers: list[str]


class Robustness(_Out):
    robust: bool = Field(description="True when every combination of the readings lands on the same side "
                                     "(engaged, not engaged, open, undetermined).")
    readings: list[str] = Field([], description="The readings that could matter here and were varied.")
    statuses: list[Status] = Field([], description="Every status some combination of the varied readings gives.")
    outcomes: list[ReadingOutcome] = Field([], description="Each combination's verdict, when the statuses differ "
                                                           "(contested, or robust with different statuses).")
    bearers_depend_on: list[str] = Field([], description="Readings that change who bears a consequence, though "
                                                         "not the status.")
    bearers: list[BearerOutcome] = Field([], description="When bearers depend on readings: who bears what under "
                                                         "each combination of them.")
    dissents: list[ReadingOutcome] = Field(
        [], description="Outcomes under values that depart from an interpretation with authoritative standing "
                        "for this provision (a formal act of all its parties): shown, but they do not enter "
                        "statuses or robust.")
    dissent_statuses: list[Status] = Field([], description="Every status some dissenting combination gives.")


class Consequence(_Out):
    id: str
    kind: str
    discretion: Literal["none", "means", "full"] = Field(
        description="none: the content is fixed; means: the duty is firm but each bearer chooses "
                    "the means; full: a right or a practice, not a duty.")
    text: str
    bearers: list[str] = Field([], description="State codes bearing this consequence.")


Measure = Literal["collective_action", "armed_forces", "military_aid", "non_military_aid", "monitoring_mission",
                  "consultations", "statement"]


def measure_words(measure: str) -> str:
    """A decision's measure in words: non_military_aid -> non-military aid."""
    return measure.replace("non_military", "non-military").replace("_", " ")


class DecisionMeasure(_Out):
    measure: Measure
    outcome: Literal["decided", "declined", "blocked", "beyond_competence"] = Field(
        description="beyond_competence: the organ may not decide this measure (competent_organ may); what it "
                    "said is its position, not the organisation's decision.")
    competent_organ: Optional[str] = None


class OrganisationDecision(_Out):
    status: Literal["decided_to_act", "decided_in_part", "decided_not_to_act", "blocked_by_objection",
                    "beyond_competence", "no_decision_recorded"] = Field(
        description="Read from the measures the organ may decide: decided_in_part: some adopted, others declined; "
                    "beyond_competence: the organ took no decision it was competent to take (what it said on "
                    "measures beyond its competence is in measures, as its position).")
    statement: str
    organ: Optional[str] = Field(None, description="The organ that decided (the latest decision's).")
    measures: list[DecisionMeasure] = []
    decisions: list[FactRef] = []


class ProvisionRef(_Out):
    id: str
    name: str = Field("", description="How text outputs name it: 'CST Art. 4'.")
    instrument: str
    article: str
    title: str
    version: str
    version_label: str
    citation: str
    in_force_from: Optional[str] = None
    in_force_until: Optional[str] = Field(None, description="The last day this version governed (inclusive).")
    in_force_note: Optional[str] = Field(None, description="Set when the day this version entered into force "
                                                            "was not located: in_force_from is then the earliest "
                                                            "day it can have applied.")
    pinpoint_edition: Optional[str] = Field(None, description="The edition whose paragraphs or indents the "
                                                              "pinpoints follow.")


class Party(_Out):
    code: str
    name: str
    statehood: Optional["FactRef"] = Field(None, description="For an entity whose statehood is contested, or an "
                                                             "observer State: what foedus assumes of it, cited.")


class Assessment(_Out):
    provision: ProvisionRef
    about: str = Field(description="The event (scenario id) or standing fact (fact id) assessed.")
    date: str = Field(description="The date on which the provision is applied to it.")
    state: Party = Field(description="The state concerned.")
    role: str = Field(description="What the state is for this provision: victim, party, host, "
                                  "threatened_state, requesting_state.")
    status: Status
    summary: str
    elements: list[ElementResult]
    failing: list[str] = Field(description="Ids of the elements that fail: the 'why not'.")
    unknown: list[str] = Field([], description="Ids of the elements not established: what is missing.")
    questions: list[Question] = Field([], description="The facts left open, each with how to answer it and the "
                                                      "status each answer gives.")
    open_questions: list[OpenQuestion] = []
    readings: list[ReadingUsed] = []
    robustness: Robustness = Robustness(robust=True)
    consequences: list[Consequence] = Field(
        [], description="What follows; given when the verdict is triggered or contested.")
    open_bearers: list[str] = Field([], description="States whose share in the consequences is not established "
                                                    "(their status under the treaty began on a day not located).")
    organisation_decision: Optional[OrganisationDecision] = None
    frame: list[str] = []
    frame_names: list[str] = []


class ArticleText(_Out):
    part: int
    label: Optional[str] = Field(None, description="The part as a lawyer pinpoints it: 'para. 2', 'second indent'.")
    language: str
    standing: str
    text: str
    source: Optional[SourceRef] = Field(None, description="The copy the quotation was read from, where recorded.")


class MissingText(_Out):
    """An authentic text not quoted, and why: never filled in by invention."""
    part: int
    label: Optional[str] = None
    language: str
    status: Literal["not_located", "recalled"]
    reason: str


class ProvisionText(_Out):
    provision: str
    name: str = ""
    version: str
    citation: str
    treaty_series: Optional[str] = Field(None, description="The treaty-series reference of the instrument making "
                                                           "this version, or why there is none.")
    authentic_languages: list[str] = []
    text: list[ArticleText]
    missing: list[MissingText] = Field([], description="Authentic texts not quoted, each with its reason.")


class EventSummary(_Out):
    id: str
    kind: str
    date: str
    summary: str
    source: Optional[str] = None


class ScenarioInfo(_Out):
    name: str
    file: Optional[str] = None
    as_of: str
    digest: str


class EngineInfo(_Out):
    foedus_version: str
    knowledge_base_digest: str = Field(description="Digest of every rule and fact file read.")
    derived_digest: str = Field(description="Digest of what was derived from those files and used (the world "
                                            "and the catalogue), whether read from the cache or built: a cache "
                                            "entry that differs from what the files give shows here.")
    brief_rules_digest: Optional[str] = Field(None, description="Brief verdicts: the digest of the rules "
                                                                "rewritten for chunks, as used.")
    schema_version: str = SCHEMA_VERSION


class ReadingsInfo(_Out):
    pinned: dict[str, str] = Field(default_factory=dict, description="Readings fixed by the scenario or the user.")
    varied: list[str] = Field([], description="Readings that could matter and were explored.")


_HTML_VIEW = []   # the explanation tree as HTML (explain/html.py registers it; models do not render)


def register_html_view(render) -> None:
    """How a Verdict shows itself as HTML (Jupyter's _repr_html_)."""
    _HTML_VIEW[:] = [render]


class Verdict(_Out):
    """Everything foedus concluded about one scenario."""

    def _repr_html_(self) -> Optional[str]:
        return _HTML_VIEW[0](self) if _HTML_VIEW else None

    scenario: ScenarioInfo
    engine: EngineInfo
    readings: ReadingsInfo = ReadingsInfo()
    events: list[EventSummary]
    statehood: list[FactRef] = Field([], description="What foedus assumes of the statehood of entities the "
                                                     "events name whose statehood is contested (or observer States).")
    assessments: list[Assessment]
    provisions: list[ProvisionText] = Field(description="Texts of the provision versions applied.")


# --- Other outputs -----------------------------------------------------------

class BriefAssessment(_Out):
    """One assessment without its explanation: what a batch or a sweep needs."""
    provision: str
    name: str = Field("", description="How text outputs name the provision and version: 'CST Art. 4 (2010 text)'.")
    version: str
    about: str = Field(description="The event (scenario id) or standing fact (fact id) assessed.")
    date: str
    state: str = Field(description="Code of the state concerned.")
    role: str
    status: Status = Field(description="As in the full verdict: contested when the readings disagree.")
    robust: bool = Field(description="True when every combination of the varied readings lands on the same side.")
    statuses: list[Status] = Field(description="Every status some combination of the varied readings gives.")
    failing: list[str] = Field(description="Elements that fail under the default readings.")
    unknown: list[str] = Field([], description="Elements not established under the default readings.")
    questions: list[str] = Field([], description="Ids of the questions of fact left open.")
    open_questions: list[str] = []
    readings: list[str] = Field([], description="The varied readings this provision depends on.")
    bearers_depend_on: list[str] = Field([], description="Readings that change who bears a consequence.")
    dissents: list[Status] = Field([], description="Statuses under values departing from an authoritative "
                                                   "interpretation (not in statuses).")


class BriefVerdict(_Out):
    """The verdict of `foedus check --brief`: every assessment's outcome, no
    explanation. Equal, field for field, to the brief of the full verdict."""
    scenario: ScenarioInfo
    engine: EngineInfo
    readings: ReadingsInfo = ReadingsInfo()
    assessments: list[BriefAssessment]


class ProvisionVersion(_Out):
    version: str
    label: str
    created_by: str
    in_force_from: Optional[str]
    in_force_until: Optional[str]
    citation: str
    elements: list[str]


class ProvisionEntry(_Out):
    id: str
    instrument: str
    instrument_name: str
    article: str
    title: str
    versions: list[ProvisionVersion]


class ProvisionList(_Out):
    provisions: list[ProvisionEntry]


class MemberEntry(_Out):
    code: str
    name: str
    status: str
    bound: bool
    fact: FactRef


class TreatyParties(_Out):
    treaty: str
    name: str
    parties: list[MemberEntry]
    special: list[MemberEntry] = Field(description="States whose status is not plain 'party'.")


class AwaitedAcceptance(_Out):
    party: str = Field(description="The Party's code, or 'others': Parties not listed by name.")
    name: str
    notified_on: Optional[str] = Field(None, description="The day it came, where located (after the date asked).")
    fact: FactRef


class PendingChange(_Out):
    """A change of membership under way on the date asked."""
    kind: Literal["accession", "withdrawal"]
    treaty: str
    state: str
    name: str
    takes_effect: Optional[str] = Field(None, description="The day the State becomes or ceases to be a party, "
                                                          "where known (a later fact or the notice's period).")
    protocol_in_force: Optional[str] = Field(None, description="Accession: the day the protocol entered into force, "
                                                               "where located.")
    awaiting: list[AwaitedAcceptance] = Field([], description="Accession: acceptances not yet notified on the date.")
    fact: FactRef = Field(description="The protocol, or the notice of withdrawal.")


class WorldView(_Out):
    as_of: str
    knowledge_base_digest: str
    treaties: list[TreatyParties]
    pending: list[PendingChange] = Field([], description="Accessions and withdrawals under way on the date.")


class StateEntry(_Out):
    code: str
    name: str = Field(description="Its name on the date asked (the USSR's for RUS before 1991-12-26).")
    names: list[str] = Field([], description="Other names it bore, with their dates.")
    aliases: list[str] = Field([], description="Other codes for the same State, with their dates (SUN: RUS until 1991-12-25).")
    standing: Literal["member", "observer", "contested", "former"]
    standing_note: Optional[str] = None
    exists: bool = Field(description="Whether it is a State on the date asked.")
    statehood_from: Optional[str] = None
    statehood_until: Optional[str] = None
    successors: list[str] = []
    treaties: list[str] = Field([], description="The treaties it is bound by on the date (party, or a status that binds).")


class StateList(_Out):
    as_of: str
    search: Optional[str] = None
    states: list[StateEntry]


class PlaceEntry(_Out):
    id: str
    name: str
    codes: list[str] = Field([], description="ISO 3166-1 codes naming the place (a State's code, for its home territory).")
    kind: str = Field(description="land or sea.")
    holder: Optional[str] = Field(None, description="The State holding de jure title on the date (none: no State does).")
    controllers: list[str] = Field([], description="Who held de facto control on the date, where recorded.")
    claimants: list[str] = Field([], description="States claiming it without title on the date.")
    facts: list[str] = Field([], description="The ids of the facts stating the above.")


class PlaceList(_Out):
    as_of: str
    search: Optional[str] = None
    places: list[PlaceEntry]


class AuditFinding(_Out):
    kind: Literal["breach", "contested", "undetermined", "tension", "irregular_standing", "arrears"]
    state: Party
    summary: str
    facts: list[FactRef] = []
    assessment: Optional[Assessment] = None


class AuditReport(_Out):
    """What, on a date, breaches or strains the encoded obligations."""
    as_of: str
    engine: EngineInfo
    scenario: Optional[ScenarioInfo] = None
    findings: list[AuditFinding]
    assessments: list[Assessment] = Field(description="Every standing-fact assessment made for the audit.")


class StandingEntry(_Out):
    provision: str
    kind: Literal["authoritative", "practice", "judicial", "textual", "scholarly", "assumption"]
    source: str


class ReadingEntry(_Out):
    name: str
    value: str
    default: bool
    statement: str
    held_by: Optional[str] = None
    used_by: list[str] = []
    standing: list[StandingEntry] = Field([], description="What stands behind this value, per provision.")


class ReadingList(_Out):
    readings: list[ReadingEntry]


# --- The case library and the paper-claims report ------------------------------

class ConductRecord(_Out):
    organisation: str
    outcome: Literal["acted", "did_not_act", "other"]
    date: Optional[str] = None
    organ: Optional[str] = None
    organ_name: Optional[str] = None
    decided: list[str] = []
    declined: list[str] = []
    description: str
    source: str


class LawAndPractice(_Out):
    """One organisation's recorded conduct set beside the engine's verdicts."""
    organisation: str
    law: Literal["engaged", "not_engaged", "unsettled", "undetermined", "not_assessed"]
    practice: Literal["acted", "did_not_act", "other", "not_recorded"] = Field(
        description="not_recorded: an engaged provision binding the organisation or its members on which "
                    "the case records no conduct.")
    comparison: Literal["agree", "diverge", "law_unsettled", "law_undetermined", "not_comparable"]
    statement: str
    provisions: list[str]


class ExpectedCheck(_Out):
    provision: str
    name: str = ""
    state: str
    about: str
    expected_status: str
    engine_status: Optional[str]
    expected_fails: list[str]
    engine_fails: list[str]
    matches: bool
    why: str


class CorrectionOut(_Out):
    statement: str
    source: str


class PaperClaim(_Out):
    provision: str
    name: str = ""
    state: str
    about: str
    says: str


class ClaimRow(_Out):
    id: str
    case: str
    location: str
    turkish: str
    gloss: str
    claim: Optional[PaperClaim] = None
    engine_status: Optional[str] = None
    decisive: list[str] = Field([], description="Failing elements, or the open questions, that decide the verdict.")
    readings: list[str] = []
    kind: Literal["legal", "practice", "textual", "causal", "factual"] = "legal"
    agreement: Literal["agrees", "disagrees", "engine_says_contested", "engine_says_undetermined", "factual_only",
                       "not_assessed", "agrees_with_practice", "disagrees_with_practice", "agrees_elsewhere",
                       "not_tested"] = Field(
        description="Like with like: a legal claim against the verdict; a sentence about practice against the "
                    "case's conduct (agrees_with_practice, disagrees_with_practice); a statement of what a text "
                    "requires against the encoded provisions (agrees_elsewhere: the rule exists, in another "
                    "instrument than the one named); a causal or political claim is not_tested.")
    explanation: str
    law_note: Optional[str] = Field(None, description="For a sentence about practice or causes: what the engine "
                                                       "finds on the legal question it touches, kept apart.")
    citation: Optional[str] = None
    corrections: list[CorrectionOut] = []


class ClaimsReport(_Out):
    engine: EngineInfo
    paper: str
    rows: list[ClaimRow]


class CaseEntry(_Out):
    id: str
    title: str
    period: str
    organisations: list[str]
    conduct: list[str]


class CaseList(_Out):
    cases: list[CaseEntry]


class DepartureNote(_Out):
    """Where the engine departs from a reading in the research, and why."""
    authority: str
    their_reading: str
    why: str


class CaseReport(_Out):
    id: str
    title: str
    period: str
    summary: str
    questions: list[str]
    verdict: Verdict
    expected: list[ExpectedCheck]
    departures: list[DepartureNote] = []
    conduct: list[ConductRecord]
    law_and_practice: list[LawAndPractice]
    paper: list[ClaimRow]


# --- Minimal counterfactuals (foedus what-if) -------------------------------------

class WhatIfChange(_Out):
    kind: str
    description: str
    cost: int


class WhatIfAnswer(_Out):
    changes: list[WhatIfChange]
    total_cost: int
    status_after: str = Field(description="Status after the changes, readings at their defaults unless a change pins one.")
    confirmed: bool = Field(description="True when re-assessing the changed scenario really flips the verdict.")
    robust_status_after: str = Field(description="Status after the changes with every open reading explored.")
    summary_after: str
    failing_after: list[str] = []
    scenario: str = Field(description="The changed scenario, as YAML that 'foedus check' accepts.")


class WhatIfTarget(_Out):
    provision: str
    name: str = ""
    state: str
    about: str
    status: str = Field(description="The status now, at the default readings.")
    wanted: str


class WhatIfFinding(_Out):
    target: WhatIfTarget
    candidates: int = Field(description="How many candidate changes were considered.")
    answers: list[WhatIfAnswer]
    note: Optional[str] = None


class WhatIfReport(_Out):
    scenario: ScenarioInfo
    engine: EngineInfo
    max_changes: int
    max_cost: int
    costs: dict[str, int] = Field(description="The documented cost of each kind of change.")
    findings: list[WhatIfFinding]


class ClaimReport(_Out):
    """A general claim checked over a bounded space of scenarios."""
    claim: str
    holds: bool = Field(description="True only when the claim is proven over the whole space.")
    outcome: Literal["holds", "refuted", "undecided"] = Field(
        "holds", description="holds; refuted (a counterexample); or undecided: no counterexample, but a scenario "
                             "whose verdict is undetermined could become one once the question it asks is answered.")
    space_size: int = Field(description="Scenarios in the space (each explored under every relevant reading).")
    explanation: str
    counterexample: Optional[str] = Field(None, description="A scenario (YAML) refuting the claim, or, when "
                                                             "undecided, the scenario whose verdict is undetermined.")
    counterexample_status: Optional[str] = None
    counterexample_summary: Optional[str] = None


class LintFinding(_Out):
    kind: str
    file: str
    where: str
    message: str
    severity: Literal["error", "warning"] = Field(
        "error", description="An error makes `foedus lint` exit 1; a warning is said and changes no exit code.")


class LintReport(_Out):
    findings: list[LintFinding]
    files: list[str]


class CaseTestResult(_Out):
    file: str
    name: str
    failures: list[str] = Field([], description="What differs from the case's expectations; none: it passes.")


class CaseTestReport(_Out):
    """`foedus test`: the user's case tests, each passed or failed with what differs."""
    results: list[CaseTestResult]
    passed: int
    failed: int
