#!/usr/bin/env python3
"""Writes a snapshot whose trail has one advanced event selector with N eventSource conditions (NotStartsWith,
NotEndsWith and NotEquals in turn), the shape that made coverage slow. Usage: selector-snapshot.py N OUT.json"""
import json
import sys
from pathlib import Path

count, out = int(sys.argv[1]), sys.argv[2]
snapshot = json.loads((Path(__file__).parent.parent / "examples" / "ready-organization-trail.json").read_text())
operators = {"NotStartsWith": [], "NotEndsWith": [], "NotEquals": []}
for i in range(count):
    name = list(operators)[i % 3]
    operators[name].append(
        {"NotStartsWith": f"svc{i}-", "NotEndsWith": f".svc{i}.amazonaws.com", "NotEquals": f"svc{i}.amazonaws.com"}[name])
selector = {
    "Name": f"{count} conditions",
    "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]
    + [{"Field": "eventSource", name: values} for name, values in operators.items() if values],
}
for entry in snapshot["trails"]:
    entry["eventSelectors"] = {
        "TrailARN": entry["trail"]["TrailARN"], "AdvancedEventSelectors": [selector]}
Path(out).write_text(json.dumps(snapshot, indent=2))
