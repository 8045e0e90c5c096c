"""Issue 16: every place a lawyer names, and a way to find it."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from foedus.cli import main
from foedus.base.errors import InputError


def test_foedus_places_finds_the_strait_and_says_who_holds_what():
    result = CliRunner().invoke(main, ["places", "--search", "hormuz", "--format", "json"])
    assert result.exit_code == 0, result.output
    (place,) = json.loads(result.stdout)["places"]
    assert place["id"] == "strait_of_hormuz" and place["kind"] == "sea" and place["holder"] is None
    found = json.loads(CliRunner().invoke(main, ["places", "--search", "border areas", "--as-of", "2023-01-01",
                                                 "--format", "json"]).stdout)["places"]
    area = next(p for p in found if p["id"] == "armenia_border_areas_2021")
    assert (area["holder"], area["controllers"], area["claimants"]) == ("ARM", ["AZE"], ["AZE"])


@pytest.mark.parametrize("place, suggestion", [("Syunik", "'syunik'"), ("persian gulf", "'persian_gulf'"),
                                               ("kaliningrad", "'kaliningrad_oblast'")])
def test_an_unknown_place_suggests_ids_by_name_and_points_to_foedus_places(engine, place, suggestion):
    scenario = {"name": "x", "events": [{"kind": "armed_attack", "date": "2023-01-01", "attackers": ["AZE"],
                                         "place": place}]}
    with pytest.raises(InputError) as info:
        engine.assess(scenario)
    assert suggestion in str(info.value) and "'foedus places --search TEXT' finds it" in str(info.value)
    assert "foedus world --format json" not in str(info.value)


def test_an_iso_code_of_an_area_that_is_no_state_names_the_place(engine):
    verdict = engine.assess({"name": "x", "events": [{"kind": "armed_attack", "date": "2023-01-01",
                                                      "attackers": ["RUS"], "place": "ALA"}]})
    assert {a.state.code for a in verdict.assessments if a.provision.id != "cst_art1_force"} == {"FIN"}   # Åland is Finland's


@pytest.mark.parametrize("as_of, controllers", [("2022-09-12", []), ("2022-09-13", ["AZE"])])
def test_azerbaijani_control_near_jermuk_dates_from_september_2022_not_2021(as_of, controllers):
    found = json.loads(CliRunner().invoke(main, ["places", "--search", "jermuk", "--as-of", as_of,
                                                 "--format", "json"]).stdout)["places"]
    area = next(p for p in found if p["id"] == "jermuk_area_2022")
    assert (area["holder"], area["controllers"]) == ("ARM", controllers)
