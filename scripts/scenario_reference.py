#!/usr/bin/env python3
"""Writes scenarios/README.md, the field reference of scenario files, from the doc comments of
twin-core/src/scenario/raw/ and the lifetime type of twin-core/src/math/dsm.rs (the single
source of the format's documentation). `.ci/run` checks that the README is up to date.

Every struct is listed with each field's full type, how to write it in RON and its meaning;
every enum with each variant's syntax (`Weibull(shape: 2.5, scale: 120.0)`, `Absolute(60.0)`,
`AtMost`).

Usage: python3 scripts/scenario_reference.py > scenarios/README.md
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCES = [
    "twin-core/src/scenario/raw/mod.rs",
    "twin-core/src/scenario/raw/materials.rs",
    "twin-core/src/scenario/raw/inventory.rs",
    "twin-core/src/scenario/raw/policy.rs",
    "twin-core/src/math/dsm.rs",
]
HEADER = """# Scenario files

A scenario is one RON file (UTF-8, at most 4 MiB). `twin validate FILE` checks it and names the
file, line, column and field of every problem, and lists every value outside the usual band for a
Norwegian municipality as a warning (with the band's source); warnings never block a run.
Unknown fields are errors; fields marked *optional* may be left out and take the default given.
Units are in the field names (`_m2`, `_kwh_per_m2`, `_mw`, `_c` for °C, `_deg`, `_t` for
tonnes) or the descriptions; a "share" is a number from 0 to 1.

Every number in a scenario should carry its source, or be marked as an estimate with its
reasoning, in the `sources` list at the end of the file (see `baerum.ron`): a note per field
or list element, kept by every save and shown by the viewer. `//` comments are allowed but a
save made by the viewer does not keep them. `twin levers` lists the lever keys for `levers`,
`twin kpis` the KPI keys for `targets`.

## How to write values

| type | in RON | example |
|---|---|---|
| `f64` | a number | `0.18`, `1e-3`, `550.0` |
| `u32`, `u64`, `i32` | a whole number (no decimal point) | `2025` |
| `bool` | `true` or `false` | `true` |
| `String` | text in double quotes | `"Bærum"` |
| `Option<T>` | the value itself, or `None` | `incinerator: "Tafjord Kraftvarme"` or `incinerator: None` |
| `Vec<T>` | a list in square brackets | `[1.0, 2.0]` |
| `(A, B)` | a pair in round brackets | `(2009, 5210750.0)` |
| `BTreeMap<String, f64>` | a map in curly brackets, each key once | `{"office": 18592.0, "school": 9928.0}` |
| a struct below | its fields in round brackets, the name in front optional | `(tilt_deg: 35.0, azimuth_deg: 180.0)` |
| an enum below | one variant, written as its row shows | `Weibull(shape: 2.5, scale: 120.0)` |

## The waste network (`materials.processes`)

Waste of each fraction starts in the built-in process `households`, which sends it to `reuse`
(a sink), `separate_collection` (the fraction's source-separation share, raised by the
`sorting_campaign` lever) or `residual_collection`. From there on, every process lists its
transfer coefficients `to: [(next process, share), ...]`, for all fractions or for one
`fraction`; they must sum to 1. A process nothing flows out of is a sink (`production`,
`landfill`, `atmosphere`, `road_material`, ...). Loops are allowed (recycling rejects back to the
sorting plant) as long as every process can reach a sink; a loop with no way out is an error.
What reaches the process named `incineration` fuels the district-heating unit named in
`materials.incinerator` (write its `name`, e.g. `incinerator: "Tafjord Kraftvarme"`; `None` when
the waste is burnt outside the municipality). For the U4SSC treatment split, processes named
`reuse`, `recycling`, `biogas`, `composting`, `incineration`, `landfill` and `hazardous_treatment`
are treatment routes.

Generated from `twin-core/src/scenario/raw/` and `twin-core/src/math/dsm.rs` by
`scripts/scenario_reference.py`.
"""

ITEM = re.compile(
    r"((?:///[^\n]*\n)+)(?:#\[[^\n]*\]\n)*pub (struct|enum) (\w+) \{(.*?)\n\}", re.S
)


def doc_text(lines):
    return " ".join(l.strip()[3:].strip() for l in lines.strip().splitlines() if l.strip().startswith("///"))


def public_name(name):
    return name[3:] if name.startswith("Raw") else name


def split_top(body):
    """Splits a struct or enum body at commas outside brackets, keeping each part's doc lines."""
    parts, depth, current = [], 0, []
    for line in body.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith("//") or stripped.startswith("#["):
            current.append(line)
            continue
        for ch in line:
            current.append(ch)
            if ch in "<({[":
                depth += 1
            elif ch in ">)}]":
                depth -= 1
            elif ch == "," and depth == 0:
                parts.append("".join(current))
                current = []
    if "".join(current).strip():
        parts.append("".join(current))
    return parts


def field_parts(part):
    docs = "\n".join(l for l in part.splitlines() if l.strip().startswith("///"))
    attrs = " ".join(l.strip() for l in part.splitlines() if l.strip().startswith("#["))
    code = " ".join(l.strip() for l in part.splitlines() if l.strip() and not l.strip().startswith(("///", "#[", "//")))
    return docs, attrs, code.rstrip(",").strip()


def type_name(ty):
    ty = re.sub(r"crate::\w+(::\w+)*::", "", ty).strip()
    return re.sub(r"\bRaw(\w+)", r"\1", ty)


def variant_syntax(code):
    m = re.match(r"(\w+)\s*\{(.*)\}$", code, re.S)
    if m:
        fields = [f.strip() for f in re.findall(r"(\w+)\s*:", m.group(2))]
        return f"{m.group(1)}(" + ", ".join(f"{f}: …" for f in fields) + ")"
    m = re.match(r"(\w+)\s*\((.*)\)$", code, re.S)
    if m:
        return f"{m.group(1)}({type_name(m.group(2))})"
    return code


def variant_fields(raw):
    """`field`: meaning, for each field of a struct-like variant (from its raw text)."""
    m = re.search(r"\{(.*)\}", raw, re.S)
    if not m:
        return []
    out = []
    for part in split_top(m.group(1)):
        docs, _, fcode = field_parts(part)
        fm = re.match(r"(\w+)\s*:\s*(.+)$", fcode)
        if fm:
            out.append(f"`{fm.group(1)}`: {doc_text(docs).rstrip('.')}")
    return out


def leading_docs(raw):
    """The doc lines before a variant's name (not those of its fields)."""
    lines = []
    for line in raw.splitlines():
        stripped = line.strip()
        if stripped.startswith("///"):
            lines.append(stripped)
        elif stripped and not stripped.startswith("#["):
            break
    return "\n".join(lines)


def render(kind, name, docs, body):
    out = [f"\n## `{public_name(name)}`\n\n{doc_text(docs)}\n"]
    if kind == "struct":
        out.append("| field | type | meaning, unit, default |\n|---|---|---|")
        for part in split_top(body):
            fdocs, attrs, code = field_parts(part)
            m = re.match(r"pub (\w+)\s*:\s*(.+)$", code, re.S)
            if not m:
                continue
            optional = " *(optional)*" if "default" in attrs else ""
            text = doc_text(fdocs).replace("|", "/")
            out.append(f"| `{m.group(1)}`{optional} | `{type_name(m.group(2))}` | {text} |")
    else:
        out.append("| variant | written as | meaning |\n|---|---|---|")
        for part in split_top(body):
            _, _, code = field_parts(part)
            if not code:
                continue
            name_of = re.match(r"(\w+)", code).group(1)
            fields = variant_fields(part)
            meaning = doc_text(leading_docs(part)) + (" " + "; ".join(fields) + "." if fields else "")
            meaning = meaning.replace("|", "/")
            out.append(f"| `{name_of}` | `{variant_syntax(code)}` | {meaning} |")
    return out


def main():
    out = [HEADER]
    for source in SOURCES:
        src = (ROOT / source).read_text(encoding="utf-8")
        for m in ITEM.finditer(src):
            kind, name = m.group(2), m.group(3)
            if source.endswith("dsm.rs") and name != "Lifetime":
                continue
            out.extend(render(kind, name, m.group(1), m.group(4)))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
