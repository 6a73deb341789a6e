"""Checks (or, with --update, rewrites) every sample output in README.md against the command that makes it.

A sample is a plain fenced block (``` or ```text) right after a marker line naming its command:

    <!-- sample: cacheaside-check --seeds 10000; exit 1 -->
    <!-- sample: cacheaside-check compare --seeds 300; head 24 -->
    <!-- sample: cacheaside-check --model nope; exit 2; stderr -->

The command runs from the repository root through `bash -c`, with `.build/release` first on PATH (so
`cacheaside-check` is the release build). Options after `;`: `exit N` (the status it must end with,
default 0), `head N` (the block shows the first N lines of the output), `stderr` (the block shows standard
error instead of standard output). Every plain block must carry a marker, or say why it is not a
command's output with `<!-- not-output: REASON -->`, so that no sample can drift unchecked (blocks
tagged with a language, ```swift or ```sh, are code, not output).

Figures in the prose drift too: every decimal or percentage written outside code blocks (`1.76`, `4.81%`)
must appear verbatim in some sample's output, so a sentence can only quote what a checked table prints.
A figure that is not a command's output (a benchmark on a named machine, a paper's number) goes in a
paragraph or table right after a line `<!-- figures: REASON -->`, which exempts it up to the next blank line.

Output is compared byte for byte after dropping trailing blank lines: the tool is deterministic, so any
difference is drift (or a change that the README must show). Timings are never compared, so the README
must not print any; the script fails on a sample whose output contains a wall-clock figure.
"""

import difflib
import os
import re
import subprocess
import sys

README = "README.md"
MARKER = re.compile(r"^<!-- (sample|not-output): (.*) -->$")
FIGURE = re.compile(r"(?<!Swift )(?<![\w.])\d+\.\d+%?|(?<![\w.])\d+%")
TIMING = re.compile(r"\b\d+(\.\d+)? ?(ms|s|seconds)\b(?! ?(ttl|ticks))")


def parse_marker(text):
    parts = [part.strip() for part in text.split(";")]
    options = {"command": parts[0], "exit": 0, "head": None, "stderr": False}
    for part in parts[1:]:
        words = part.split()
        if words[:1] == ["exit"] and len(words) == 2 and words[1].isdigit():
            options["exit"] = int(words[1])
        elif words[:1] == ["head"] and len(words) == 2 and words[1].isdigit():
            options["head"] = int(words[1])
        elif words == ["stderr"]:
            options["stderr"] = True
        else:
            raise SystemExit(f"readme-samples: unknown option '{part}' in sample marker '{text}'")
    return options


def run(options):
    env = dict(os.environ)
    env["PATH"] = os.path.abspath(".build/release") + os.pathsep + env.get("PATH", "")
    result = subprocess.run(
        ["bash", "-c", options["command"]], capture_output=True, text=True, env=env, timeout=600)
    output = result.stderr if options["stderr"] else result.stdout
    lines = output.rstrip("\n").split("\n")
    if options["head"] is not None:
        lines = lines[: options["head"]]
    while lines and lines[-1].strip() == "":
        lines.pop()
    return result.returncode, lines, result.stderr


def main():
    update = "--update" in sys.argv[1:]
    # Only the prose figures against the samples as written (runs nothing): for editing the prose.
    figures_only = "--figures-only" in sys.argv[1:]
    lines = open(README, encoding="utf-8").read().split("\n")
    failures = []
    checked = 0
    index = 0
    out = []
    pending = None  # the marker just seen, waiting for its block
    sample_outputs = []
    prose = []  # (line number, text) outside every code block
    while index < len(lines):
        line = lines[index]
        match = MARKER.match(line)
        if match:
            pending = (match.group(1), match.group(2), index + 1)
            out.append(line)
            index += 1
            continue
        if line.startswith("```") and line.rstrip() not in ("```", "```text"):
            # Code in a language: copied as it is, neither output nor prose.
            end = index + 1
            while end < len(lines) and not lines[end].startswith("```"):
                end += 1
            out.extend(lines[index : end + 1])
            index = end + 1
            pending = None
            continue
        if line.rstrip() in ("```", "```text"):
            end = index + 1
            while end < len(lines) and not lines[end].startswith("```"):
                end += 1
            block = lines[index + 1 : end]
            if pending is None:
                failures.append(f"README.md:{index + 1}: an output block without a sample or not-output marker above it")
            elif pending[0] == "sample":
                options = parse_marker(pending[1])
                if figures_only:
                    status, produced, errors = options["exit"], block, ""
                else:
                    status, produced, errors = run(options)
                checked += 1
                label = f"README.md:{index + 1}: `{options['command']}`"
                if status != options["exit"]:
                    failures.append(f"{label} exited {status}, the README says {options['exit']}\n{errors.strip()[:2000]}")
                timed = [text for text in produced if TIMING.search(text)]
                if timed:
                    failures.append(f"{label} prints a timing, which a README sample must not show: {timed[0]!r}")
                if produced != block and status == options["exit"]:
                    if update:
                        block = produced
                    else:
                        diff = "\n".join(difflib.unified_diff(block, produced, "README", "output", lineterm="", n=1))
                        failures.append(f"{label} no longer prints what the README shows:\n{diff}")
            if pending is not None and pending[0] == "sample":
                sample_outputs.extend(block)
            out.append(line)
            out.extend(block)
            out.append(lines[end] if end < len(lines) else "```")
            index = end + 1
            pending = None
            continue
        prose.append((index + 1, line))
        if line.strip() != "":
            pending = None if not line.startswith("<!--") else pending
        out.append(line)
        index += 1
    if update:
        open(README, "w", encoding="utf-8").write("\n".join(out))
    printed = "\n".join(sample_outputs)
    exempt = False
    for number, text in prose:
        if text.startswith("<!-- figures:"):
            exempt = True  # up to the next blank line
            continue
        if text.strip() == "":
            exempt = False
        if exempt:
            continue
        for figure in FIGURE.findall(re.sub(r"`[^`]*`", "", text)):
            if not re.search(r"(?<![\d.])" + re.escape(figure) + r"(?![\d%])" if not figure.endswith("%") else r"(?<![\d.])" + re.escape(figure), printed):
                failures.append(f"README.md:{number}: the figure {figure} is in no sample's output; quote the table or mark the line")
    for failure in failures:
        print(f"readme-check: {failure}\n", file=sys.stderr)
    if checked == 0:
        failures.append("no sample markers found")
        print("readme-check: no sample markers found in README.md", file=sys.stderr)
    print(f"readme-check: {checked} samples {'rewritten' if update else 'checked'}, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
