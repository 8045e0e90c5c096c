"""`foedus serve`: the HTTP API is a thin face over the same Engine as the command
line. The real server is started on a free localhost port and called over HTTP; its
answers are compared byte for byte with the command line's."""
from __future__ import annotations

import json
import os
import re
import signal
import threading
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from foedus.cli import main
from tests.servers import call, problem, running

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def server():
    with running() as proc:
        yield proc


def cli(*args: str, input: str | None = None) -> str:
    result = CliRunner().invoke(main, list(args), input=input)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def json_line(example: str) -> str:
    """An example scenario as one JSON line (dates as YAML reads them, written back as text)."""
    return json.dumps(yaml.safe_load((EXAMPLES / example).read_text(encoding="utf-8")), default=str,
                      ensure_ascii=False)


def without_file(text: str) -> str:
    """Only scenario.file may differ: the command line's standard input has none, a request is '<request>'."""
    return re.sub(r'^    "file": .*$', '    "file": …', text, count=1, flags=re.M)


@pytest.mark.parametrize("example", ["karabakh_2020.yaml", "kazakhstan_2022.yaml", "september_11_2001.yaml",
                                     "kyrgyz_tajik_2021.yaml"])
@pytest.mark.parametrize("brief", [False, True])
def test_a_verdict_is_byte_identical_to_the_command_line(server, example, brief):
    line = json_line(example)
    status, headers, body = call("POST", server.base + "/check" + ("?brief=true" if brief else ""),
                                 line.encode("utf-8"))
    assert status == 200 and headers["content-type"] == "application/json"
    expected = cli("check", "-", "--format", "json", *(["--brief"] if brief else []), input=line + "\n")
    assert without_file(body.decode("utf-8")) == without_file(expected)
    assert json.loads(body)["scenario"]["file"] == "<request>"


def test_the_readmes_curl_line_works(server):
    """`curl --data-binary @file.yaml URL` sends application/x-www-form-urlencoded: read as the file."""
    status, _, body = call("POST", server.base + "/check", (EXAMPLES / "karabakh_2020.yaml").read_bytes(),
                           "application/x-www-form-urlencoded")
    assert status == 200 and json.loads(body)["scenario"]["name"].startswith("Second Karabakh War")


def test_a_yaml_body_and_pinned_readings_as_on_the_command_line(server):
    raw = (EXAMPLES / "kyrgyz_tajik_2021.yaml").read_bytes()
    status, _, body = call("POST", server.base + "/check?reading=intra_party_attack=excluded", raw,
                           "application/yaml")
    assert status == 200
    expected = cli("check", str(EXAMPLES / "kyrgyz_tajik_2021.yaml"), "--format", "json",
                   "--reading", "intra_party_attack=excluded")
    assert without_file(body.decode("utf-8")) == without_file(expected)
    assert json.loads(body)["readings"]["pinned"] == {"intra_party_attack": "excluded"}


def test_what_if_claim_and_audit_are_the_command_lines(server):
    path = EXAMPLES / "karabakh_2020.yaml"
    status, _, body = call("POST", server.base + "/what-if?provision=cst_art4&state=ARM", path.read_bytes(),
                           "application/yaml")
    assert status == 200
    assert body.decode("utf-8") == cli("what-if", str(path), "--provision", "cst_art4", "--state", "ARM",
                                       "--format", "json")
    claim = EXAMPLES / "claims" / "art4_needs_request.yaml"
    status, _, body = call("POST", server.base + "/claim", claim.read_bytes(), "application/yaml")
    assert status == 200 and json.loads(body)["outcome"] == "refuted"
    assert body.decode("utf-8") == cli("claim", str(claim), "--format", "json")
    hypothetical = EXAMPLES / "armenia_in_nato_hypothetical.yaml"
    status, _, body = call("POST", server.base + "/audit?as_of=2020-07-16", hypothetical.read_bytes(),
                           "application/yaml")
    assert status == 200
    expected = cli("audit", "--as-of", "2020-07-16", str(hypothetical), "--format", "json")
    assert without_file(body.decode("utf-8")) == without_file(expected.replace(
        json.dumps(str(hypothetical)), json.dumps("<request>")))


@pytest.mark.parametrize("path, command", [
    ("/world?as_of=2020-09-27", ["world", "--as-of", "2020-09-27"]),
    ("/audit?as_of=2013-06-01", ["audit", "--as-of", "2013-06-01"]),
    ("/provisions", ["provisions"]),
    ("/readings", ["readings"]),
    ("/cases", ["cases"]),
    ("/cases/karabakh_2020", ["cases", "show", "karabakh_2020"]),
    ("/claims", ["claims"]),
    ("/states?as_of=2020-01-01&search=armenia", ["states", "--search", "armenia", "--as-of", "2020-01-01"]),
    ("/places?as_of=2020-01-01&search=karabakh", ["places", "--search", "karabakh", "--as-of", "2020-01-01"]),
    ("/schemas/verdict", ["schema", "verdict"]),
    ("/schemas/scenario", ["schema", "scenario"]),
])
def test_every_listing_is_the_command_lines(server, path, command):
    status, headers, body = call("GET", server.base + path)
    assert status == 200 and headers["content-type"] == "application/json"
    expected = cli(*command, *([] if command[0] == "schema" else ["--format", "json"]))
    assert body.decode("utf-8") == expected


def test_the_batch_streams_verdicts_and_problems_in_input_order(server):
    good = json_line("karabakh_2020.yaml")
    lines = [good, '{"name": "no events"}', "not json", "", good]
    status, headers, body = call("POST", server.base + "/check/batch?brief=true",
                                 "\n".join(lines).encode("utf-8"), "application/x-ndjson")
    assert status == 200 and headers["content-type"] == "application/x-ndjson"
    out = [json.loads(x) for x in body.decode("utf-8").splitlines()]
    assert len(out) == 4   # the blank line is skipped, as on the command line
    assert out[0] == out[3] and out[0]["scenario"]["name"].startswith("Second Karabakh War")
    assert [o.get("line") for o in out[1:3]] == [2, 3]
    assert "field 'events'" in out[1]["detail"] and "not valid JSON" in out[2]["detail"]
    expected = cli("check", "-", "--format", "jsonl", "--brief", input=good + "\n")
    assert body.decode("utf-8").splitlines()[0] == expected.splitlines()[0]


@pytest.mark.parametrize("method, path, body, media, status, says", [
    ("POST", "/check", b'{"name": 1, "events": []}', "application/json", 422, "field 'name'"),
    ("POST", "/check", b'{"name": "x", "events": [{"kind": "armed_attack", "date": "2020-01-01", '
                       b'"attackers": ["XXQ"], "place": "ARM", "source": "s"}]}', "application/json", 422, "XXQ"),
    ("POST", "/check", b"name: [", "application/yaml", 400, "not valid YAML"),
    ("POST", "/check", b"", "application/json", 400, "no body"),
    ("POST", "/check", b"\x00\x01", "application/json", 400, "binary"),
    ("POST", "/check", b"<a/>", "application/xml", 415, "application/xml"),
    ("POST", "/check?reading=nonsense", b"{}", "application/json", 400, "NAME=VALUE"),
    ("POST", "/check?reading=territory=nowhere", json_line("karabakh_2020.yaml").encode(), "application/json",
     422, "unknown reading"),
    ("POST", "/what-if?provision=cst_art5", json_line("karabakh_2020.yaml").encode(), "application/json", 422,
     "did you mean 'cst_art8' or 'cst_art4'"),
    ("POST", "/claim", b"claim: x", "application/yaml", 422, "field 'space'"),
    ("GET", "/world?as_of=yesterday", None, None, 400, "query.as_of"),
    ("GET", "/cases/nope", None, None, 404, "no case 'nope'"),
    ("GET", "/schemas/nope", None, None, 404, "no schema 'nope'"),
    ("GET", "/nowhere", None, None, 404, "Not Found"),
    ("DELETE", "/check", None, None, 405, "Method Not Allowed"),
])
def test_errors_are_problem_details_with_the_command_lines_words(server, method, path, body, media, status, says):
    answer = call(method, server.base + path, body, media or "application/json")
    doc = problem(answer)
    assert answer[0] == status and says in doc["detail"], doc


def test_an_input_error_keeps_its_parts(server, tmp_path):
    """The command line's message for the same document, its parts as members."""
    text = b"name: x\nevents:\n  - kind: armed_attack\n    date: 2020-13-01\n"
    doc = problem(call("POST", server.base + "/check", text, "application/yaml"))
    (tmp_path / "s.yaml").write_bytes(text)
    said = CliRunner().invoke(main, ["check", str(tmp_path / "s.yaml")]).stderr
    assert said == f"foedus: {doc['detail'].replace('<request>', str(tmp_path / 's.yaml'))}\n"
    assert (doc["file"], doc["line"], doc["field"]) == ("<request>", 3, "events[0].place")
    assert doc["expected"] == "this field (it is required)"


def test_an_oversized_body_is_refused_before_it_is_read(server):
    big = b"x" * (2 * 1024 * 1024 + 1)
    doc = problem(call("POST", server.base + "/check", big))
    assert doc["status"] == 413 and "2,097,152 bytes" in doc["expected"]
    assert call("GET", server.base + "/health")[0] == 200   # and the server keeps serving


def test_no_cors_unless_asked(server):
    _, headers, _ = call("GET", server.base + "/provisions", headers={"Origin": "https://example.org"})
    assert "access-control-allow-origin" not in {k.lower() for k in headers}


def test_a_slow_request_does_not_block_the_others(server):
    """Two engine processes: while one works on a what-if, the other answers."""
    slow: dict = {}
    body = (EXAMPLES / "karabakh_2020.yaml").read_bytes()
    thread = threading.Thread(target=lambda: slow.update(answer=call(
        "POST", server.base + "/what-if?max_changes=6&max_cost=50&top=20", body, "application/yaml")))
    thread.start()
    time.sleep(0.5)
    fast = call("GET", server.base + "/provisions")
    still_working = thread.is_alive()
    thread.join()
    assert fast[0] == 200 and slow["answer"][0] == 200
    assert still_working, "the what-if ended before the fast request: make it slower to test anything"


def _engine_processes(server) -> list[int]:
    """The server's engine processes (children of whichever of its threads started them)."""
    children = [pid for task in Path(f"/proc/{server.pid}/task").iterdir()
                for pid in (task / "children").read_text().split()]
    return sorted(int(pid) for pid in children
                  if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace"))


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from /proc")
def test_a_dead_engine_process_is_answered_for_and_replaced():
    with running(workers=1) as server:
        (victim,) = _engine_processes(server)
        os.kill(victim, signal.SIGKILL)
        time.sleep(0.2)
        doc = problem(call("GET", server.base + "/provisions"))
        assert doc["status"] == 500 and "died" in doc["detail"]
        assert call("GET", server.base + "/provisions")[0] == 200   # a new process answers
        assert _engine_processes(server) != [victim]


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from /proc")
def test_an_engine_process_is_recycled_after_its_share_of_requests():
    """Memory stays flat: a process is replaced after FOEDUS_SERVE_RECYCLE requests, and no request is lost."""
    with running(env={"FOEDUS_SERVE_RECYCLE": "2"}, workers=1) as server:
        (first,) = _engine_processes(server)
        assert [call("GET", server.base + "/readings")[0] for _ in range(5)] == [200] * 5
        assert first not in _engine_processes(server)


def test_work_over_the_budget_is_a_problem_and_the_server_goes_on():
    with running(env={"FOEDUS_MAX_FACTS": "3"}, workers=1) as server:
        doc = problem(call("POST", server.base + "/check", json_line("karabakh_2020.yaml").encode()))
        assert doc["status"] == 422 and doc["type"].endswith("/work-limit") and "FOEDUS_MAX_FACTS" in doc["detail"]
        assert call("GET", server.base + "/readings")[0] == 200


def test_all_interfaces_are_warned_about_and_cors_is_given_when_asked():
    with running("--host", "0.0.0.0", "--cors-origin", "https://example.org", workers=1) as server:
        _, headers, _ = call("GET", server.base + "/provisions", headers={"Origin": "https://example.org"})
        assert headers.get("access-control-allow-origin") == "https://example.org"
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert "warning: listening on every interface" in err


def test_the_openapi_document_is_built_from_the_models_foedus_schema_prints(server):
    status, _, body = call("GET", server.base + "/openapi.json")
    doc = json.loads(body)
    assert status == 200 and doc["openapi"].startswith("3.")
    components = doc["components"]["schemas"]
    for name, model in (("verdict", "Verdict"), ("scenario", "Scenario"), ("what-if", "WhatIfReport")):
        printed = json.loads(cli("schema", name))
        assert components[model]["properties"] == json.loads(json.dumps(printed["properties"]).replace(
            "#/$defs/", "#/components/schemas/"))
    paths = set(doc["paths"])
    assert {"/v1/check", "/v1/check/batch", "/v1/what-if", "/v1/claim", "/v1/world", "/v1/audit",
            "/v1/provisions", "/v1/readings", "/v1/cases", "/v1/cases/{case_id}", "/v1/claims",
            "/v1/schemas/{name}", "/v1/health", "/v1/version", "/v1/states", "/v1/places"} <= paths
    check = doc["paths"]["/v1/check"]["post"]
    assert check["requestBody"]["content"]["application/json"]["example"]["events"]
    assert "HTTPValidationError" not in json.dumps(doc)


def test_the_examples_and_the_case_scenarios_to_start_from(server):
    status, _, body = call("GET", server.base + "/examples")
    names = {e["name"]: e["title"] for e in json.loads(body)["examples"]}
    assert status == 200 and names["karabakh_2020"].startswith("Second Karabakh War")
    assert sorted(names) == sorted(p.stem for p in EXAMPLES.glob("*.yaml"))
    status, headers, body = call("GET", server.base + "/examples/karabakh_2020")
    assert status == 200 and body == (EXAMPLES / "karabakh_2020.yaml").read_bytes()
    assert problem(call("GET", server.base + "/examples/nope"))["status"] == 404
    status, headers, body = call("GET", server.base + "/cases/karabakh_2020/scenario")
    assert status == 200 and headers["content-type"].startswith("application/yaml")
    case = json.loads(cli("cases", "show", "karabakh_2020", "--format", "json"))
    status, _, verdict = call("POST", server.base + "/check", body, "application/yaml")
    assert [(a["provision"]["id"], a["status"]) for a in json.loads(verdict)["assessments"]] == \
        [(a["provision"]["id"], a["status"]) for a in case["verdict"]["assessments"]]
    assert problem(call("GET", server.base + "/cases/nope/scenario"))["status"] == 404


def test_the_explanation_tree_as_an_html_fragment(server):
    status, headers, body = call("POST", server.base + "/check?format=html",
                                 (EXAMPLES / "karabakh_2020.yaml").read_bytes(), "application/yaml")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert body.decode("utf-8") == cli_html_fragment()
    assert problem(call("POST", server.base + "/check?format=html&brief=true", b"{}"))["status"] == 400


def cli_html_fragment() -> str:
    """The fragment inside the page `foedus check --format html` writes (same renderer)."""
    page = cli("check", str(EXAMPLES / "karabakh_2020.yaml"), "--format", "html")
    return page[page.index('<section class="verdict">'):page.rindex("</section>") + len("</section>")]


def test_an_answer_is_written_into_the_scenario(server):
    body = (EXAMPLES / "china_kazakhstan_2020_hypothetical.yaml").read_bytes()
    url = (server.base + "/answer?question=threats&about=invasion&state=KAZ&date=2020-06-01&answer="
           "all%20four%20interests%20threatened")
    status, headers, written = call("POST", url, body, "application/yaml")
    assert status == 200 and headers["content-type"].startswith("application/yaml")
    assert yaml.safe_load(written)["events"][0]["threatens"] == "all"
    _, _, verdict = call("POST", server.base + "/check", written, "application/yaml")
    art4 = next(a for a in json.loads(verdict)["assessments"] if a["provision"]["id"] == "cst_art4")
    assert art4["status"] == "triggered"
    doc = problem(call("POST", url.replace("answer=all", "answer=some"), body, "application/yaml"))
    assert doc["status"] == 422 and "no answer 'some four" in doc["detail"]


def test_the_sweep_as_json_equals_the_commands_table(server, tmp_path):
    status, _, body = call("GET", server.base + "/sweep?victims=ARM,FIN&attackers=IRN&from=2015-01-01&to=2024-12-31")
    assert status == 200
    rows = json.loads(body)["rows"]
    out = tmp_path / "s.jsonl"
    cli("sweep", "--victims", "ARM,FIN", "--attackers", "IRN", "--from", "2015-01-01", "--to", "2024-12-31",
        "--out", str(out))
    assert rows == [json.loads(line) for line in out.read_text().splitlines()]
    doc = problem(call("GET", server.base + "/sweep?victims=ARM,XXZ&attackers=IRN"))
    assert doc["status"] == 422 and doc["field"] == "victims"


def test_an_error_points_to_routes_not_commands(server):
    bad = json_line("karabakh_2020.yaml").replace('"AZE"', '"AZR"')
    doc = problem(call("POST", server.base + "/check", bad.encode("utf-8")))
    assert "GET /v1/states?search=TEXT" in doc["detail"] + doc["expected"] and "foedus states" not in doc["detail"]
    doc = problem(call("POST", server.base + "/check?reading=nosuchreading=x",
                       json_line("karabakh_2020.yaml").encode("utf-8")))
    assert doc["file"] == "query.reading" and "GET /v1/readings" in doc["expected"]
