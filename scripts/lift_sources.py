#!/usr/bin/env python3
"""Lifts a scenario file's source comments into its `sources` list (run once per file).

A comment on its own line documents the field or list element that follows it; a comment at the
end of a line documents the last field (or list element) that line opens. Each becomes
`(field: PATH, basis: ..., note: TEXT)` in `sources`, where PATH names the field as `twin`
reports it (`site.latitude_deg`, `building_classes[office]`: list elements by their `id` or
`name`) and the basis follows the file's markers: `E` estimate, `S`/`V` published. The comments
are removed, so the file keeps one copy of each note: the one a save keeps.

Usage: python3 scripts/lift_sources.py scenarios/baerum.ron > /tmp/b.ron && mv /tmp/b.ron ...
"""

import re
import sys


class Node:
    def __init__(self, parent, name=None, index=None):
        self.parent, self.name, self.index, self.key = parent, name, index, None
        self.notes = []

    def path(self):
        parts = []
        node = self
        while node is not None and node.parent is not None:
            if node.name is not None:
                parts.append(node.name)
            else:
                parts.append(f"[{node.key if node.key is not None else node.index}]")
            node = node.parent
        out = ""
        for part in reversed(parts):
            out += part if part.startswith("[") or not out else "." + part
        return out


TOKEN = re.compile(r'\s+|//[^\n]*|"(?:\\.|[^"\\])*"|[A-Za-z_][A-Za-z0-9_]*|[()\[\]{},:]|[^\s()\[\]{},:"/]+|/')


class Frame:
    """An open bracket: the node whose value it is, and for a list its current element."""

    def __init__(self, node, is_list):
        self.node, self.is_list, self.element, self.count = node, is_list, None, 0


def lift(text):
    """The documented nodes (in file order), the header comment and the text without comments."""
    root = Node(None)
    nodes, header, pending, out, stack = [], [], [], [], []
    line, line_has_code, last_on_line, value_of = 1, False, None, root

    def opened(node):
        if pending:
            node.notes.append(list(pending))
            pending.clear()
        nodes.append(node)
        return (line, node)

    tokens = [m.group(0) for m in TOKEN.finditer(text)]
    code = [i for i, t in enumerate(tokens) if not t.isspace() and not t.startswith("//")]
    next_code = {a: b for a, b in zip(code, code[1:])}
    for i, tok in enumerate(tokens):
        if tok.startswith("//"):
            body = tok[2:].strip()
            if line_has_code and last_on_line and last_on_line[0] == line:
                last_on_line[1].notes.append([body])
            elif not stack:
                header.append(body)
            else:
                pending.append(body)
            continue
        out.append(tok)
        if tok.isspace():
            if "\n" in tok:
                line += tok.count("\n")
                line_has_code = False
            continue
        line_has_code = True
        frame = stack[-1] if stack else None
        if frame and frame.is_list and frame.element is None and tok not in ")]},":
            frame.element = Node(frame.node, index=frame.count)
            frame.count += 1
            last_on_line = opened(frame.element)
            value_of = frame.element
        if tok in ("(", "[", "{"):
            stack.append(Frame(value_of, tok == "["))
        elif tok in (")", "]", "}"):
            stack.pop()
        elif tok == "," and frame and frame.is_list:
            frame.element = None
        elif re.match(r"[A-Za-z_]", tok) and frame and not frame.is_list:
            after = next_code.get(i)
            if after is None or tokens[after] != ":":
                continue
            field = Node(frame.node, name=tok)
            last_on_line = opened(field)
            value_of = field
            value = tokens[next_code.get(after, after)]
            if tok in ("id", "name") and frame.node.index is not None and value.startswith('"'):
                frame.node.key = frame.node.key or value[1:-1]
    return nodes, header, "".join(out)


def paragraphs(lines):
    text, out = [], []
    for line in lines:
        if line == "":
            if text:
                out.append(" ".join(text))
            text = []
        else:
            text.append(line)
    if text:
        out.append(" ".join(text))
    return " / ".join(out)


def basis(note):
    estimate = bool(re.search(r"(^|[\s(,;])E(\b|:)", note))
    published = bool(re.search(r"(^|[\s(,;])[SV](\b|:)|\[[A-Z]+\d+\]|\bSSB\b", note))
    if estimate and published:
        return "Mixed"
    if estimate:
        return "Estimate"
    if published:
        return "Published"
    return "Unstated"


def ron_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    path = sys.argv[1]
    text = open(path, encoding="utf-8").read()
    nodes, header, stripped = lift(text)
    entries = []
    if header:
        entries.append(("", paragraphs(header)))
    for node in nodes:
        for lines in node.notes:
            entries.append((node.path(), paragraphs(lines)))
    # Trailing spaces left where comments were, and lines emptied by removing a comment block.
    lines = [l.rstrip() for l in stripped.split("\n")]
    body = "\n".join(l for i, l in enumerate(lines) if l or (i > 0 and lines[i - 1]))
    body = body.strip()
    assert body.endswith(")"), "a scenario file ends with its closing bracket"
    listing = ["    sources: ["]
    for field, note in entries:
        listing.append(
            f"        (field: {ron_string(field)}, basis: {basis(note)}, note: {ron_string(note)}),"
        )
    listing.append("    ],")
    body = body[:-1].rstrip() + "\n" + "\n".join(listing) + "\n)\n"
    sys.stdout.write(body)


if __name__ == "__main__":
    main()
