#!/usr/bin/env python3
"""Adds the territorial emission inventory to a scenario file (run once per file, like
lift_sources.py): each fraction's degradable organic carbon (IPCC 2006 vol. 5 table 2.4), the
`inventory` section from scripts/NAME_inventory.ron.in and its source notes from
scripts/NAME_inventory_sources.ron.in, appended to `sources`. The RON file stays the source of
truth afterwards.

Usage: python3 scripts/add_inventory.py scenarios/baerum.ron baerum > /tmp/b.ron && mv /tmp/b.ron ...
"""

import pathlib
import re
import sys

# IPCC 2006 Guidelines vol. 5 ch. 2 table 2.4, DOC of wet waste: food 0.15, paper 0.40, wood 0.43,
# textiles 0.24; glass, metal and plastic 0. Residual (E): ≈30 % food, ≈15 % paper and
# cardboard, ≈5 % textiles and wood of the residual bin by mass → ≈0.12.
DOC = {
    "food": 0.15,
    "paper": 0.40,
    "plastic": 0.0,
    "glass_metal": 0.0,
    "textiles": 0.24,
    "wood": 0.43,
    "residual": 0.12,
    "hazardous_ee": 0.0,
}


def main():
    path, name = pathlib.Path(sys.argv[1]), sys.argv[2]
    here = pathlib.Path(__file__).resolve().parent
    text = path.read_text(encoding="utf-8")

    def with_doc(match):
        line = match.group(0)
        fraction = re.search(r'name: "([a-z_]+)"', line).group(1)
        if "doc_share" in line or DOC.get(fraction, 0.0) == 0.0:
            return line
        return line[: -len("),")] + f", doc_share: {DOC[fraction]}),"

    text = re.sub(r'^ {12}\(name: "[a-z_]+", kg_per_person:.*\),$', with_doc, text, flags=re.M)
    inventory = (here / f"{name}_inventory.ron.in").read_text(encoding="utf-8")
    notes = (here / f"{name}_inventory_sources.ron.in").read_text(encoding="utf-8")
    head, sep, tail = text.partition("\n    sources: [\n")
    assert sep, "no sources list"
    body, end, rest = tail.rpartition("\n    ],\n")
    sys.stdout.write(head + "\n" + inventory.rstrip("\n") + sep + body + "\n" + notes.rstrip("\n") + end + rest)


if __name__ == "__main__":
    main()
