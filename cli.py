"""foedus command line: a thin shell over the library (foedus.api).

Errors from the library become one message on stderr and exit code 2 here, at
the edge, and nowhere else.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Callable

import click

from .base.version import __version__
from .base.errors import FoedusError, InputError
from .services.schemas import NAMES as SCHEMA_NAMES

FORMATS = click.Choice(["text", "json"])


class _Day(click.ParamType):
    """A day as YYYY-MM-DD within the range foedus represents (as in scenarios)."""
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.datetime):
            return value
        from .world.builtin import FIRST_DAY, LAST_DAY
        try:
            day = dt.date.fromisoformat(value) if len(str(value)) == 10 else None
        except ValueError:
            day = None
        if day is None:
            self.fail(f"{value!r} is not a date as YYYY-MM-DD", param, ctx)
        if not FIRST_DAY <= day <= LAST_DAY:
            self.fail(f"{value} is outside the days foedus represents (from {FIRST_DAY} to {LAST_DAY})", param, ctx)
        return dt.datetime(day.year, day.month, day.day)


DAY = _Day()


def _readings(values: tuple[str, ...]) -> dict[str, str]:
    """--reading NAME=VALUE, repeated."""
    out = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name or not value:
            _fail(f"--reading '{item}': expected NAME=VALUE (see 'foedus readings')")
        out[name.strip()] = value.strip()
    return out


reading_option = click.option("--reading", "reading", multiple=True, metavar="NAME=VALUE",
                              help="Pin a contested reading (repeatable); see 'foedus readings'.")


def _format(value: str | None) -> str:
    """text on a terminal, JSON when piped, unless --format says otherwise."""
    return value or ("text" if sys.stdout.isatty() else "json")


def _engine():
    from .api import default_engine
    return default_engine()


# Exit codes, one table for every command (README, "Exit codes"):
OK, NEGATIVE, BAD_INPUT, UNDECIDED, BROKEN, INTERRUPTED = 0, 1, 2, 3, 4, 130


def _fail(message: str) -> None:
    click.echo(f"foedus: {message}", err=True)
    sys.exit(BAD_INPUT)


def _progress(total: int, label: str):
    """A progress bar on standard error when it is a terminal and there is more than one step
    (a long run says it is working); nothing otherwise."""
    import contextlib
    if total < 2 or not sys.stderr.isatty():
        return contextlib.nullcontext(None)
    return click.progressbar(length=total, label=label, file=sys.stderr)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _emit(obj, fmt: str, render: Callable) -> None:
    if fmt == "json":
        click.echo(obj.model_dump_json(indent=2))
    else:
        click.echo(render(obj), nl=False)


def _print_version(ctx: click.Context) -> None:
    """The release and the digest of the rule and fact files it reads: the two things to
    cite with a verdict (CITATION.cff), without loading the knowledge base."""
    from .load.files import built_in_digest
    click.echo(f"foedus, version {__version__} (knowledge base {built_in_digest()})")
    ctx.exit()


class _Commands(click.Group):
    """Every command: an error of the input or a limit of the work budget is
    one message and exit 2; a broken knowledge base goes on to run() (exit 4)."""

    def invoke(self, ctx: click.Context):
        from .base.errors import KnowledgeBaseError
        try:
            return super().invoke(ctx)
        except KnowledgeBaseError:
            raise
        except FoedusError as exc:
            _fail(str(exc))


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=lambda ctx, _p, value:
              _print_version(ctx) if value and not ctx.resilient_parsing else None,
              help="Show the release and the knowledge base it uses, and exit.")
def main() -> None:
    """Decide whether dated events legally trigger collective action under the
    Collective Security Treaty (Art. 4), the North Atlantic Treaty (Art. 5 with
    Art. 6) or the UN Charter (Art. 51): for whom, under which text, and why.

    \b
    Examples:
      foedus check examples/karabakh_2020.yaml
      foedus provisions
      foedus world --as-of 2020-09-27
      foedus audit --as-of 2024-06-01
      foedus readings
      foedus schema verdict

    \b
    Exit codes, for every command:
      0    done
      1    a negative answer you asked for: lint errors, a refuted claim,
           a failed case test, an audit that finds breaches
      2    bad input, or a limit of the work budget reached (FOEDUS_TIME_LIMIT,
           FOEDUS_MAX_FACTS, FOEDUS_MEMORY_LIMIT; some scenarios of a batch failed)
      3    undecided: a claim that turns on an open question of fact
      4    a broken knowledge base or an internal error (please report it)
      130  interrupted
    """


@main.command()
@click.argument("scenarios", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl", "html", "dot"]), default=None,
              help="text (default on a terminal), json (default when piped), jsonl (one verdict per line, "
                   "streamed), html (a self-contained page: the explanation tree) or dot (the explanation "
                   "graph, for Graphviz).")
@click.option("--brief", is_flag=True,
              help="Only each assessment's outcome (status, failing elements, open questions, readings), "
                   "no explanation: much faster for many scenarios.")
@click.option("--jobs", type=click.IntRange(1, 64), default=None,
              help="Worker processes for many scenarios (default: the CPUs this process may use; 1 for a single file).")
@click.option("--short", is_flag=True,
              help="Text: each verdict, the elements that decide it and the facts that decide them (one screen), "
                   "instead of the full explanation.")
@click.option("--jsonl", is_flag=True,
              help="Read standard input ('-') as JSON Lines even when its first line is not a JSON object "
                   "(by default it is JSON Lines when it is, else one YAML or JSON scenario).")
@reading_option
def check(scenarios: tuple[str, ...], fmt: str | None, brief: bool, jobs: int | None, short: bool, jsonl: bool,
          reading: tuple[str, ...]) -> None:
    """Assess SCENARIO files (YAML or JSON), folders of them, or standard input
    ('-': JSON Lines, or one YAML or JSON scenario): a verdict per provision and state concerned, with
    every element, the facts that decide it and their sources.

    Unless pinned with --reading, every contested reading that can matter is
    explored: a verdict is triggered or not only if all readings agree, and
    otherwise contested, with the outcome under each.

    With several scenarios, json is a list in input order and jsonl streams one
    verdict per line; a bad scenario is reported on stderr (exit code 2) and
    the others are still assessed.

    \b
    Example:
      foedus check examples/karabakh_2020.yaml examples/september_11_2001.yaml
      foedus check examples/kyrgyz_tajik_2021.yaml --reading intra_party_attack=excluded
      foedus check examples/ --format jsonl --jobs 2
      foedus check examples/ --brief --format jsonl
      cat scenarios.jsonl | foedus check - --format jsonl
      cat examples/karabakh_2020.yaml | foedus check -
    """
    from .services.batch import assess_many, default_jobs, gather
    from .explain.render import render_brief, render_verdict
    from .models.verdict import BriefVerdict, Verdict
    fmt = "text" if short and fmt is None else _format(fmt)
    if short and (brief or fmt != "text"):
        _fail("--short is a text view of the full verdict: without --brief, with --format text")
    pinned = _readings(reading)
    items = list(gather(scenarios, jsonl=jsonl))
    if not items:   # empty standard input, or a folder without scenario files
        _fail("nothing to assess: no scenario was given (a folder is read for *.yaml, *.yml and *.json files; "
              "'-' reads standard input: JSON Lines, or one YAML or JSON scenario)")
    jobs = jobs or default_jobs(len(items))
    try:
        engine = _engine()
    except FoedusError as exc:
        from .base.errors import KnowledgeBaseError
        if isinstance(exc, KnowledgeBaseError):
            raise   # exit 4, said once by run()
        _fail(str(exc))
    failed, collected = False, []
    streamed_to_terminal = fmt == "jsonl" and sys.stdout.isatty()   # a bar would cut through the lines
    with _progress(0 if streamed_to_terminal else len(items), "assessing") as bar:
        for label, payload, error in assess_many(items, jobs=jobs, readings=pinned, engine=engine, brief=brief):
            if bar is not None:
                bar.update(1)
            if error:
                click.echo(f"foedus: {error}", err=True)
                failed = True
                continue
            if fmt == "jsonl":   # the worker's JSON as it is: compact, UTF-8 (model_dump_json)
                click.echo(payload)
            else:
                collected.append(payload)
    if fmt == "json":
        if len(items) == 1 and collected:
            click.echo(json.dumps(json.loads(collected[0]), indent=2, ensure_ascii=False))
        elif collected:
            click.echo(json.dumps([json.loads(p) for p in collected], indent=2, ensure_ascii=False))
    elif fmt == "text":
        if short:
            from .explain.short import render_short
        render = (lambda p: render_brief(BriefVerdict.model_validate_json(p))) if brief else \
            (lambda p: render_short(Verdict.model_validate_json(p))) if short else \
            (lambda p: render_verdict(Verdict.model_validate_json(p)))
        click.echo("\n\n".join(render(p).rstrip("\n") for p in collected) + ("\n" if collected else ""), nl=False)
    elif fmt in ("html", "dot") and collected:
        if brief:
            _fail(f"--format {fmt} shows the explanation, which --brief leaves out: drop --brief")
        from .explain.graph import verdict_dot
        from .explain.html import verdicts_page
        verdicts = [Verdict.model_validate_json(p) for p in collected]
        click.echo(verdicts_page(verdicts) if fmt == "html" else "".join(verdict_dot(v) for v in verdicts), nl=False)
    if failed:
        sys.exit(2)


@main.command()
@click.option("--format", "fmt", type=FORMATS, default=None, help="text or json.")
def provisions(fmt: str | None) -> None:
    """List every encoded provision: id, instrument, article, versions with the
    dates they were in force, citation and elements.

    \b
    Example:
      foedus provisions --format json
    """
    from .explain.render import render_provisions
    _emit(_engine().provisions(), _format(fmt), render_provisions)


@main.command()
@click.option("--as-of", "as_of", default=None, type=DAY,
              help="The date, YYYY-MM-DD (default: today; the output says which day it is).")
@click.option("--scenario", type=click.Path(path_type=Path), default=None,
              help="A scenario whose changes apply (its notices of withdrawal, hypothetical memberships).")
@click.option("--format", "fmt", type=FORMATS, default=None, help="text or json.")
def world(as_of: dt.datetime | None, scenario: Path | None, fmt: str | None) -> None:
    """The parties to each treaty on a date, every state whose status is
    special (suspended, participation frozen), and the accessions and
    withdrawals under way, with the fact and its sources.

    \b
    Example:
      foedus world --as-of 2020-09-27
      foedus world --as-of 2023-03-01
      foedus world
    """
    from .explain.render import render_world
    _emit(_engine().world(as_of.date() if as_of else dt.date.today(), scenario), _format(fmt), render_world)


@main.command()
@click.option("--as-of", "as_of", type=DAY, default=None,
              help="The date, YYYY-MM-DD (default: today; the report names the date used).")
@click.argument("scenario", required=False, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=FORMATS, default=None, help="text or json.")
@reading_option
def audit(as_of: dt.datetime | None, scenario: Path | None, fmt: str | None, reading: tuple[str, ...]) -> None:
    """Every breach or tension on a date in the built-in world, plus an optional
    SCENARIO's hypothetical facts: the parties' alliances (CST Art. 1 and
    Art. 8), a party's use of force (CST Art. 1, a scenario's), third-state bases without the consent Art. 7 of the CSTO Charter requires,
    and irregular standing (suspended, frozen, arrears), each with its sources.

    \b
    Example:
      foedus audit --as-of 2013-06-01
      foedus audit --as-of 2020-07-16 examples/armenia_in_nato_hypothetical.yaml
    """
    from .explain.render import render_audit
    try:
        report = _engine().audit(as_of.date() if as_of else dt.date.today(), scenario, _readings(reading))
    except InputError as exc:
        _fail(str(exc))
    _emit(report, _format(fmt), render_audit)
    if any(f.kind == "breach" for f in report.findings):
        sys.exit(NEGATIVE)


@main.command()
@click.option("--format", "fmt", type=FORMATS, default=None, help="text or json.")
def readings(fmt: str | None) -> None:
    """List the named readings of contested points, their values and defaults;
    pin one in a scenario with `readings: {NAME: VALUE}`.

    \b
    Example:
      foedus readings
    """
    _emit(_engine().readings(), _format(fmt), lambda r: "\n".join(
        f"{x.name} = {x.value}{' (default)' if x.default else ''}   [used by: {', '.join(x.used_by) or '-'}]"
        f"\n    {x.statement}" + (f"\n    held by: {x.held_by}" if x.held_by else "") +
        "".join(f"\n    standing for {s.provision}: {s.kind.upper() if s.kind == 'authoritative' else s.kind} — "
                f"{s.source}" for s in x.standing) for x in r.readings) + "\n")


@main.group(invoke_without_command=True)
@click.option("--format", "fmt", type=FORMATS, default=None, help="text or json.")
@click.pass_context
def cases(ctx: click.Context, fmt: str | None) -> None:
    """The historical case library (facts/cases/): episodes with their scenario,
    what the organisation actually did, and what the seed paper says.

    \b
    Example:
      foedus cases
      foedus cases show karabakh_2020
    """
    if ctx.invoked_subcommand is None:
        from .explain.render import render_case_list
        _emit(_engine().cases(), _format(fmt), render_case_list)


@cases.command("show")
@click.argument("case_id")
@click.option("--format", "fmt", type=FORMATS, default=None, help="text or json.")
@click.option("--brief", is_flag=True, help="Text: leave out the full verdict.")
def cases_show(case_id: str, fmt: str | None, brief: bool) -> None:
    """Assess one case and print verdict, explanation and recorded conduct side by
    side, flagging where law and practice diverge.

    \b
    Example:
      foedus cases show kazakhstan_2022 --brief
    """
    from .explain.render import render_case
    try:
        report = _engine().case(case_id)
    except InputError as exc:
        _fail(str(exc))
    _emit(report, _format(fmt), lambda r: render_case(r, brief))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json"]), default=None,
              help="text (default on a terminal), md (a table for a paper) or json.")
def claims(fmt: str | None) -> None:
    """The seed paper's claims as a table: the claim and the paper's wording, each
    judged like with like — a legal claim against the engine's verdict, a sentence
    about practice against the recorded conduct, a statement of what a text
    requires against the encoded texts; causal claims are not tested — with the
    agreement and corrections of fact with their sources (the legend follows the
    table).

    \b
    Example:
      foedus claims --format md > claims.md
    """
    from .explain.render import render_claims, render_claims_markdown
    report = _engine().claims()
    fmt = _format(fmt)
    if fmt == "md":
        click.echo(render_claims_markdown(report), nl=False)
    else:
        _emit(report, fmt, render_claims)


@main.command("what-if")
@click.argument("scenario", type=click.Path(path_type=Path))
@click.option("--provision", help="Only this provision (e.g. cst_art4).")
@click.option("--state", help="Only this state concerned (e.g. ARM).")
@click.option("--max-changes", default=3, show_default=True, type=click.IntRange(0, 6),
              help="Bound: at most this many changes together.")
@click.option("--max-cost", default=10, show_default=True, type=click.IntRange(0, 50),
              help="Bound: at most this total cost.")
@click.option("--top", default=5, show_default=True, type=click.IntRange(1, 20),
              help="How many minimal change sets to list per verdict.")
@click.option("--write-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Write each changed scenario there as YAML, to re-run with 'foedus check'.")
@click.option("--format", "fmt", type=FORMATS, default=None, help="text or json.")
def what_if(scenario: Path, provision: str | None, state: str | None, max_changes: int, max_cost: int,
            top: int, write_dir: Path | None, fmt: str | None) -> None:
    """Minimal counterfactuals: for each verdict, the smallest changes to the
    scenario that flip it (add or remove events, change a date, a territory's
    title, a membership, or a reading), ranked by a documented cost, each
    re-checked. Bounded: "none found within the bound" is an answer.

    \b
    Example:
      foedus what-if examples/karabakh_2020.yaml --provision cst_art4 --state ARM
    """
    if write_dir is not None and not write_dir.parent.is_dir():
        _fail(f"--write-dir {write_dir}: the folder {write_dir.parent} does not exist")
    from .explain.render import render_what_if
    from .models.scenario import load_scenario
    engine = _engine()
    if provision and provision not in engine.catalogue.provisions:
        from .base.errors import did_you_mean
        _fail(f"--provision: unknown provision '{provision}'; "
              f"{did_you_mean(provision, engine.catalogue.provisions) or 'see foedus provisions'}")
    if state and state.upper() not in engine.kb.world.state_names:
        from .base.errors import did_you_mean
        _fail(f"--state: unknown state '{state}'; {did_you_mean(state, engine.kb.world.state_names) or 'see foedus world'}")
    try:
        model, _ = load_scenario(scenario)
        with _progress(2 if sys.stderr.isatty() else 0, "searching") as bar:
            def progress(done: int, total: int) -> None:
                if bar is not None:
                    bar.length = total
                    bar.update(1)
            report = engine.what_if(model, provision=provision, state=state, max_changes=max_changes,
                                    max_cost=max_cost, top=top, progress=progress)
    except InputError as exc:
        _fail(str(exc))
    if write_dir:
        write_dir.mkdir(parents=True, exist_ok=True)
        for f in report.findings:
            for i, answer in enumerate(f.answers, 1):
                name = f"{scenario.stem}.{f.target.provision}.{f.target.state}.{f.target.about}.{i}.yaml"
                (write_dir / name.replace(":", "_")).write_text(answer.scenario, encoding="utf-8")
    _emit(report, _format(fmt), render_what_if)


@main.command()
@click.argument("claim_file", type=click.Path(path_type=Path))
@click.option("--write", "write", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the counterexample, if any, to this scenario file.")
@click.option("--format", "fmt", type=FORMATS, default=None, help="text or json.")
def claim(claim_file: Path, write: Path | None, fmt: str | None) -> None:
    """Check a general claim over a bounded space of scenarios: either it holds
    for every scenario in the space (its size is given), or a counterexample is
    produced as a scenario file to re-run with 'foedus check'.

    \b
    Example:
      foedus claim examples/claims/art4_needs_request.yaml --write counterexample.yaml
    """
    _writable(write, "--write")
    try:
        report = _engine().check_claim(claim_file)
    except InputError as exc:
        _fail(str(exc))
    if write and report.counterexample:
        write.write_text(report.counterexample, encoding="utf-8")
    _emit(report, _format(fmt), lambda r: (
        f"Claim: {r.claim}\n" + r.outcome.upper() + f" — {r.explanation}\n" +
        (f"\n{'Counterexample' if r.outcome == 'refuted' else 'Scenario with a question open'} "
         f"({r.counterexample_summary}):\n{r.counterexample}"
         if r.counterexample else "")))
    sys.exit({"holds": OK, "refuted": NEGATIVE, "undecided": UNDECIDED}[report.outcome])


@main.command()
@click.option("--search", "search", default=None, metavar="TEXT",
              help="Only States whose code or a name matches (Argentina, ARG, AR, Soviet...).")
@click.option("--as-of", "as_of", type=DAY, default=None, help="Standing on this date (default: today).")
@click.option("--format", "fmt", type=FORMATS, default=None, help="text or json.")
def states(search: str | None, as_of: dt.datetime | None, fmt: str | None) -> None:
    """List the States foedus knows: codes, names in time, other codes, their
    standing (UN Member, observer, contested, former), whether they are States
    on the date, and the treaties that bind them then.

    \b
    Example:
      foedus states --search argentina
      foedus states --search SUN --as-of 1985-01-01
    """
    from .explain.render import render_states
    day = as_of.date() if as_of else dt.date.today()
    _emit(_engine().states(day, search), _format(fmt), render_states)


@main.command()
@click.option("--search", "search", default=None, metavar="TEXT",
              help="Only places whose id, name or ISO code matches (hormuz, syunik, GUM, crimea...).")
@click.option("--as-of", "as_of", type=DAY, default=None, help="Holders on this date (default: today).")
@click.option("--format", "fmt", type=FORMATS, default=None, help="text or json.")
def places(search: str | None, as_of: dt.datetime | None, fmt: str | None) -> None:
    """List the places a scenario may name: ids, names, ISO codes, and on the
    date who holds title, who controls and who claims each.

    \b
    Example:
      foedus places --search hormuz
      foedus places --search syunik --as-of 2023-09-19
    """
    from .explain.render import render_places
    day = as_of.date() if as_of else dt.date.today()
    _emit(_engine().places(day, search), _format(fmt), render_places)


@main.command(name="test")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=FORMATS, default=None, help="text or json.")
def test_cases(paths: tuple[Path, ...], fmt: str | None) -> None:
    """Run case tests: YAML files (or folders of them), each a list of cases —
    a scenario, inline or a path, and the verdicts expected of it (status,
    failing and unknown elements, questions, readings, bearers...). Each case
    passes or fails with what differs; exit code 1 when any fails. The format
    is the project's own (tests/cases/; README, "Case tests").

    \b
    Example:
      foedus test tests/cases/cst_art4.yaml
      foedus test tests/cases/
    """
    from .services.casetest import run_cases
    from .explain.render import render_case_tests
    report = run_cases(_engine(), list(paths))
    _emit(report, _format(fmt), render_case_tests)
    if report.failed:
        sys.exit(NEGATIVE)


@main.command()
@click.option("--rules", "extra_rules", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="An extra rule file to check with the built-in rules (repeatable).")
@click.option("--facts", "facts_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A facts/ folder to check instead of the built-in one.")
@click.option("--scenario", "scenarios", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Ground these scenarios too when looking for clingo warnings (repeatable).")
@click.option("--format", "fmt", type=FORMATS, default=None, help="text or json.")
def lint(extra_rules: tuple[Path, ...], facts_dir: Path | None, scenarios: tuple[Path, ...], fmt: str | None) -> None:
    """Check the knowledge base: facts without sources or with empty citations,
    unknown ids, overlapping or inverted intervals (memberships, titles,
    control, claims, bases), provisions without text or citation, predicates
    without documentation, clingo warnings. Exit code 1 when an error is found;
    warnings (readings that combine beyond what one assessment explores) are
    said and change no exit code.

    \b
    Example:
      foedus lint
      foedus lint --rules my_reading.lp --scenario examples/karabakh_2020.yaml
    """
    from .services.lint import lint as run_lint
    report = run_lint(facts_dir=facts_dir, extra_rules=extra_rules, examples=scenarios)
    errors = [f for f in report.findings if f.severity == "error"]
    _emit(report, _format(fmt), lambda r: "\n".join(
        [f"{f.file}: {f.where}: {f.severity}: {f.kind}: {f.message}" for f in r.findings] +
        [f"{_count(len(errors), 'error')} and {_count(len(r.findings) - len(errors), 'warning')} "
         f"in {len(r.files)} files."]) + "\n")
    if errors:
        sys.exit(NEGATIVE)


@main.command()
@click.option("--victims", required=True, help="Comma-separated state codes, e.g. ARM,KAZ,FIN,SWE.")
@click.option("--attackers", required=True, help="Comma-separated state codes of the attackers swept.")
@click.option("--from", "start", type=DAY, default="1991-12-26", show_default=True)   # services.sweep.FIRST_SWEPT
@click.option("--to", "end", type=DAY, default=None,
              help="Last day swept (default: today).")
@click.option("--provisions", default="cst_art4,nato_art5", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Write the table here (.csv or .jsonl; '-': standard output, as without --out).")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default=None,
              help="The table's format (default: from --out's suffix, else csv).")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Draw coverage over time here (.png or .svg; needs the 'plot' extra).")
@click.option("--jobs", type=click.IntRange(1, 64), default=None, help="Worker processes (default: the CPUs this process may use).")
def sweep(victims: str, attackers: str, start: dt.datetime, end: dt.datetime | None, provisions: str,
          out: Path | None, fmt: str | None, plot_path: Path | None, jobs: int | None) -> None:
    """Evaluate a grid of attackers x victims x time: for each interval between
    change points (accessions, withdrawals, suspensions, versions entering into
    force), is an attack on the victim's own territory, with its request,
    answered by each provision? Each interval is assessed once, not each day.

    \b
    Example:
      foedus sweep --victims ARM,KAZ,FIN,SWE,UZB --attackers IRN --out coverage.csv --plot coverage.png
    """
    from .services.sweep import plot, to_csv, to_jsonl
    engine = _engine()
    victim_list = [v.strip().upper() for v in victims.split(",") if v.strip()]
    attacker_list = [a.strip().upper() for a in attackers.split(",") if a.strip()]
    provision_list = [p.strip() for p in provisions.split(",") if p.strip()]
    last = (end or dt.datetime.now()).date()
    _writable(out, "--out", (".csv", ".jsonl"))
    _writable(plot_path, "--plot", (".png", ".svg", ".pdf"))
    from .services.batch import default_jobs
    jobs = jobs or default_jobs(2)
    bar, total = None, {"n": 0}

    def progress(n):   # the bar opens with the first cell assessed: bad input is said before it
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=1, label="sweeping", file=sys.stderr)
            bar.__enter__()
        bar.length = max(bar.length, n)
        bar.update(n - total["n"])
        total["n"] = n
    try:
        result = engine.sweep(victim_list, attacker_list, start.date(), last, tuple(provision_list), jobs=jobs,
                              progress=progress if sys.stderr.isatty() else None, where="foedus sweep")
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    rows = result["rows"]
    table = to_jsonl(rows) if (out and out.suffix == ".jsonl") or fmt == "jsonl" else to_csv(rows)
    if out and str(out) != "-":
        out.write_text(table, encoding="utf-8")
    else:   # no --out, or --out -: standard output
        click.echo(table, nl=False)
    if plot_path:
        try:
            plot(rows, str(plot_path), f"An armed attack by {', '.join(attacker_list)} on each victim's own territory, "
                                       f"threatening all four interests, with its request to the organisation\n"
                                       f"{start.date()} to {last}")
        except ImportError:
            # the interpreter running foedus, whichever way foedus was installed (venv, pipx, a checkout)
            _fail(f"--plot needs matplotlib, which is not installed here: {sys.executable} -m pip install matplotlib")
    click.echo(f"foedus: {result['cells']:,} scenarios: {result['intervals']:,} intervals between change points "
               f"instead of {result['days']:,} days, x {_count(len(victim_list), 'victim')} "
               f"x {_count(len(attacker_list), 'attacker')}; {len(result['rows']):,} rows once equal neighbours "
               "are merged.",
               err=True)


def _writable(path: Path | None, option: str, suffixes: tuple[str, ...] = ()) -> None:
    """Check an output path before any work is done: its folder exists, its kind is known
    ('-' is standard output)."""
    if path is None or str(path) == "-":
        return
    if not path.parent.is_dir():
        _fail(f"{option} {path}: the folder {path.parent} does not exist")
    if suffixes and path.suffix.lower() not in suffixes:
        _fail(f"{option} {path}: expected a file ending in {', '.join(suffixes)}")


@main.group(invoke_without_command=True)
@click.pass_context
def examples(ctx: click.Context) -> None:
    """The bundled example scenarios: their names and titles. 'show NAME' prints
    one; 'copy NAME [FOLDER]' writes it out to change and re-run.

    \b
    Example:
      foedus examples
      foedus examples show karabakh_2020
      foedus examples copy karabakh_2020 .
    """
    if ctx.invoked_subcommand is None:
        from .services.examples import examples as listed
        for name, title in listed().items():
            click.echo(f"{name:<40} {title}")


@examples.command("show")
@click.argument("name")
def examples_show(name: str) -> None:
    """Print the example NAME (YAML)."""
    from .services.examples import example_path
    click.echo(example_path(name).read_text(encoding="utf-8"), nl=False)


@examples.command("copy")
@click.argument("name")
@click.argument("folder", default=".", type=click.Path(file_okay=False, path_type=Path))
def examples_copy(name: str, folder: Path) -> None:
    """Write the example NAME into FOLDER (default: here) as NAME.yaml, never over a file."""
    from .services.examples import example_path
    source = example_path(name)
    if not folder.is_dir():
        _fail(f"{folder}: no such folder")
    target = folder / source.name
    if target.exists():
        _fail(f"{target} exists already: remove it or copy into another folder")
    target.write_bytes(source.read_bytes())
    click.echo(f"foedus: wrote {target}; check it with: foedus check {target}", err=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; 0.0.0.0 listens on every interface (a warning says so).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="The port.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Engine processes answering requests (default: the CPUs this process may use).")
@click.option("--cors-origin", "cors", multiple=True, metavar="ORIGIN",
              help="Let web pages from this origin call the API (repeatable); none by default.")
def serve(host: str, port: int, workers: int | None, cors: tuple[str, ...]) -> None:
    """Serve verdicts over HTTP: the API under /v1 (its OpenAPI document at
    /v1/openapi.json, pages to try it at /v1/docs). Every request runs under the
    work budget in a pool of engine processes. No authentication: put it behind
    a proxy that has it before letting others reach it (README, "HTTP API").

    \b
    Example:
      foedus serve --port 8000
      curl -s -X POST --data-binary @examples/karabakh_2020.yaml localhost:8000/v1/check
    """
    try:
        from .serve.app import serve as run_server
    except ImportError as exc:
        _fail(f"'foedus serve' needs the serve extra ({exc.name} is not installed): pip install 'foedus[serve]'")
    from .services.batch import usable_cpus
    if host in ("0.0.0.0", "::", ""):
        click.echo(f"foedus: warning: listening on every interface ({host or 'all'}): anyone who can reach this "
                   "machine can use the API, which has no authentication", err=True)
    click.echo(f"foedus: serving on http://{host}:{port}/v1 (the API's document: /v1/docs); Ctrl-C stops", err=True)
    run_server(host, port, workers or usable_cpus(), cors)


@main.command()
@click.argument("what", type=click.Choice(SCHEMA_NAMES), default="verdict")
def schema(what: str) -> None:
    """Print the JSON Schema of an output (verdict, verdicts, brief, provisions,
    world, audit, case, cases, claims, what-if, claim, test, states, places, readings) or of an
    input (scenario, claim-input: a claim file, case-tests: the files `foedus test` reads).

    \b
    Example:
      foedus schema verdict > verdict.schema.json
    """
    from .services.schemas import json_schema
    click.echo(json.dumps(json_schema(what), indent=2, sort_keys=True, ensure_ascii=False))


class _Interrupted(BaseException):
    """Ctrl-C, past click (which catches KeyboardInterrupt) to run(): exit 130."""


def run() -> None:
    """The `foedus` command. When the command is done and its output flushed,
    the process ends at once: tearing the interpreter down object by object
    (clingo's, pydantic's) costs about 25 ms, a seventh of a cold check, and
    nothing is left to write (files are closed, worker pools joined)."""
    for stream in (sys.stdout, sys.stderr):   # a terminal that cannot show a character shows a substitute
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass
    # pydantic looks for plugins in every installed distribution's entry points the first time a
    # model is built (~77 ms of a cold check, measured); the command uses none
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        from .base.budget import limit_memory
        limit_memory()   # the work budget's memory bound, for this process and the workers it forks
    except FoedusError as exc:   # FOEDUS_MEMORY_LIMIT is not a number
        click.echo(f"foedus: {exc}", err=True)
        os._exit(BAD_INPUT)
    import signal

    def interrupted(signum, frame):
        raise _Interrupted()
    previous = signal.signal(signal.SIGINT, interrupted)   # click would make a KeyboardInterrupt "Aborted!", exit 1
    try:
        try:
            main()
        finally:
            signal.signal(signal.SIGINT, previous)
        code = 0
    except SystemExit as exc:
        code = exc.code
    except MemoryError:   # outside an assessment too (loading the knowledge base cold): the budget, not a defect
        from .base.budget import over_memory
        click.echo(f"foedus: {over_memory()}", err=True)
        code = BAD_INPUT
    except (KeyboardInterrupt, _Interrupted):
        click.echo("foedus: interrupted", err=True)
        code = INTERRUPTED
    except Exception as exc:   # noqa: BLE001 — a broken knowledge base or a defect: a message, never a traceback
        from .base.errors import KnowledgeBaseError
        what = "the knowledge base is broken" if isinstance(exc, KnowledgeBaseError) else "internal error"
        click.echo(f"foedus: {what}: {type(exc).__name__}: {exc} — please report it", err=True)
        code = BROKEN
    if isinstance(code, str):
        click.echo(code, err=True)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


if __name__ == "__main__":   # pragma: no cover
    run()
