"""The procedure catalogue (simulation.scenario.catalogue and simulation/data/procedures.yaml)."""

from __future__ import annotations

import copy
import re
from datetime import time
from pathlib import Path

import pytest
import yaml

from simulation.scenario.catalogue import (
    FIELDS,
    Catalogue,
    CatalogueError,
    LegalTime,
    Procedure,
    UnknownProcedureError,
    load_catalogue,
)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


# ------------------------------------------------------------ packaged catalogue

def test_packaged_catalogue_is_large_and_covers_every_field(catalogue):
    assert len(catalogue) >= 14
    assert FIELDS == ("civil_status", "certification", "land", "social", "other")
    for field in FIELDS:
        assert catalogue.by_field(field), f"no procedure in field {field}"
    assert sum(len(catalogue.by_field(f)) for f in FIELDS) == len(catalogue)


def test_every_procedure_is_valid_and_realistic(catalogue):
    for pid, proc in catalogue.items():
        assert isinstance(proc, Procedure)
        assert pid == proc.id
        assert re.fullmatch(r"[a-z][a-z0-9_]*", proc.id)
        assert proc.field in FIELDS
        assert proc.online_level in ("full", "partial", "none")
        assert proc.name and proc.legal_basis and proc.documents
        assert any(ord(ch) > 127 for ch in proc.name_vi), f"{pid}: name_vi lacks diacritics"
        assert 5 <= proc.counter_min <= 25, pid
        assert 10 <= proc.work_min <= 60, pid
        assert proc.external_days >= 0
        if proc.legal_time.kind == "immediate":
            assert proc.external_days == 0, pid
        if proc.legal_time.kind == "working_days":
            # time outside the centre must leave room to meet the deadline
            assert proc.external_days < proc.legal_time.days, pid


@pytest.mark.parametrize(
    "pid, legal",
    [
        # birth, death and marriage: immediately, the next working day when received after 15:00
        ("birth_registration", LegalTime("immediate", cutoff=time(15, 0))),
        # the interlinked group is at most 3 working days (Decree 63/2024), not same-day
        ("birth_residence_health_insurance", LegalTime("working_days", 3)),
        ("death_registration", LegalTime("immediate", cutoff=time(15, 0))),
        ("marriage_registration", LegalTime("immediate", cutoff=time(15, 0))),
        ("marriage_registration_verification", LegalTime("working_days", 5)),
        ("certification_of_copies", LegalTime("same_day", cutoff=time(15, 0))),
        ("certification_of_signatures", LegalTime("same_day", cutoff=time(15, 0))),
        ("certification_of_contracts", LegalTime("working_days", 2)),
        ("marital_status_confirmation", LegalTime("working_days", 3)),
        ("business_household_registration", LegalTime("working_days", 3)),
    ],
)
def test_legal_times_follow_the_law(catalogue, pid, legal):
    assert catalogue[pid].legal_time == legal


def test_land_procedures_take_several_working_days(catalogue):
    days = [p.legal_time.days for p in catalogue.by_field("land")]
    assert all(p.legal_time.kind == "working_days" for p in catalogue.by_field("land"))
    assert min(days) >= 5 and max(days) >= 10


def test_fully_online_lists_exactly_the_full_ones(catalogue):
    full = catalogue.fully_online()
    assert full and all(p.online_level == "full" for p in full)
    assert {p.id for p in full} == {p.id for p in catalogue.values() if p.online_level == "full"}
    assert "certification_of_signatures" not in {p.id for p in full}
    levels = {p.online_level for p in catalogue.values()}
    assert levels == {"full", "partial", "none"}


def test_by_field_keeps_catalogue_order_and_refuses_unknown_field(catalogue):
    order = list(catalogue)
    civil = [p.id for p in catalogue.by_field("civil_status")]
    assert civil == [pid for pid in order if catalogue[pid].field == "civil_status"]
    with pytest.raises(ValueError, match=r"unknown field 'health': allowed fields are civil_status"):
        catalogue.by_field("health")


def test_default_catalogue_is_cached_and_immutable(catalogue):
    assert load_catalogue() is catalogue
    with pytest.raises(TypeError):
        catalogue["x"] = catalogue["birth_registration"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        catalogue["birth_registration"].counter_min = 1  # type: ignore[misc]


def test_loading_a_copy_from_a_path_gives_the_same_catalogue(tmp_path, catalogue):
    import simulation

    source = Path(simulation.__file__).parent / "data" / "procedures.yaml"
    target = tmp_path / "copy.yaml"
    target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    loaded = load_catalogue(target)
    assert loaded is not catalogue
    assert dict(loaded) == dict(catalogue)


def test_unknown_id_names_the_id_and_lists_allowed(catalogue):
    with pytest.raises(UnknownProcedureError) as info:
        catalogue["birth_registation"]
    err = info.value
    assert isinstance(err, KeyError)
    text = str(err)
    assert "'birth_registation'" in text
    assert "did you mean 'birth_registration'" in text
    for pid in catalogue:
        assert pid in text
    assert "no_such" not in catalogue
    assert catalogue.get("no_such") is None


def test_duplicate_procedures_refused_in_code(catalogue):
    proc = catalogue["birth_registration"]
    with pytest.raises(ValueError, match="duplicate procedure id 'birth_registration'"):
        Catalogue([proc, proc])


# ----------------------------------------------------------------- legal times

@pytest.mark.parametrize(
    "legal, text",
    [
        (LegalTime("immediate"), "immediately once the dossier is complete"),
        (LegalTime("same_day"), "same working day"),
        (LegalTime("same_day", cutoff=time(15, 0)),
         "same working day (next working day if received after 15:00)"),
        (LegalTime("working_days", 1), "1 working day"),
        (LegalTime("working_days", 5), "5 working days"),
        (LegalTime("working_days", 2, time(15, 0)),
         "2 working days (counted from the next working day if received after 15:00)"),
    ],
)
def test_describe(legal, text):
    assert legal.describe() == text


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"kind": "weekly"}, r"kind 'weekly': allowed kinds are immediate, same_day, working_days"),
        ({"kind": "working_days", "days": 0}, r"0 working days: must be at least 1"),
        ({"kind": "immediate", "days": 2}, r"'immediate' with days=2: days must be 0"),
    ],
)
def test_bad_legal_time_in_code(kwargs, message):
    with pytest.raises(ValueError, match=message):
        LegalTime(**kwargs)


# --------------------------------------------------------- bad catalogue files

ART7 = {"status": "law", "document": "Decree 23/2015/NĐ-CP", "article": "art. 7", "effective": "2015-04-10"}


def _procedure(pid: str, **changes) -> dict:
    base = {
        "id": pid,
        "name": "Certification of copies",
        "name_vi": "Chứng thực bản sao",
        "field": "certification",
        "legal_time": {"kind": "same_day", "cutoff": "15:00"},
        "legal_basis": ART7,
        "online_level": "none",
        "documents": ["Original", "Copies"],
        "sources": {"legal_time": ART7, "cutoff": ART7, "documents": ART7, "online_level": ART7},
        "counter_min": 5,
        "work_min": 10,
        "external_days": 0,
    }
    base.update(changes)
    return base


GOOD = {"schema_version": 1, "procedures": [_procedure("copies"), _procedure("signatures")]}


def _edit(fn):
    doc = copy.deepcopy(GOOD)
    fn(doc)
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def test_the_good_document_loads(tmp_path):
    path = tmp_path / "good.yaml"
    path.write_text(_edit(lambda d: None), encoding="utf-8")
    assert list(load_catalogue(path)) == ["copies", "signatures"]


BAD_FILES = [
    ("unknown_key",
     _edit(lambda d: d["procedures"][0].update(colour="red")),
     "procedures[0].colour = 'red': unknown key; allowed keys here: id, name, name_vi, field, legal_basis"),
    ("unknown_legal_time_key",
     _edit(lambda d: d["procedures"][1]["legal_time"].update(hours=4)),
     "procedures[1].legal_time.hours = 4: unknown key; allowed keys here: kind, days, cutoff"),
    ("working_days_zero",
     _edit(lambda d: d["procedures"][1].update(legal_time={"kind": "working_days", "days": 0})),
     "procedures[1].legal_time.days = 0: must be at least 1 when kind is 'working_days'"),
    ("days_on_same_day",
     _edit(lambda d: d["procedures"][0]["legal_time"].update(days=2)),
     "procedures[0].legal_time.days = 2: must be 0 (or left out) when kind is 'same_day'"),
    ("bad_kind",
     _edit(lambda d: d["procedures"][0]["legal_time"].update(kind="weekly")),
     "procedures[0].legal_time.kind = 'weekly': must be one of 'immediate', 'same_day' or 'working_days'"),
    ("bad_field",
     _edit(lambda d: d["procedures"][0].update(field="health")),
     "procedures[0].field = 'health': must be one of 'civil_status', 'certification', 'land', 'social' or 'other'"),
    ("bad_online_level",
     _edit(lambda d: d["procedures"][1].update(online_level="mostly")),
     "procedures[1].online_level = 'mostly': must be one of 'full', 'partial' or 'none'"),
    ("unquoted_cutoff",
     _edit(lambda d: None).replace("cutoff: '15:00'", "cutoff: 15:00", 1),
     "procedures[0].legal_time.cutoff = 900: a time must be written HH:MM in quotes, e.g. \"11:30\"; YAML reads "
     "an unquoted 15:00 as the number 900"),
    ("bad_cutoff_text",
     _edit(lambda d: d["procedures"][0]["legal_time"].update(cutoff="25:00")),
     "procedures[0].legal_time.cutoff = '25:00': time must be written HH:MM between 00:00 and 23:59"),
    ("missing_name_vi",
     _edit(lambda d: d["procedures"][0].pop("name_vi")),
     "procedures[0].name_vi: this key is required"),
    ("duplicate_id",
     _edit(lambda d: d["procedures"][1].update(id="copies")),
     "procedures[1].id = 'copies': duplicate of procedures[0].id; ids must be unique"),
    ("not_snake_case",
     _edit(lambda d: d["procedures"][0].update(id="Copies-Certification")),
     "procedures[0].id = 'Copies-Certification': must be snake_case"),
    ("negative_counter",
     _edit(lambda d: d["procedures"][0].update(counter_min=-3)),
     "procedures[0].counter_min = -3: must be more than 0"),
    ("immediate_with_external_wait",
     _edit(lambda d: d["procedures"][0].update(legal_time={"kind": "immediate", "cutoff": "15:00"}, external_days=2)),
     "procedures[0].external_days = 2: must be 0 for a procedure whose legal time is 'immediate'"),
    ("empty_documents",
     _edit(lambda d: d["procedures"][0].update(documents=[])),
     "procedures[0].documents = []: must not be empty"),
    ("schema_version",
     _edit(lambda d: d.update(schema_version=2)),
     "schema_version = 2: must be 1"),
    ("missing_procedures",
     _edit(lambda d: d.pop("procedures")),
     "procedures: this key is required"),
    ("procedure_not_mapping",
     _edit(lambda d: d["procedures"].append("birth")),
     "procedures[2] = 'birth': must be a mapping"),
    ("top_level_list",
     "- id: copies\n",
     "top level must be a mapping with keys schema_version, procedures; got [{'id': 'copies'}]"),
    ("not_yaml",
     "schema_version: 1\nprocedures: [\n",
     "not valid YAML (line 3, column 1)"),
]


@pytest.mark.parametrize("name, text, message", BAD_FILES, ids=[row[0] for row in BAD_FILES])
def test_bad_catalogue_file(tmp_path, name, text, message):
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(path)
    err = info.value
    assert isinstance(err, ValueError)
    assert len(err.messages) == 1, err.messages
    assert err.messages[0].startswith(f"{path}: ")
    assert message in err.messages[0]
    assert message in str(err)


def test_missing_file_is_named(tmp_path):
    path = tmp_path / "absent.yaml"
    with pytest.raises(CatalogueError, match=re.escape(f"{path}: cannot read file")):
        load_catalogue(path)


def test_all_errors_are_reported_at_once(tmp_path):
    def break_several(doc):
        doc["procedures"][0].update(field="health", counter_min=0)
        doc["procedures"][0]["legal_time"].update(kind="weekly")
        doc["procedures"][1].update(id="copies", colour="red")
        doc["procedures"][1].pop("documents")

    path = tmp_path / "broken.yaml"
    path.write_text(_edit(break_several), encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(path)
    messages = info.value.messages
    expected = [
        "procedures[0].field = 'health'",
        "procedures[0].counter_min = 0",
        "procedures[0].legal_time.kind = 'weekly'",
        "procedures[1].colour = 'red': unknown key",
        "procedures[1].documents: this key is required",
        "procedures[1].id = 'copies': duplicate",
    ]
    assert len(messages) == len(expected), messages
    for fragment in expected:
        assert sum(fragment in m for m in messages) == 1, (fragment, messages)
    assert str(info.value).startswith("6 problems in procedure catalogue:")


def test_catalogue_survives_pickling_for_dask_workers(catalogue):
    import pickle

    clone = pickle.loads(pickle.dumps(catalogue))
    assert list(clone) == list(catalogue)
    assert clone["certification_of_copies"] == catalogue["certification_of_copies"]


# ------------------------------------------------------ provenance and corrections

def test_every_fact_carries_a_complete_source(catalogue):
    for proc in catalogue.values():
        assert proc.legal_basis.is_law and proc.legal_basis.complete(), proc.id
        facts = ["legal_time", "documents", "online_level"] + (["cutoff"] if proc.legal_time.cutoff else [])
        assert sorted(proc.sources) == sorted(facts), proc.id
        for fact in facts:
            assert proc.source(fact).complete(), (proc.id, fact)


def test_marriage_needs_no_marital_status_confirmation_since_decree_07_2025(catalogue):
    for pid in ("marriage_registration", "marriage_registration_verification"):
        proc = catalogue[pid]
        papers = [*proc.documents, *(name for name, _ in proc.documents_where_applicable)]
        assert not any("marital status" in d.lower() for d in papers), papers
        assert "07/2025" in proc.source("documents").document


def test_birth_death_and_marriage_share_the_15_00_cutoff(catalogue):
    for pid in ("birth_registration", "death_registration", "marriage_registration",
                "certification_of_copies", "certification_of_signatures"):
        assert catalogue[pid].legal_time.cutoff == time(15, 0), pid
        assert catalogue[pid].source("cutoff").is_law, pid


def test_citations(catalogue):
    assert catalogue["certification_of_contracts"].source("legal_time").article == "art. 37"
    household = catalogue["business_household_registration"]
    assert "168/2025" in household.legal_basis.document and "01/2021" not in household.legal_basis.document
    assert household.legal_basis.effective.isoformat() == "2025-07-01"


@pytest.mark.parametrize("pid", ["monthly_social_allowance", "funeral_allowance", "business_household_registration"])
def test_unchecked_times_are_planning_assumptions_and_say_so(catalogue, pid):
    proc = catalogue[pid]
    assert not proc.source("legal_time").is_law
    assert proc.time_label().endswith("[planning assumption]")


def test_online_levels_follow_one_rule(catalogue):
    """full: nobody need come; partial: sent online, a party must come to sign; none: made at the counter
    (certified copies are submitted in person: the original is shown; electronic copies are another procedure)."""
    assert catalogue["certification_of_copies"].online_level == "none"
    assert catalogue["certification_of_signatures"].online_level == "none"
    for pid in ("certification_of_contracts", "marriage_registration", "marriage_registration_verification",
                "parent_child_recognition"):
        proc = catalogue[pid]
        assert proc.online_level == "partial", pid
        basis = proc.source("online_level")
        assert basis.is_law and ("sign" in basis.article or "present" in basis.article), (pid, basis)


def test_where_applicable_papers_are_kept_apart(catalogue):
    for proc in catalogue.values():  # not hidden in the text of an always-needed paper
        assert not any("where applicable" in d.lower() for d in proc.documents), proc.id
    confirmation = catalogue["marital_status_confirmation"]
    assert len(confirmation.documents) == 2
    assert [name for name, _ in confirmation.documents_where_applicable] == [
        "Divorce judgment or death certificate of the spouse"]


BAD_SOURCES = [
    ("law_without_article",
     _edit(lambda d: d["procedures"][0]["sources"].update(documents={"status": "law", "document": "X",
                                                                     "effective": "2020-01-01"})),
     ("procedures[0].sources.documents = ", ": a law source needs article")),
    ("assumption_without_note",
     _edit(lambda d: d["procedures"][0]["sources"].update(legal_time={"status": "assumption"})),
     "procedures[0].sources.legal_time = {'status': 'assumption'}: an assumption needs a note"),
    ("cutoff_without_source",
     _edit(lambda d: d["procedures"][1]["sources"].pop("cutoff")),
     "procedures[1].sources = "),
    ("basis_not_law",
     _edit(lambda d: d["procedures"][0].update(legal_basis={"status": "assumption", "note": "n"})),
     "the legal basis of a procedure must be law"),
]


@pytest.mark.parametrize("name, text, message", BAD_SOURCES, ids=[row[0] for row in BAD_SOURCES])
def test_a_fact_without_a_source_is_refused(tmp_path, name, text, message):
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(path)
    fragments = message if isinstance(message, tuple) else (message,)
    assert len(info.value.messages) == 1, info.value.messages
    assert all(f in info.value.messages[0] for f in fragments), info.value.messages
