"""The HTTP API (`foedus serve`): routes under /v1, each a thin call into the engine
processes' tasks; the OpenAPI document built from the same pydantic models as
`foedus schema`. FastAPI on uvicorn: FastAPI because the models are pydantic already
and it writes the OpenAPI document from the routes; uvicorn because it is the ASGI
server FastAPI is made for, small and well kept."""
from __future__ import annotations

import asyncio
import functools
import datetime as dt
import json
from typing import Annotated, Literal, Optional

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..base.documents import MAX_BYTES
from ..base.version import __version__
from ..services.batch import patience
from ..services.schemas import NAMES as SCHEMA_NAMES
from ..services.sweep import FIRST_SWEPT
from ..services.schemas import json_schema
from . import problems
from .pool import EnginePool

PREFIX = "/v1"
BATCH_MAX_BYTES = 32 * MAX_BYTES   # JSON Lines: each line a scenario of at most MAX_BYTES
READ_MEDIA = ("application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/plain",
              "application/x-ndjson", "application/jsonl", "",
              "application/x-www-form-urlencoded")   # what curl --data-binary sends unless told


class _Problem(Exception):
    def __init__(self, kind: str, detail: str, **extensions):
        self.problem = problems.problem(kind, detail, **extensions)


def _respond(answer) -> Response:
    status, media, body = answer
    return Response(content=body.encode("utf-8"), status_code=status, media_type=media)


def _problem_response(p: dict) -> Response:
    return Response(content=problems.body(p).encode("utf-8"), status_code=p["status"],
                    media_type=problems.MEDIA_TYPE)


async def _body(request: Request, cap: int, required: bool = True) -> bytes:
    """The request body, at most `cap` bytes (read no further), of a media type read here."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in READ_MEDIA:
        raise _Problem("unsupported-media-type", f"a body of type '{media}' is not read here",
                       expected="application/json or application/yaml (JSON Lines: application/x-ndjson)")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise _Problem("too-large", f"the body is {int(declared):,} bytes long",
                       expected=f"at most {cap:,} bytes (the limit of a file)")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise _Problem("too-large", f"the body is more than {cap:,} bytes long",
                           expected=f"at most {cap:,} bytes (the limit of a file)")
        chunks.append(chunk)
    raw = b"".join(chunks)
    if required and not raw.strip():
        raise _Problem("malformed", "the request has no body",
                       expected="a scenario (or claim) as JSON or YAML")
    return raw


def _readings(values: list[str]) -> dict[str, str]:
    out = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise _Problem("malformed", f"reading '{item}' is not NAME=VALUE", field="query.reading",
                           expected="NAME=VALUE (see GET /v1/readings)")
        out[name.strip()] = value.strip()
    return out


def _json(model: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {
        "schema": {"$ref": f"#/components/schemas/{model}"}}}}


def _problem_responses(*statuses: int) -> dict:
    return {s: {"description": "A problem (RFC 9457): the command line's message, its field, what was "
                               "expected and a hint.",
                "content": {problems.MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
            for s in sorted({400, 500, 503, *statuses})}


EXAMPLE = {"name": "An armed attack on Finland (hypothetical)",
           "events": [{"id": "attack", "kind": "armed_attack", "date": "2023-04-04", "attackers": ["RUS"],
                       "place": "FIN", "source": "hypothetical"}]}


def _body_doc(model: str, example: Optional[dict] = None, required: bool = True) -> dict:
    schema = {"$ref": f"#/components/schemas/{model}"}
    json_media = {"schema": schema}
    if example is not None:
        json_media["example"] = example
    return {"requestBody": {"required": required, "content": {
        "application/json": json_media, "application/yaml": {"schema": schema}}}}


Day = Annotated[Optional[dt.date], Query(description="The date (YYYY-MM-DD); today when not given.")]
Readings = Annotated[list[str], Query(description="Pin a contested reading, NAME=VALUE (repeatable; see "
                                                  "GET /v1/readings).")]


router = APIRouter(prefix=PREFIX)


async def _call(request: Request, task: str, args: dict, scenarios: int = 1) -> Response:
    """One task in an engine process, with a deadline past the work budget (the batch's patience)."""
    return _respond(await request.app.state.pool.call(task, args, patience(scenarios)))


@router.post("/check", tags=["verdicts"], summary="Assess one scenario",
             responses={200: {**_json("Verdict", "The verdict (with brief=true: a BriefVerdict), byte for byte "
                                                 "as `foedus check - --format json` prints it; with format=html, "
                                                 "its explanation tree as an HTML fragment."),
                              "content": {"application/json": {"schema": {"oneOf": [
                                  {"$ref": "#/components/schemas/Verdict"},
                                  {"$ref": "#/components/schemas/BriefVerdict"}]}},
                                          "text/html": {"schema": {"type": "string"}}}},
                        **_problem_responses(413, 415, 422)},
             openapi_extra=_body_doc("Scenario", EXAMPLE))
async def check(request: Request, brief: bool = False, reading: Readings = [],   # noqa: B006
                format: Annotated[Literal["json", "html"], Query()] = "json"):
    if format == "html" and brief:
        raise _Problem("malformed", "format=html shows the explanation, which brief=true leaves out",
                       field="query.format")
    return await _call(request, "check", {"body": await _body(request, MAX_BYTES), "brief": brief,
                                          "readings": _readings(reading), "html": format == "html"})


@router.post("/check/batch", tags=["verdicts"], summary="Assess many scenarios (JSON Lines)",
             responses={200: {"description": "One line per scenario, in input order: its verdict, or a problem "
                                              "naming its line.",
                              "content": {"application/x-ndjson": {"schema": {"type": "string"}}}},
                        **_problem_responses(413, 415)},
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/x-ndjson": {"schema": {"type": "string"}, "example": json.dumps(EXAMPLE) + "\n"}}}})
async def check_batch(request: Request, brief: bool = False, reading: Readings = []):   # noqa: B006
    from ..core.brief import CHUNK
    from ..core.fullchunk import BATCH
    raw = await _body(request, BATCH_MAX_BYTES)
    pinned = _readings(reading)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Problem("malformed", f"the body is not UTF-8 text (byte {exc.start})") from None
    lines = [(n, line) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
    size = CHUNK if brief else BATCH
    batches = [lines[i:i + size] for i in range(0, len(lines), size)]
    return StreamingResponse(_stream(request.app.state.pool, batches, brief, pinned),
                             media_type="application/x-ndjson")


async def _stream(pool: EnginePool, batches: list, brief: bool, pinned: dict):
    """The batches' answers in input order, each as soon as it and those before it are done."""
    tasks = [asyncio.ensure_future(pool.call(
        "check_lines", {"lines": b, "brief": brief, "readings": pinned},
        patience(len(b)))) for b in batches]
    try:
        for b, task in zip(batches, tasks):
            status, media, body = await task
            if status != 200:   # the batch's process failed: each of its lines says so
                p = json.loads(body)
                body = "".join(json.dumps({**p, "line": n}, ensure_ascii=False, sort_keys=True) + "\n"
                               for n, _ in b)
            yield body.encode("utf-8")
    finally:
        for task in tasks:
            task.cancel()


@router.post("/what-if", tags=["reasoning"], summary="Minimal counterfactuals of a scenario",
             responses={200: _json("WhatIfReport", "For each verdict, the smallest changes that flip it."),
                        **_problem_responses(413, 415, 422)},
             openapi_extra=_body_doc("Scenario", EXAMPLE))
async def what_if(request: Request, provision: Optional[str] = None, state: Optional[str] = None,
                  max_changes: Annotated[int, Query(ge=0, le=6)] = 3,
                  max_cost: Annotated[int, Query(ge=0, le=50)] = 10,
                  top: Annotated[int, Query(ge=1, le=20)] = 5):
    return await _call(request, "what_if", {"body": await _body(request, MAX_BYTES), "provision": provision,
                                            "state": state, "max_changes": max_changes, "max_cost": max_cost,
                                            "top": top}, scenarios=8)


@router.post("/answer", tags=["reasoning"], summary="Write an answer to a question of fact into the scenario",
             responses={200: {"description": "The scenario with the answer written in, as YAML (comments are "
                                             "not kept).",
                              "content": {"application/yaml": {"schema": {"type": "string"}}}},
                        **_problem_responses(413, 415, 422)},
             openapi_extra=_body_doc("Scenario", EXAMPLE))
async def answer(request: Request, question: str, about: str, state: str, date: dt.date, answer: str):
    return await _call(request, "answer", {"body": await _body(request, MAX_BYTES), "question": question,
                                           "about": about, "state": state, "date": date.isoformat(),
                                           "answer": answer})


@router.post("/claim", tags=["reasoning"], summary="Check a general claim over a bounded space",
             responses={200: _json("ClaimReport", "holds, refuted (with a counterexample) or undecided."),
                        **_problem_responses(413, 415, 422)},
             openapi_extra=_body_doc("Claim"))
async def claim(request: Request):
    return await _call(request, "claim", {"body": await _body(request, MAX_BYTES)}, scenarios=8)


@router.get("/world", tags=["world"], summary="The parties to each treaty on a date",
            responses={200: _json("WorldView", "Parties and special statuses, with sources."),
                       **_problem_responses()})
async def world(request: Request, as_of: Day = None):
    return await _call(request, "world", {"as_of": _iso(as_of)})


@router.get("/audit", tags=["world"], summary="Every breach or tension on a date",
            responses={200: _json("AuditReport", "Findings and the assessments they come from."),
                       **_problem_responses(422)})
async def audit(request: Request, as_of: Day = None, reading: Readings = []):   # noqa: B006
    return await _call(request, "audit", {"as_of": _iso(as_of), "body": None, "readings": _readings(reading)})


@router.post("/audit", tags=["world"], summary="An audit with a scenario's hypothetical facts",
             responses={200: _json("AuditReport", "Findings and the assessments they come from."),
                        **_problem_responses(413, 415, 422)},
             openapi_extra=_body_doc("Scenario", EXAMPLE))
async def audit_with(request: Request, as_of: Day = None, reading: Readings = []):   # noqa: B006
    return await _call(request, "audit", {"as_of": _iso(as_of), "body": await _body(request, MAX_BYTES),
                                          "readings": _readings(reading)})


SWEEP_ROW = {"type": "object", "required": ["victim", "attacker", "provision", "start", "end", "status", "version"],
             "properties": {"victim": {"type": "string"}, "attacker": {"type": "string"},
                            "provision": {"type": "string"}, "start": {"type": "string", "format": "date"},
                            "end": {"type": ["string", "null"]}, "status": {"type": "string"},
                            "version": {"type": ["string", "null"]}}}


@router.get("/sweep", tags=["world"], summary="Attackers x victims x time: who was covered by whom, and when",
            responses={200: {"description": "Each interval between change points with the same outcome, per "
                                            "victim, attacker and provision, for a standard attack (`attack`).",
                             "content": {"application/json": {"schema": {"type": "object",
                                                                          "required": ["rows", "attack"],
                                                                          "properties": {"rows": {
                                                                              "type": "array", "items": SWEEP_ROW},
                                                                              "attack": {"type": "string"}}}}}},
                       **_problem_responses(422)})
async def sweep(request: Request, victims: Annotated[str, Query(description="Comma-separated state codes.")],
                attackers: Annotated[str, Query(description="Comma-separated state codes.")],
                from_: Annotated[dt.date, Query(alias="from")] = FIRST_SWEPT, to: Day = None,
                provisions: str = "cst_art4,nato_art5"):
    split = lambda text: [x.strip() for x in text.split(",") if x.strip()]   # noqa: E731
    if len(split(victims)) * len(split(attackers)) > 100:
        raise _Problem("malformed", "more than 100 victim-attacker pairs", field="query.victims",
                       expected="at most 100 pairs in one request")
    return await _call(request, "sweep", {"victims": split(victims), "attackers": split(attackers),
                                          "start": from_.isoformat(), "end": _iso(to),
                                          "provisions": split(provisions)}, scenarios=200)


@router.get("/states", tags=["world"], summary="The States foedus knows",
            responses={200: _json("StateList", "Codes, names in time, standing, treaties."),
                       **_problem_responses()})
async def states(request: Request, as_of: Day = None, search: Optional[str] = None):
    return await _call(request, "states", {"as_of": _iso(as_of), "search": search})


@router.get("/places", tags=["world"], summary="The places a scenario may name",
            responses={200: _json("PlaceList", "Holder, controllers and claimants on a date."),
                       **_problem_responses()})
async def places(request: Request, as_of: Day = None, search: Optional[str] = None):
    return await _call(request, "places", {"as_of": _iso(as_of), "search": search})


def _listing(what: str):
    async def answer(request: Request):
        return await _call(request, "listing", {"what": what})
    return answer


for _path, _model, _summary in (("provisions", "ProvisionList", "Every encoded provision"),
                                ("readings", "ReadingList", "The named readings"),
                                ("cases", "CaseList", "The historical case library"),
                                ("claims", "ClaimsReport", "The seed paper's claims, checked")):
    router.get(f"/{_path}", tags=["library"], summary=_summary, name=_path,
               responses={200: _json(_model, _summary + "."), **_problem_responses()})(_listing(_path))


@router.get("/cases/{case_id}", tags=["library"], summary="One case of the library",
            responses={200: _json("CaseReport", "Verdicts and recorded conduct side by side."),
                       **_problem_responses(404)})
async def case(request: Request, case_id: str):
    return await _call(request, "case", {"case_id": case_id})


@router.get("/cases/{case_id}/scenario", tags=["library"], summary="One case's scenario, as YAML",
            responses={200: {"description": "The scenario, to check or change.",
                             "content": {"application/yaml": {"schema": {"type": "string"}}}},
                       **_problem_responses(404)})
async def case_scenario(request: Request, case_id: str):
    return await _call(request, "case_scenario", {"case_id": case_id})


@router.get("/schemas/{name}", tags=["meta"], summary="The JSON Schema of an input or output",
            responses={200: {"description": "A JSON Schema, as `foedus schema NAME` prints it.",
                             "content": {"application/json": {"schema": {"type": "object"}}}},
                       **_problem_responses(404)})
async def schema(name: str):
    if name not in SCHEMA_NAMES:
        raise _Problem("not-found", f"no schema '{name}'", expected="one of " + ", ".join(SCHEMA_NAMES))
    text = json.dumps(json_schema(name), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return Response(content=text.encode("utf-8"), media_type="application/json")


@router.get("/examples", tags=["library"], summary="The bundled example scenarios",
            responses={200: {"description": "Each example's name and title.", "content": {"application/json": {
                "schema": {"type": "object", "required": ["examples"], "properties": {"examples": {
                    "type": "array", "items": {"type": "object", "required": ["name", "title"], "properties": {
                        "name": {"type": "string"}, "title": {"type": "string"}}}}}}}}}})
async def examples():
    from ..services.examples import examples as listed
    return JSONResponse({"examples": [{"name": n, "title": t} for n, t in listed().items()]})


@router.get("/examples/{name}", tags=["library"], summary="One example scenario, as YAML",
            responses={200: {"description": "The scenario file.",
                             "content": {"application/yaml": {"schema": {"type": "string"}}}},
                       **_problem_responses(404)})
async def example(name: str):
    from ..base.errors import InputError
    from ..services.examples import example_path
    try:
        path = example_path(name)
    except InputError as exc:
        return _problem_response(problems.of_error(exc, "not-found"))
    return Response(content=path.read_bytes(), media_type="application/yaml")


@router.get("/health", tags=["meta"], summary="Whether the server answers, and its engine processes",
            responses={200: {"description": "ok", "content": {"application/json": {"schema": {
                "type": "object", "required": ["status", "workers", "idle"],
                "properties": {"status": {"type": "string"}, "workers": {"type": "integer"},
                               "idle": {"type": "integer"}}}}}}})
async def health(request: Request):
    pool = request.app.state.pool
    return JSONResponse({"status": "ok", "workers": pool.workers, "idle": pool.ready})


@router.get("/version", tags=["meta"], summary="The release and the knowledge base's digests",
            responses={200: _json("EngineInfo", "As a verdict's `engine` member.")})
async def version(request: Request):
    return JSONResponse(request.app.state.pool.provenance)


def create_app(workers: int = 1, cors_origins: tuple[str, ...] = ()) -> FastAPI:
    pool = EnginePool(workers)

    async def lifespan(app):
        await pool.start()
        try:
            yield
        finally:
            pool.close()

    app = FastAPI(title="foedus", version=__version__, lifespan=lifespan,
                  openapi_url=f"{PREFIX}/openapi.json", docs_url=f"{PREFIX}/docs", redoc_url=None,
                  description="Does a dated scenario legally trigger collective action under the Collective "
                              "Security Treaty, the North Atlantic Treaty or UN Charter Art. 51 — for whom, "
                              "under which text, and why? The same engine as the `foedus` command line.")
    app.state.pool = pool
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Content-Type"])
    _errors(app)
    app.include_router(router)
    app.get("/", include_in_schema=False)(workbench)
    app.openapi = lambda: _openapi(app)
    return app


async def workbench():
    return Response(content=_workbench_page(), media_type="text/html")


@functools.cache
def _workbench_page() -> bytes:
    """The workbench: one page, its script and the tree's style inline, nothing fetched from
    elsewhere; read from the package once."""
    from importlib.resources import files

    from ..explain.html import STYLE
    page = files(__package__).joinpath("workbench.html").read_text(encoding="utf-8")
    return page.replace("/*STYLE*/", STYLE).encode("utf-8")


def _errors(app: FastAPI) -> None:
    """Every error a problem: ours, FastAPI's validation of the query, Starlette's 404/405, the rest."""
    @app.exception_handler(_Problem)
    async def on_problem(request: Request, exc: _Problem):
        return _problem_response(exc.problem)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()))
        dated = str(first.get("type", "")).startswith("date")
        said = "is not a date" if dated else first.get("msg", "invalid")
        return _problem_response(problems.problem("malformed", f"field '{where}': {said}", field=where or None,
                                                  expected="a date as YYYY-MM-DD" if dated else None))

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException):
        kind = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "malformed")
        return _problem_response(problems.problem(kind, f"{request.method} {request.url.path}: {exc.detail}"))

    @app.exception_handler(Exception)
    async def on_error(request: Request, exc: Exception):
        return _problem_response(problems.problem("internal", f"{type(exc).__name__}; please report it"))


def _iso(day: Optional[dt.date]) -> Optional[str]:
    return day.isoformat() if day else None


def _openapi(app: FastAPI) -> dict:
    """FastAPI's document of the routes, with the components taken from the models as
    `foedus schema` gives them, and every error a problem."""
    if app.openapi_schema:
        return app.openapi_schema
    from pydantic.json_schema import models_json_schema
    from ..models.scenario import Scenario
    from ..models.verdict import (AuditReport, BriefVerdict, CaseList, CaseReport, ClaimReport, ClaimsReport,
                                  EngineInfo,
                                  PlaceList, ProvisionList, ReadingList, StateList, Verdict, WhatIfReport,
                                  WorldView)
    from ..services.claimcheck import Claim
    doc = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    models = [Scenario, Claim, Verdict, BriefVerdict, WhatIfReport, ClaimReport, AuditReport, WorldView, StateList, PlaceList,
              ProvisionList, ReadingList, CaseList, CaseReport, ClaimsReport, EngineInfo]
    _, defs = models_json_schema([(m, "validation") for m in models], ref_template="#/components/schemas/{model}")
    components = doc.setdefault("components", {}).setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    components.update(defs.get("$defs", {}))
    components["Problem"] = problems.SCHEMA
    for item in doc["paths"].values():   # FastAPI's own 422 (its validation errors) is answered as a 400 problem
        for op in item.values():
            responses = op.get("responses", {})
            for status in [k for k, v in responses.items() if "HTTPValidationError" in json.dumps(v)]:
                del responses[status]
    app.openapi_schema = doc
    return doc


def serve(host: str, port: int, workers: int, cors_origins: tuple[str, ...] = ()) -> None:
    import uvicorn
    uvicorn.run(create_app(workers, cors_origins), host=host, port=port, log_level="warning",
                server_header=False, proxy_headers=False)
