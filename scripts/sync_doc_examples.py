#!/usr/bin/env python3
"""Mirror every ```swift block of README.md and Docs/*.md into Swift Testing tests.

Each Markdown file gets one generated file, Tests/ObjectivesTests/DocExamples/<Name>DocExamples.swift,
with one test per example: the block's code, verbatim, inside a throwing test function, so that
`swift test` compiles and runs every snippet the documentation shows. The test
`DocExamplesSyncTests` fails when a generated file no longer mirrors its Markdown; run

    python3 scripts/sync_doc_examples.py           # rewrite the generated files
    python3 scripts/sync_doc_examples.py --check   # exit 1 if they are out of date

Directives, in an HTML comment right before a block (invisible on GitHub):

    <!-- example: setup
    let predictions: [Double] = [2.5, 0.0, 2.1]
    -->                                 code run before the block, not shown to readers

    <!-- example: continue -->          the block goes on in the previous block's scope

    <!-- example: compile-only -->      compiled but not run (it writes files, or loops long)

Words may be combined (`<!-- example: continue compile-only -->`); `setup` takes the lines that
follow it up to `-->`. `import` lines of a block are hoisted to the top of the generated file.
A file whose examples import `_Differentiation` is wrapped in `#if canImport(_Differentiation)`, so
the tests still build on a toolchain without Swift's automatic differentiation.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests" / "ObjectivesTests" / "DocExamples"
INDENT = "    "


def documents():
    yield ROOT / "README.md"
    yield from sorted((ROOT / "Docs").glob("*.md"))


def examples(path):
    """The swift blocks of one Markdown file: (line, directives, setup lines, code lines)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    found, pending_words, pending_setup = [], set(), []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^<!--\s*example:\s*(.*?)\s*(-->)?\s*$", line)
        if m:
            pending_words = set(m.group(1).split())
            pending_setup = []
            if not m.group(2):
                i += 1
                while i < len(lines) and lines[i].strip() != "-->":
                    pending_setup.append(lines[i])
                    i += 1
            i += 1
            continue
        if line.strip() == "```swift":
            start = i + 1
            i += 1
            body = []
            while i < len(lines) and lines[i].strip() != "```":
                body.append(lines[i])
                i += 1
            found.append((start, pending_words, pending_setup, body))
            pending_words, pending_setup = set(), []
        elif line.strip() and not line.startswith("<!--"):
            pending_words, pending_setup = set(), []
        i += 1
    return found


STATEMENT_KEYWORDS = (
    "let ", "var ", "for ", "if ", "func ", "struct ", "enum ", "class ", "do ", "do{", "guard ", "return",
    "while ", "import ", "print(", "}", "{", "_ =", "discard(", "break", "continue", "switch ", "case ", "default",
)


def balanced(text):
    depth = 0
    for ch in text:
        depth += ch in "([{"
        depth -= ch in ")]}"
    return depth == 0


def discard_results(body):
    """Wraps the block's one-line, top-level expression statements (`loss.compute()   // …`) in
    `discard(…)`: they read well in the docs but would warn as unused results in a test."""
    out, depth = [], 0
    for line in body:
        code = line.split("//")[0].rstrip()
        if (
            depth == 0
            and code
            and not line[0].isspace()
            and not code.startswith(STATEMENT_KEYWORDS)
            and re.match(r"^(try\??\s+)?[A-Za-z_][A-Za-z0-9_]*(\.|\(|\[|\?|!|$)", code)
            and not re.search(r"(?<![=!<>])=(?!=)", code)
            and not code.endswith(("{", "(", ",", "[", "+", "-", "*", "/", "|"))
            and balanced(code)
        ):
            line = f"discard({code})" + line[len(code):]
        for ch in code:
            depth += ch in "([{"
            depth -= ch in ")]}"
        out.append(line)
    return out


def type_name(path):
    stem = "Readme" if path.name == "README.md" else path.stem
    return re.sub(r"[^A-Za-z0-9]", "", stem.title())


def relative(path):
    return path.relative_to(ROOT).as_posix()


def generate(path):
    rel = relative(path)
    groups = []  # each: {"line", "compile_only", "parts": [(line, setup, body)]}
    for line, words, setup, body in examples(path):
        unknown = words - {"setup", "continue", "compile-only"}
        if unknown:
            sys.exit(f"{rel}:{line}: unknown example directive {sorted(unknown)}")
        if "continue" in words and groups:
            groups[-1]["parts"].append((line, setup, body))
            groups[-1]["compile_only"] |= "compile-only" in words
        else:
            groups.append({"line": line, "compile_only": "compile-only" in words, "parts": [(line, setup, body)]})
    if not groups:
        return None
    imports = {"import Foundation", "import Objectives", "import Testing"}
    for g in groups:
        for _, setup, body in g["parts"]:
            imports |= {l.strip() for l in setup + body if l.startswith("import ")}
    name = type_name(path)
    out = [
        "// swift-format-ignore-file",
        f"// Generated by scripts/sync_doc_examples.py from {rel}: do not edit by hand. Edit the",
        "// Markdown, then run `python3 scripts/sync_doc_examples.py`.",
        *sorted(imports),
        "",
        "/// Swallows the examples' printing, so that the test output stays readable.",
        "private func print(_ items: Any..., separator: String = \" \", terminator: String = \"\\n\") {}",
        "",
        "/// Uses a value that the Markdown shows in a comment.",
        "private func discard<T>(_ value: T) {}",
        "",
        f'@Suite("Examples in {rel}")',
        f"struct {name}DocExamples {{",
    ]
    for g in groups:
        if g["compile_only"]:
            out.append(f"  /// Compiled, not run (`compile-only` in {rel}).")
        else:
            out.append(f'  @Test("{rel}:{g["line"]}")')
        out.append(f"  func example{g['line']}() throws {{")
        for line, setup, body in g["parts"]:
            if setup:
                out.append(f"    // setup {rel}:{line}")
                out += [INDENT + l if l.strip() else "" for l in setup]
            out.append(f"    // example {rel}:{line}")
            code = discard_results([l for l in body if not l.startswith("import ")])
            out += [INDENT + l if l.strip() else "" for l in code]
            out.append(f"    // end {rel}:{line}")
        names = []
        for _, setup, body in g["parts"]:
            for l in setup + body:
                m = re.match(r"^let (?:\(([A-Za-z_][\w, ]*)\)|([A-Za-z_]\w*))", l)
                if m:
                    names += [n.strip() for n in (m.group(1) or m.group(2)).split(",") if n.strip() != "_"]
        if names:
            out.append("    " + "; ".join(f"discard({n})" for n in names))  # no unused-value warnings
        out.append("  }")
        out.append("")
    out[-1] = "}"
    if "import _Differentiation" in imports:
        out.insert(3, "#if canImport(_Differentiation)")
        out.append("#endif")
    return "\n".join(out) + "\n"


def main():
    check = "--check" in sys.argv[1:]
    expected = {}
    for path in documents():
        text = generate(path)
        if text is not None:
            expected[OUT / f"{type_name(path)}DocExamples.swift"] = text
    stale = []
    existing = set(OUT.glob("*DocExamples.swift")) if OUT.exists() else set()
    for target, text in expected.items():
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            stale.append(target)
            if not check:
                OUT.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
    for orphan in existing - set(expected):
        stale.append(orphan)
        if not check:
            orphan.unlink()
    for s in stale:
        print(("out of date: " if check else "wrote: ") + relative(s))
    if check and stale:
        sys.exit(1)


if __name__ == "__main__":
    main()
