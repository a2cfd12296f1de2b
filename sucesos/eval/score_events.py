"""Scoring events: the predicted main event against the gold one, field by field.

Definitions (also written into every report under `definitions`):
- The predicted main event is `events[0]` (CONTRACT: events are ordered by
  salience). An article with `events: []` predicts "no event".
- `event_detection_accuracy`: share of articles where "is there an ACLED
  event?" is answered as gold answers it (gold states it for CASE, where
  `sub_event_type: null` marks the five non-ACLED classes, and for ACLED
  CSV, where every row is an event).
- `event_type_accuracy`, `sub_event_type_accuracy`: over articles whose gold
  states the type or says "no event"; "(no event)" is a label, so
  predicting no event for a non-event is correct.
- `sub_event_type_macro_f1`: mean per-label F1 over every label seen in gold
  or predictions, "(no event)" included; `sub_event_type_weighted_f1`: each
  label's F1 weighted by its gold count (CASE 2021 task 2 reported this).
- Other fields count only articles whose gold is an event and states the
  field; a missing prediction is wrong. admin1/admin2 match ignoring case,
  accents and filler words ("Michoacán de Ocampo" = "Michoacan");
  `within_25km`: the main event's coordinates within 25 km of gold's;
  event_date and fatalities exact; inter1/inter2 as ACLED labels.
"""

from __future__ import annotations

from sucesos.eval import acled
from sucesos.eval.gold import GoldItem
from sucesos.eval.metrics import classification_report, haversine_km, prf, ratio

NO_EVENT = "(no event)"
UNLABELLED = "(no sub-type)"
WITHIN_KM = 25.0

FIELD_FIGURES = (
    "admin1_accuracy",
    "admin2_accuracy",
    "within_25km_accuracy",
    "event_date_accuracy",
    "fatalities_accuracy",
    "inter1_accuracy",
    "inter2_accuracy",
    "actor_types_accuracy",
)

DEFINITIONS = {
    "main_event": "events[0] of the prediction; events: [] means no event predicted",
    "event_detection_accuracy": "gold event / no event (CASE: sub_event_type null) answered alike",
    "sub_event_type_accuracy": "over records whose gold states a sub-type or no event; '(no event)' is a label",
    "sub_event_type_macro_f1": "mean F1 over labels seen in gold or predictions, '(no event)' included",
    "sub_event_type_weighted_f1": "F1 per label weighted by its gold count (CASE 2021 task 2's headline measure)",
    "field accuracies": "over records whose gold is an event stating that field; a missing prediction is wrong",
    "admin1/admin2": "equal ignoring case, accents and filler words; a name may be the other's long form",
    "within_25km_accuracy": "main event's latitude/longitude within 25 km of gold's",
    "event_detection_precision/recall/f1": "has an ACLED event: predicted events among gold events (positives: gold events)",
    "fatalities_accuracy": "exact; a main event with fatalities null (no toll stated) counts as ACLED's 0",
    "actor_types_accuracy": "the main event's {inter1, inter2} equal gold's as a multiset (coded articles: '' is no actor)",
}


def _pred_label(event: dict | None, name: str, normalise) -> str:
    if event is None:
        return NO_EVENT
    value = event.get(name)
    if not isinstance(value, str) or not value.strip():
        return UNLABELLED
    return normalise(value) or value


def score_events(gold: list[GoldItem], predictions: dict[str, dict]) -> dict:
    detection = [0, 0]  # correct, total
    detected = [0, 0, 0]  # true positives, predicted positives, gold positives
    type_pairs: list[tuple[str, str]] = []
    sub_pairs: list[tuple[str, str]] = []
    fields = {name: [0, 0] for name in FIELD_FIGURES}
    failed = 0
    rows = []
    for item in gold:
        prediction = predictions.get(item.id, {})
        if prediction.get("error"):
            failed += 1
        events = prediction.get("events") or []
        main = events[0] if events else None
        answer = item.answer
        if answer.is_event is not None:
            detection[1] += 1
            detection[0] += int(answer.is_event == (main is not None))
            detected[0] += int(answer.is_event and main is not None)
            detected[1] += int(main is not None)
            detected[2] += int(answer.is_event)
        gold_sub = answer.fields.get("sub_event_type") if answer.is_event else (NO_EVENT if answer.is_event is False else None)
        gold_type = answer.fields.get("event_type") if answer.is_event else (NO_EVENT if answer.is_event is False else None)
        pred_sub = _pred_label(main, "sub_event_type", acled.sub_event_type)
        pred_type = _pred_label(main, "event_type", acled.event_type)
        if main is not None and pred_type == UNLABELLED and acled.sub_event_type(pred_sub or ""):
            pred_type = acled.SUB_EVENT_TYPES[acled.sub_event_type(pred_sub)]
        if gold_sub is not None:
            sub_pairs.append((gold_sub, pred_sub))
        if gold_type is not None:
            type_pairs.append((gold_type, pred_type))
        row = {"id": item.id, "gold_sub_event_type": gold_sub, "pred_sub_event_type": pred_sub}
        if answer.is_event is not False:
            for figure, correct in _field_checks(answer.fields, main).items():
                fields[figure][1] += 1
                fields[figure][0] += int(correct)
                row[figure.removesuffix("_accuracy")] = correct
        rows.append(row)

    detection_scores = prf(detected[0], detected[1], detected[0], detected[2])
    sub_report = classification_report(sub_pairs)
    type_report = classification_report(type_pairs)
    figures = {
        "event_detection_accuracy": ratio(*detection),
        "event_detection_precision": detection_scores["precision"],
        "event_detection_recall": detection_scores["recall"],
        "event_detection_f1": detection_scores["f1"],
        "event_type_accuracy": type_report["accuracy"],
        "sub_event_type_accuracy": sub_report["accuracy"],
        "sub_event_type_macro_f1": sub_report["macro_f1"],
        "sub_event_type_weighted_f1": sub_report["weighted_f1"],
    }
    counts = {
        "event_detection_accuracy": detection[1],
        "event_detection_precision": detected[1],
        "event_detection_recall": detected[2],
        "event_detection_f1": detection[1],
        "event_type_accuracy": len(type_pairs),
        "sub_event_type_accuracy": len(sub_pairs),
        "sub_event_type_macro_f1": len(sub_pairs),
        "sub_event_type_weighted_f1": len(sub_pairs),
    }
    for name, (correct, total) in fields.items():
        if total:
            figures[name] = ratio(correct, total)
            counts[name] = total
    return {
        "task": "events",
        "records": len(gold),
        "failed": failed,
        "figures": figures,
        "counts": counts,
        "sub_event_types": sub_report,
        "event_types": type_report,
        "definitions": DEFINITIONS,
        "records_detail": rows,
    }


def _field_checks(fields: dict, main: dict | None) -> dict[str, bool]:
    """Which stated gold fields the main event got right."""
    checks: dict[str, bool] = {}
    main = main or {}
    for name in ("admin1", "admin2"):
        if name in fields:
            checks[f"{name}_accuracy"] = acled.admin_match(fields[name], main.get(name))
    if "latitude" in fields:
        lat, lon = main.get("latitude"), main.get("longitude")
        checks["within_25km_accuracy"] = (
            isinstance(lat, (int, float))
            and isinstance(lon, (int, float))
            and haversine_km(fields["latitude"], fields["longitude"], lat, lon) <= WITHIN_KM
        )
    if "event_date" in fields:
        checks["event_date_accuracy"] = main.get("event_date") == fields["event_date"]
    if "fatalities" in fields:
        predicted = main.get("fatalities")
        if predicted is None and main:
            predicted = 0  # no toll stated: ACLED codes 0 (as the ACLED CSV export writes it)
        checks["fatalities_accuracy"] = isinstance(predicted, int) and not isinstance(predicted, bool) and predicted == fields["fatalities"]
    for name in ("inter1", "inter2"):
        if name in fields:
            understood, label = acled.inter_label(main.get(name))
            checks[f"{name}_accuracy"] = understood and label == fields[name]
    if "actor_types" in fields:
        predicted_types = []
        for name in ("inter1", "inter2"):
            understood, label = acled.inter_label(main.get(name))
            if label is not None:
                predicted_types.append(label)
        checks["actor_types_accuracy"] = tuple(sorted(predicted_types)) == tuple(fields["actor_types"])
    return checks
