#!/usr/bin/env python3
"""The committed JSON Schema of pipelines (resources/pipeline.schema.json) against the
catalogue and the documents: it equals what `tributary-cli schema` generates, every sample
and valid test pipeline conforms, and documents with structural mistakes do not.

usage: check_schema.py CLI SCHEMA VALID_DIR... --invalid FILE...
"""
import json
import subprocess
import sys
from pathlib import Path

import jsonschema


def main(argv):
    cli, schema_path = argv[1], Path(argv[2])
    rest = argv[3:]
    split = rest.index("--invalid")
    valid_dirs, invalid = rest[:split], rest[split + 1:]
    generated = json.loads(subprocess.run([cli, "schema"], check=True, capture_output=True, text=True).stdout)
    committed = json.loads(schema_path.read_text())
    if generated != committed:
        print(f"{schema_path} is out of date: run `tributary-cli schema > {schema_path}`")
        return 1
    validator = jsonschema.Draft202012Validator(committed)
    failures = 0
    checked = 0
    for d in valid_dirs:
        for f in sorted(Path(d).glob("**/*.json")):
            if f.name.startswith(("ok-", "pipeline")):
                checked += 1
                errors = list(validator.iter_errors(json.loads(f.read_text())))
                for e in errors:
                    print(f"{f}: {'/'.join(map(str, e.path))}: {e.message}")
                failures += bool(errors)
    for f in invalid:
        checked += 1
        if validator.is_valid(json.loads(Path(f).read_text())):
            print(f"{f}: conforms to the schema, but it should not")
            failures += 1
    print(f"{checked} documents checked, {failures} failed")
    return 1 if failures or checked < 10 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
