#!/usr/bin/env python3
"""Puts the fidelity harness's figures into docs/corpus.md, between the markers
`<!-- fidelity:start -->` and `<!-- fidelity:end -->` (appended with its heading when the file
has none yet). Used by scripts/fidelity.sh and scripts/corpus-report.sh.

    splice-fidelity.py DOC FIGURES COMMIT
"""
import datetime
import sys

START, END = "<!-- fidelity:start -->", "<!-- fidelity:end -->"

doc_path, figures_path, commit = sys.argv[1], sys.argv[2], sys.argv[3]
with open(figures_path, encoding="utf-8") as f:
    figures = f.read().strip()
today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
section = f"""{START}
Measured {today} on commit `{commit}` by `scripts/fidelity.sh` (newman 6.2.2, pinned in
`scripts/newman/`). For every request item, newman and the generated client's example call
(`courier generate --examples`) send to one recorder on 127.0.0.1, with the same values: the
collection's variables, plus a value for each variable it uses but does not define or
leaves empty (as a Postman environment would give it). Requests are compared by method, raw path, query, headers
(not those each runtime adds by itself: `Host`, `User-Agent`, `Postman-Token`, `Accept: */*`,
`Accept-Encoding`, `Connection`, and `Content-Length` unless neither side has a body) and body
(JSON by value, forms by field, multipart part by part). Scripts are run by neither side.

{figures}
{END}"""
try:
    with open(doc_path, encoding="utf-8") as f:
        doc = f.read()
except FileNotFoundError:
    doc = ""
if START in doc and END in doc:
    before, rest = doc.split(START, 1)
    _, after = rest.split(END, 1)
    doc = before + section + after
else:
    doc = doc.rstrip("\n") + "\n\n## Requests compared with newman\n\n" + section + "\n"
with open(doc_path, "w", encoding="utf-8") as f:
    f.write(doc)
