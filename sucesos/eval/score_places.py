"""Scoring places: how far each gold toponym's predicted point lies from gold's.

Definitions (also in every report under `definitions`):
- Gold toponyms and predicted places are paired one to one: same offsets
  first, then largest character overlap (`sucesos.eval.spans`).
- `accuracy_161km`: share of gold toponyms (with gold coordinates) whose
  paired place has coordinates within 161 km (100 miles), the usual
  geoparsing score; an unpaired or unresolved toponym counts as a miss.
- `median_error_km`: median distance over the same toponyms, an unpaired
  or unresolved one counting as 20,015 km (half the Earth's circumference,
  the largest error possible, as Gritta et al. 2018 do).
- `accuracy_161km_resolved`, `median_error_km_resolved`: the same over
  toponyms that got coordinates only (how good the resolver is when it answers).
- detect mode also scores toponym detection: `toponym_precision/recall/f1`
  count a predicted place as found when it overlaps a gold toponym (one to
  one), and `toponym_exact_f1` when its offsets are exactly gold's.
- `resolved_in_mexico_share` (detect mode, gold without coordinates such as
  CEGEOMEX's Mexican news): the share of predicted places that got
  coordinates whose country is Mexico, a plausibility check of resolution
  where gold has no points (most places in Mexican local news are in Mexico).
  Places abroad that the text really means ("Estados Unidos") count against
  it, so it cannot reach 1.
- `right_country_share` and `right_country_recall` (detect mode, with a
  country coding of the gold spans, `sucesos.eval.country_gold`): of the
  predicted places that got coordinates and are paired with a gold toponym
  coded with a country, the share whose country is the coded one; and the
  share of coded gold toponyms whose paired place got the coded country (an
  unpaired or unresolved toponym counts as wrong). Toponyms coded null (no
  single country: "Europa", "Caribe") are left out of both.
"""

from __future__ import annotations

from sucesos.eval.gold import GoldItem
from sucesos.eval.metrics import MAX_ERROR_KM, f1, haversine_km, median, prf, ratio
from sucesos.eval.spans import match_one_to_one

WITHIN_KM = 161.0
MODES = ("spans", "detect")

DEFINITIONS = {
    "pairing": "gold toponym and predicted place paired one to one: same offsets first, then largest overlap",
    "accuracy_161km": "share of gold toponyms whose paired place is within 161 km; unpaired/unresolved = miss",
    "median_error_km": f"median distance, unpaired/unresolved counted as {MAX_ERROR_KM:,.0f} km",
    "*_resolved": "the same over toponyms that got coordinates only",
    "toponym_precision/recall/f1": "detect mode: predicted place overlapping a gold toponym (one to one)",
    "toponym_exact_f1": "detect mode: offsets exactly equal",
    "resolved_in_mexico_share": "detect mode, gold without coordinates: predicted places with coordinates that lie in Mexico",
    "right_country_share": "detect mode with --countries: resolved places paired with a country-coded gold toponym whose country is the coded one",
    "right_country_recall": "detect mode with --countries: country-coded gold toponyms whose paired place resolved in the coded country",
}


def score_places(
    gold: list[GoldItem], predictions: dict[str, dict], *, mode: str = "spans",
    countries: dict[tuple[str, int, int], str | None] | None = None,
) -> dict:
    """`countries`: a country coding of gold's spans (`read_country_coding`), detect mode only."""
    errors: list[float] = []
    resolved_errors: list[float] = []
    within = 0
    gold_total = predicted_total = paired_total = exact_total = 0
    failed = 0
    rows = []
    resolved_places = in_mexico = 0
    coded_total = coded_resolved = coded_right = 0
    for item in gold:
        prediction = predictions.get(item.id, {})
        if prediction.get("error"):
            failed += 1
        places = [p for p in prediction.get("places") or [] if _has_offsets(p)]
        gold_spans = [(g.start, g.end) for g in item.answer]
        pred_spans = [(p["start"], p["end"]) for p in places]
        for place in places:
            if _resolved(place):
                resolved_places += 1
                in_mexico += int(place.get("iso3") == "MEX" or place.get("country") == "Mexico")
        pairs = match_one_to_one(gold_spans, pred_spans)
        paired = dict(pairs)
        gold_total += len(gold_spans)
        predicted_total += len(pred_spans)
        paired_total += len(pairs)
        exact_total += sum(1 for i, j in pairs if gold_spans[i] == pred_spans[j])
        if countries is not None:
            for index, (start, end) in enumerate(gold_spans):
                country = countries.get((item.id, start, end))
                if country is None:  # not coded, or a place of no single country
                    continue
                coded_total += 1
                place = places[paired[index]] if index in paired else None
                if place is not None and _resolved(place):
                    coded_resolved += 1
                    coded_right += int(place.get("iso3") == country)
        for index, answer in enumerate(item.answer):
            if answer.latitude is None or answer.longitude is None:
                continue
            place = places[paired[index]] if index in paired else None
            distance = _distance(answer, place)
            if distance is None:
                errors.append(MAX_ERROR_KM)
            else:
                errors.append(distance)
                resolved_errors.append(distance)
                within += int(distance <= WITHIN_KM)
            rows.append(
                {
                    "id": item.id,
                    "start": answer.start,
                    "end": answer.end,
                    "text": answer.text,
                    "error_km": None if distance is None else round(distance, 1),
                    "predicted": None if place is None else place.get("name"),
                }
            )
    figures = {
        "accuracy_161km": ratio(within, len(errors)),
        "median_error_km": median(errors),
        "accuracy_161km_resolved": ratio(within, len(resolved_errors)),
        "median_error_km_resolved": median(resolved_errors),
        "resolved_share": ratio(len(resolved_errors), len(errors)),
    }
    counts = {
        "accuracy_161km": len(errors),
        "median_error_km": len(errors),
        "accuracy_161km_resolved": len(resolved_errors),
        "median_error_km_resolved": len(resolved_errors),
        "resolved_share": len(errors),
    }
    if mode == "detect":
        detection = prf(paired_total, predicted_total, paired_total, gold_total)
        exact_precision, exact_recall = ratio(exact_total, predicted_total), ratio(exact_total, gold_total)
        figures.update(
            {
                "toponym_precision": detection["precision"],
                "toponym_recall": detection["recall"],
                "toponym_f1": detection["f1"],
                "toponym_exact_f1": f1(exact_precision, exact_recall),
            }
        )
        if not errors:  # gold without coordinates: resolution checked for plausibility
            figures["resolved_in_mexico_share"] = ratio(in_mexico, resolved_places)
            counts["resolved_in_mexico_share"] = resolved_places
        if countries is not None:
            figures["right_country_share"] = ratio(coded_right, coded_resolved)
            figures["right_country_recall"] = ratio(coded_right, coded_total)
            counts["right_country_share"] = coded_resolved
            counts["right_country_recall"] = coded_total
        counts.update(
            {
                "toponym_precision": predicted_total,
                "toponym_recall": gold_total,
                "toponym_f1": gold_total,
                "toponym_exact_f1": gold_total,
            }
        )
    return {
        "task": "places",
        "mode": mode,
        "records": len(gold),
        "failed": failed,
        "figures": figures,
        "counts": counts,
        "definitions": DEFINITIONS,
        "records_detail": rows,
    }


def _resolved(place: dict) -> bool:
    return isinstance(place.get("latitude"), (int, float)) and isinstance(place.get("longitude"), (int, float))


def _has_offsets(place: dict) -> bool:
    start, end = place.get("start"), place.get("end")
    return isinstance(start, int) and isinstance(end, int) and start < end


def _distance(answer, place: dict | None) -> float | None:
    if place is None:
        return None
    lat, lon = place.get("latitude"), place.get("longitude")
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)) or isinstance(lat, bool):
        return None
    return haversine_km(answer.latitude, answer.longitude, float(lat), float(lon))
