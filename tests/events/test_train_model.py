"""`sucesos train events`: gold in every format becomes a versioned model folder that extract uses."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from sucesos.cli import app
from sucesos.events.classifier import META_FILE, WEIGHTS_FILE, ModelError, load_model

# `--model` hands the model to child processes through $SUCESOS_MODEL: restore it after each command
CLEAN_ENV = {"SUCESOS_MODEL": None}

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
    "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip

NOTES = {
    ("Violence against civilians", "Attack", "3", "7"): [
        "On 3 May 2024, unidentified gunmen shot and killed a man outside his home in Tarimoro (Guanajuato).",
        "On 5 May 2024, armed men killed a shopkeeper in his store in Celaya (Guanajuato).",
        "Hombres armados asesinaron a un comerciante en la colonia Centro de Uruapan.",
        "On 9 May 2024, gunmen on a motorcycle shot dead a taxi driver in Irapuato (Guanajuato).",
    ],
    ("Protests", "Peaceful protest", "6", ""): [
        "On 4 May 2024, teachers marched peacefully in Morelia (Michoacan) demanding payment of overdue wages.",
        "On 6 May 2024, around 80 firefighters protested outside the city hall of Tijuana demanding better equipment.",
        "Decenas de madres buscadoras marcharon en Culiacán para exigir la búsqueda de sus hijos.",
        "On 8 May 2024, farmers demonstrated in Chihuahua city demanding water rights.",
    ],
    ("Strategic developments", "Arrests", "1", "3"): [
        "On 2 May 2024, state police arrested three suspected members of a criminal group in Zamora (Michoacan).",
        "On 7 May 2024, the National Guard detained a suspected cartel cell leader in Culiacan (Sinaloa).",
        "La Fiscalía detuvo a dos presuntos integrantes de un grupo delictivo en Apatzingán.",
        "On 10 May 2024, soldiers arrested four alleged members of a cartel in Reynosa (Tamaulipas).",
    ],
}


def write_acled_csv(path, rows):
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({name: row.get(name, "") for name in ACLED_COLUMNS})
    return path


def acled_rows():
    rows = []
    for (event_type, sub, inter1, inter2), notes in NOTES.items():
        for note in notes:
            number = len(rows) + 1
            rows.append({"event_id_cnty": f"MEX{number:05d}", "event_date": "05 May 2024", "year": "2024", "event_type": event_type,
                         "sub_event_type": sub, "inter1": inter1, "inter2": inter2, "country": "Mexico", "notes": note,
                         "fatalities": "1" if sub == "Attack" else "0"})  # fmt: skip
    return rows


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    folder = tmp_path_factory.mktemp("train")
    gold = write_acled_csv(folder / "export.csv", acled_rows())
    out = folder / "model"
    result = CliRunner().invoke(app, env=CLEAN_ENV, args=["train", "events", str(gold), "--out", str(out), "--folds", "3"])
    return result, out, folder


def test_acled_export_csv_trains_a_versioned_model_folder_with_cross_validated_figures(trained):
    result, out, _folder = trained
    assert result.exit_code == 0, result.output
    assert "cross-validated (3 folds" in result.output
    for label in ("Attack", "Peaceful protest", "Arrests"):
        assert label in result.output
    meta = json.loads((out / META_FILE).read_text(encoding="utf-8"))
    assert meta["format"] == "sucesos-event-model" and meta["version"] == 1
    assert sorted(meta["classes"]) == ["Arrests", "Attack", "Peaceful protest"]
    assert meta["cross_validated"]["rows"] == 12
    model = load_model(out)
    assert len(model.out_of_fold) == 12  # its own rows are answered by folds that never saw them


def test_extract_uses_the_trained_model_and_says_so(trained, tmp_path):
    _result, out, _folder = trained
    articles = tmp_path / "in.jsonl"
    articles.write_text(json.dumps({"id": "x", "text": "Gunmen shot dead a man outside his home in Celaya on Monday."}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, env=CLEAN_ENV, args=["extract", str(articles), "--out", str(tmp_path / "out.jsonl"), "--model", str(out)])
    assert result.exit_code == 0, result.output
    line = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert line["events"] and line["events"][0]["sub_event_type"] == "Attack"


def test_tampered_truncated_or_foreign_model_folder_exits_2_naming_it(trained, tmp_path):
    _result, out, _folder = trained
    articles = tmp_path / "in.jsonl"
    articles.write_text(json.dumps({"id": "x", "text": "Gunmen shot dead a man in Celaya."}) + "\n", encoding="utf-8")
    tampered = tmp_path / "tampered"
    tampered.mkdir()
    (tampered / META_FILE).write_bytes((out / META_FILE).read_bytes())
    blob = bytearray((out / WEIGHTS_FILE).read_bytes())
    blob[-100] ^= 0xFF
    (tampered / WEIGHTS_FILE).write_bytes(bytes(blob))
    result = CliRunner().invoke(app, env=CLEAN_ENV, args=["extract", str(articles), "--out", str(tmp_path / "out.jsonl"), "--model", str(tampered)])
    assert result.exit_code == 2
    assert "SHA-256" in result.output and "tampered" in result.output
    assert not (tmp_path / "out.jsonl").exists()

    (tampered / WEIGHTS_FILE).unlink()
    with pytest.raises(ModelError, match="weights.npz is missing"):
        load_model(tampered)

    old = tmp_path / "old"
    old.mkdir()
    meta = json.loads((out / META_FILE).read_text(encoding="utf-8"))
    meta["version"] = 0
    (old / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
    (old / WEIGHTS_FILE).write_bytes((out / WEIGHTS_FILE).read_bytes())
    with pytest.raises(ModelError, match="model version 0"):
        load_model(old)


def test_environment_variable_chooses_the_model(trained, tmp_path, monkeypatch):
    from sucesos.events.classifier import model_for
    from sucesos.pipeline import Resources

    _result, out, _folder = trained
    monkeypatch.setenv("SUCESOS_MODEL", str(out))
    assert model_for(Resources()).path == str(out)
    monkeypatch.setenv("SUCESOS_MODEL", "none")
    assert model_for(Resources()) is None


@pytest.mark.parametrize(
    "mutate,message",
    [
        (lambda rows: [dict(rows[0], sub_event_type="Drive-by shooting")], "unknown label 'Drive-by shooting'"),
        (lambda rows: [dict(rows[0], notes="")] + rows[1:], "notes': empty"),
        (lambda rows: rows[:1], "needs at least two labels"),
    ],
    ids=["unknown label", "empty notes", "one row"],
)
def test_unusable_gold_exits_2_naming_the_file_and_writes_nothing(tmp_path, mutate, message):
    gold = write_acled_csv(tmp_path / "bad.csv", mutate(acled_rows()))
    out = tmp_path / "model"
    result = CliRunner().invoke(app, env=CLEAN_ENV, args=["train", "events", str(gold), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not out.exists()


def test_too_many_rows_is_refused_before_encoding(tmp_path, monkeypatch):
    import sucesos.events.train as train

    monkeypatch.setattr(train, "MAX_ROWS", 5)
    gold = write_acled_csv(tmp_path / "big.csv", acled_rows())
    result = CliRunner().invoke(app, env=CLEAN_ENV, args=["train", "events", str(gold), "--out", str(tmp_path / "model")])
    assert result.exit_code == 2
    assert "12 training rows is more than 5" in result.output and "sample" in result.output


def test_coded_article_jsonl_and_case_jsonl_train_together(tmp_path):
    coded = tmp_path / "coded.jsonl"
    case = tmp_path / "case.jsonl"
    lines = []
    for index, (text, has_event) in enumerate([
        ("Ejecutan a dos en un bar de Ecatepec\nSujetos armados dispararon contra dos hombres.", True),
        ("Matan a balazos a taxista en Iztapalapa\nUn hombre fue asesinado a tiros.", True),
        ("Choque en Periférico deja un muerto\nUn automovilista perdió el control.", False),
        ("Muere atropellado un peatón en Tlalpan\nEl conductor huyó.", False),
    ]):
        gold = {"has_event": has_event, "event_type": "Violence against civilians" if has_event else None,
                "sub_event_type": "Attack" if has_event else None, "fatalities": 2 if has_event else 0, "inter1": "3" if has_event else "",
                "inter2": "7" if has_event else "", "notes": ""}  # fmt: skip
        lines.append(json.dumps({"id": f"c{index}", "text": text, "lang": "es", "gold": gold}, ensure_ascii=False))
    coded.write_text("\n".join(lines) + "\n", encoding="utf-8")
    case.write_text(
        "\n".join(json.dumps({"id": f"k{i}", "text": t, "gold": {"sub_event_type": s}}) for i, (t, s) in enumerate([
            ("Police fired tear gas to disperse protesters in the capital.", "Protest with intervention"),
            ("Security forces dispersed demonstrators with water cannon.", "Protest with intervention"),
        ])) + "\n", encoding="utf-8")  # fmt: skip
    out = tmp_path / "model"
    result = CliRunner().invoke(app, env=CLEAN_ENV, args=["train", "events", str(coded), str(case), "--out", str(out), "--folds", "2"])
    assert result.exit_code == 0, result.output
    assert sorted(load_model(out).classes) == ["(no event)", "Attack", "Protest with intervention"]


def test_reviewed_events_in_a_store_become_training_rows(tmp_path):
    from sucesos.events.train import rows_from_store
    from sucesos.link.cluster import link_article
    from sucesos.model import Article, Event, Extraction, Span
    from sucesos.queries import find_events
    from sucesos.review import edit_field, set_verdict
    from sucesos.store import open_store

    db = str(tmp_path / "reviews.db")
    texts = {
        "a1": "Gunmen attacked a police patrol in Uruapan on Tuesday, wounding two officers.",
        "a2": "A peaceful march took place in Apatzingán on Friday.",
        "a3": "The mayor opened a new market in Zamora.",
    }
    with open_store(db) as store:
        for article_id, text in texts.items():
            article = Article(id=article_id, text=text, published="2024-03-14")
            event = Event(event_type="Violence against civilians", sub_event_type="Attack", location="Uruapan", event_date="2024-03-12",
                          sentence=Span.of(text, 0, len(text)))  # fmt: skip
            store.save(article, Extraction(id=article_id, lang="en", events=[event], pipeline_version="t", content_hash=article.content_hash))
            link_article(store, article_id)
        events, _next = find_events(store, limit=10)
        by_text = {e["reports"][0]["sentence"]["text"]: e for e in events}
        set_verdict(store, by_text[texts["a1"]], "confirmed", "ana")
        edit_field(store, by_text[texts["a1"]], "sub_event_type", "Armed clash", "ana")  # an analyst's correction is the label
        set_verdict(store, by_text[texts["a3"]], "rejected", "ana")
    rows = rows_from_store(db)
    labels = {row.text: row.label for row in rows}
    assert labels == {texts["a1"]: "Armed clash", texts["a3"]: "(no event)"}


def test_ingest_takes_a_model_and_refuses_a_missing_one(tmp_path):
    articles = tmp_path / "in.jsonl"
    articles.write_text(json.dumps({"id": "x", "text": "Sicarios asesinaron a dos hombres en Celaya."}) + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    ok = CliRunner().invoke(app, env=CLEAN_ENV, args=["ingest", str(articles), "--db", str(db), "--model", "none"])
    assert ok.exit_code == 0, ok.output
    missing = CliRunner().invoke(app, env=CLEAN_ENV, args=["ingest", str(articles), "--db", str(tmp_path / "t.db"), "--model", str(tmp_path / "nope")])
    assert missing.exit_code == 2
    assert "no such model folder" in missing.output
    assert not (tmp_path / "t.db").exists()
