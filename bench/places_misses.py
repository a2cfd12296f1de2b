"""Why gold toponyms miss 161 km in spans mode, by kind of miss.

    python bench/places_misses.py ../shared/data/places/tr-news.jsonl ../shared/data/places/geovirus.jsonl [--top 15] [--json PATH]

Each gold toponym is resolved as `sucesos eval places --mode spans` does
(the gold spans, the article's focus, `resolve_toponyms`); a miss is put in
one class:
- no_candidate: the gazetteer has no entry for the name looked up;
- wrong_candidate: an entry within 161 km of gold was among the candidates
  but another was chosen (a ranking error), or none was chosen;
- far_point: the place chosen is the right area (a country, state, region or
  continent, within 1,500 km of gold) but its representative point is over
  161 km from the annotators' (a convention of points, not a wrong place);
- no_near_candidate: candidates exist, none within 161 km (a place the
  gazetteer lacks under that name, or gold's point is elsewhere).
Prints counts per set and the most frequent names of each class.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

AREA_FEATURES = ("country", "admin1", "continent", "region")
AREA_KM = 1500.0


def classify(paths: list[Path], gazetteer) -> list[dict]:
    from sucesos.eval.gold import read_gold
    from sucesos.places.focus import article_focus
    from sucesos.places.resolve import resolve_toponyms, spans_to_toponyms
    from sucesos.places.train_ranker import WITHIN_KM, _km

    rows = []
    for path in paths:
        for item in read_gold(path, "places"):
            text = item.article.text
            spans = item.article.spans or [{"start": a.start, "end": a.end} for a in item.answer]
            toponyms = spans_to_toponyms(spans, text, gazetteer)
            focus = article_focus(toponyms, text, gazetteer, url=item.article.url, lang=item.article.lang)
            places = {(p.start, p.end): p for p in resolve_toponyms(toponyms, text, gazetteer, focus=focus)}
            by_span = {(t.start, t.end): t for t in toponyms}
            for answer in item.answer:
                if answer.latitude is None:
                    continue
                place, toponym = places.get((answer.start, answer.end)), by_span.get((answer.start, answer.end))
                resolved = place is not None and place.latitude is not None
                km = _km(answer.latitude, answer.longitude, place.latitude, place.longitude) if resolved else None
                kind = "hit"
                if km is None or km > WITHIN_KM:
                    candidates = [c for c in (gazetteer.lookup(toponym.lookup) if toponym and toponym.lookup else []) if c.latitude is not None]
                    near = [c for c in candidates if _km(answer.latitude, answer.longitude, c.latitude, c.longitude) <= WITHIN_KM]
                    chosen = next((c for c in candidates if resolved and abs(c.latitude - place.latitude) < 1e-4 and abs(c.longitude - place.longitude) < 1e-4), None)
                    if not candidates:
                        kind = "no_candidate"
                    elif near:
                        kind = "wrong_candidate"
                    elif chosen is not None and chosen.feature in AREA_FEATURES and km is not None and km <= AREA_KM:
                        kind = "far_point"
                    else:
                        kind = "no_near_candidate"
                rows.append({"set": path.stem, "id": item.id, "text": answer.text, "lookup": toponym.lookup if toponym else None,
                             "kind": kind, "error_km": None if km is None else round(km), "chosen": place.name if resolved else None})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    from sucesos.places.gazetteer import Gazetteer

    rows = classify(args.gold, Gazetteer())
    for name in dict.fromkeys(r["set"] for r in rows):
        mine = [r for r in rows if r["set"] == name]
        kinds = collections.Counter(r["kind"] for r in mine)
        sys.stdout.write(f"{name}: {len(mine)} toponyms, within 161 km {kinds['hit'] / len(mine):.3f}; misses {dict((k, v) for k, v in kinds.most_common() if k != 'hit')}\n")
        for kind in ("no_candidate", "wrong_candidate", "far_point", "no_near_candidate"):
            names = collections.Counter(r["lookup"] for r in mine if r["kind"] == kind)
            sys.stdout.write(f"  {kind}: {', '.join(f'{n} {c}' for n, c in names.most_common(args.top))}\n")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
