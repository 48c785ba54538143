#!/usr/bin/env python3
"""Writes scenarios/README.md, the field reference of scenario files, from the doc comments of
twin-core/src/scenario/raw.rs (the single source of the format's documentation).

Usage: python3 scripts/scenario_reference.py > scenarios/README.md
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
HEADER = """# Scenario files

A scenario is one RON file (UTF-8, at most 4 MiB). `twin validate FILE` checks it and names the
file, line, column and field of every problem. Unknown fields are errors; fields marked
*optional* may be left out and take the default given. Units are in the field names (`_m2`,
`_kwh_per_m2`, `_mw`, `_c` for °C, `_deg`, `_t` for tonnes) or the descriptions; a "share" is a
number from 0 to 1.

Every number in a scenario should carry its source in a `//` comment, or be marked as an
estimate with its reasoning (see `baerum.ron`). `twin levers` lists the lever keys for `levers`.

## The waste network (`materials.processes`)

Waste of each fraction starts in the built-in process `households`, which sends it to `reuse`
(a sink), `separate_collection` (the fraction's source-separation share, raised by the
`sorting_campaign` lever) or `residual_collection`. From there on, every process lists its
transfer coefficients `to: [(next process, share), ...]`, for all fractions or for one
`fraction`; they must sum to 1. A process nothing flows out of is a sink (`production`,
`landfill`, `atmosphere`, `road_material`, ...). Loops are allowed (recycling rejects back to the
sorting plant) as long as every process can reach a sink; a loop with no way out is an error.
What reaches the process named `incineration` fuels the district-heating unit named in
`materials.incinerator`, if any. For the U4SSC treatment split, processes named `reuse`,
`recycling`, `biogas`, `composting`, `incineration`, `landfill` and `hazardous_treatment` are
treatment routes.

Generated from `twin-core/src/scenario/raw.rs` by `scripts/scenario_reference.py`.
"""


def doc_text(lines):
    return " ".join(l.strip()[3:].strip() for l in lines.strip().splitlines())


def main():
    src = (ROOT / "twin-core/src/scenario/raw.rs").read_text(encoding="utf-8")
    out = [HEADER]
    pattern = r"((?:///[^\n]*\n)+)#\[derive[^\n]*\n(?:#\[serde[^\n]*\]\n)?pub (struct|enum) (?:Raw)?(\w+) \{(.*?)\n\}"
    for m in re.finditer(pattern, src, re.S):
        kind, name, body = m.group(2), m.group(3), m.group(4)
        out.append(f"\n## `{name}`\n\n{doc_text(m.group(1))}\n")
        if kind == "struct":
            out.append("| field | type | meaning, unit, default |\n|---|---|---|")
            for f in re.finditer(r"((?:\s*///[^\n]*\n)+)(?:\s*#\[serde\(([^\n]*)\)\]\n)?\s*pub (\w+): ([^,\n]+),", body):
                optional = " *(optional)*" if "default" in (f.group(2) or "") else ""
                ty = f.group(4).replace("Raw", "")
                out.append(f"| `{f.group(3)}`{optional} | `{ty}` | {doc_text(f.group(1)).replace('|', '/')} |")
        else:
            out.append("| variant | meaning |\n|---|---|")
            for v in re.finditer(r"((?:\s*///[^\n]*\n)+)\s*(\w+),", body):
                out.append(f"| `{v.group(2)}` | {doc_text(v.group(1))} |")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
