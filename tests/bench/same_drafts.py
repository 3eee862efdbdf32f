"""Do two trees draft the same? (a speed change must not change a single byte of any draft)

    python tests/bench/same_drafts.py HEAD~1          # that commit's tree against this one
    python tests/bench/same_drafts.py HEAD~1 --big    # also the bench's 100-page .docx and 2.5 MB of text

Drafts every document of the corpus (tests/extract/documents/*.txt|.docx|.pdf, never a held-out
``z-`` file), the seeds and the sentence corpus's sentences in each tree (a fresh child process
per tree, run in that tree), as TOML, JSON and hierarchy stub, and prints only which inputs differ:
the drafts themselves are not shown (the held-out parts' drafts are not to be read).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
ROOT = HERE.parent.parent

_CHILD = """
import hashlib, json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import obligations
assert Path(obligations.__file__).resolve().is_relative_to(Path(sys.argv[1]).resolve()), obligations.__file__
from obligations.base import paths
from obligations.calendar.data import load_calendar_data
from obligations.extract import extract, extract_text
from obligations.extract.writer import org_stub, to_json, to_toml
commemorations = load_calendar_data(paths.calendars_dir()).commemorations
digests = {}
def digest(draft):
    return hashlib.sha256("\\x00".join((to_toml(draft), to_json(draft), org_stub(draft))).encode()).hexdigest()
for name in sys.argv[3:]:
    digests[name] = digest(extract(Path(name), commemorations))
for i, text in enumerate(json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))):
    digests[f"sentence {i + 1}"] = digest(extract_text(text, "corpus.txt", commemorations))
print(json.dumps(digests))
"""


def inputs(tmp: Path, big: bool) -> list[Path]:
    docs = sorted(p for p in (ROOT / "tests" / "extract" / "documents").iterdir()
                  if p.suffix in (".txt", ".docx", ".pdf") and not p.name.startswith("z-"))
    files = docs + sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))
    if big:
        from bench import _docx_of_pages, _seed_text

        _docx_of_pages(tmp / "100-trang.docx")
        text = _seed_text()
        (tmp / "2.5.txt").write_text(text * (int(2.5 * 1024 * 1024) // len(text.encode()) + 1), encoding="utf-8")
        files += [tmp / "100-trang.docx", tmp / "2.5.txt"]
    return files


def sentences(tmp: Path) -> Path:
    corpus = tomllib.loads((ROOT / "tests" / "extract" / "corpus" / "corpus.toml").read_text(encoding="utf-8"))
    texts = [str(entry.get("text", "")) for entry in next(iter(v for v in corpus.values() if isinstance(v, list)))]
    path = tmp / "sentences.json"
    path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    return path


def drafts(tree: Path, files: list[Path], texts: Path) -> dict[str, str]:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(tree), str(texts), *map(str, files)], cwd=tree,
                         capture_output=True, text=True, env={"OBLIGATIONS_CACHE": "off", "PATH": "/usr/bin:/bin"})
    if out.returncode != 0:
        raise SystemExit(f"drafting in {tree} failed:\n{out.stderr[-3000:]}")
    return dict(json.loads(out.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("against", help="a commit (its tree is exported with git archive)")
    parser.add_argument("--big", action="store_true", help="also the bench's large inputs")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="obligations-same-drafts-"))
    try:
        other = tmp / "tree"
        other.mkdir()
        archive = subprocess.run(["git", "archive", args.against], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(other)], input=archive, check=True)
        files = inputs(tmp, args.big)
        texts = sentences(tmp)
        before, after = drafts(other, files, texts), drafts(ROOT, files, texts)
        differ = [name for name in before if before[name] != after.get(name)]
        for name in differ:
            print(f"DIFFERS: {Path(name).name}")
        print(f"{len(before) - len(differ)} of {len(before)} inputs drafted byte-identically "
              f"({args.against} against this tree)")
        sys.exit(1 if differ else 0)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
