"""The load cache keys on the code that parses, and reads back only the classes it lists.

The cache (obligations/load_cache.py) keeps loaded, validated rule files as JSON. Two ways
it could serve a wrong answer without a word: a loader edited after the cache was written
(the parse of the old code comes back), and a cache file naming a class outside its
allow-list (a file planted in a shared cache directory could make the reader build
anything). Both are tried here for real: a copy of the package is edited, and a cache file
with the right fingerprint names subprocess.Popen.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import obligations
from obligations import load_cache
from obligations.base import paths

PACKAGE = Path(obligations.__file__).parent

# Run in the copy: load the bundled data with a cache directory, print a unit's name as
# loaded (an edit of the hierarchy loader shows in it) and the cache files there.
PROBE = """
import sys
from pathlib import Path
from obligations.workspace import load
ws = load(sys.argv[2], None, sys.argv[3], cache_dir=sys.argv[1])
print(ws.hierarchy.name("xa-X"))
print(sorted(p.name for p in Path(sys.argv[1]).glob("loaded-*.json")))
"""


def _copy_package(tmp_path: Path) -> Path:
    root = tmp_path / "copy"
    shutil.copytree(PACKAGE, root / "obligations", ignore=shutil.ignore_patterns("__pycache__"))
    return root


def _probe(root: Path, cache: Path) -> tuple[str, list[str]]:
    env = dict(os.environ, PYTHONPATH=str(root), PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run([sys.executable, "-c", PROBE, str(cache), str(paths.rules_dir()),
                             str(paths.calendars_dir())], env=env,
                            capture_output=True, text=True, timeout=120, cwd=root)
    assert result.returncode == 0, result.stderr
    name, files = result.stdout.strip().splitlines()
    return name, json.loads(files.replace("'", '"'))


def test_an_edited_loader_is_a_miss_not_a_stale_parse(tmp_path):
    root = _copy_package(tmp_path)
    cache = tmp_path / "cache"
    name, files = _probe(root, cache)                       # cold: loads and writes one file
    assert name == "Đảng ủy xã X (ban hành 76-KH/ĐU)" and len(files) == 1
    assert _probe(root, cache) == (name, files)             # warm: the same file serves it
    # the hierarchy loader of the copy now suffixes every unit's name: a parse the old cache
    # file cannot hold. A key of the data and the version only would hand back the old name.
    module = root / "obligations" / "org" / "hierarchy.py"
    text = module.read_text(encoding="utf-8")
    edited = text.replace('name=item["name"],', 'name=item["name"] + " (edited)",')
    assert edited != text
    module.write_text(edited, encoding="utf-8")
    name_after, files_after = _probe(root, cache)
    assert name_after == "Đảng ủy xã X (ban hành 76-KH/ĐU) (edited)"
    assert len(files_after) == 2 and files[0] in files_after  # a miss under a new key


def test_a_comment_added_to_a_validator_is_a_miss_too(tmp_path):
    """Any edit of the code that loads or validates counts (the key does not guess which
    edits matter): here a module of the schedules package, which no test name-checks."""
    root = _copy_package(tmp_path)
    cache = tmp_path / "cache"
    _, files = _probe(root, cache)
    module = root / "obligations" / "rules" / "schedules" / "periodic.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    _, after = _probe(root, cache)
    assert len(after) == 2 and files[0] in after


def test_every_module_that_loads_is_in_the_key():
    """The modules a load imports are the ones the key reads (a new loader module in a new
    package would be left out: this test names the packages the loading path uses)."""
    listed = {Path(p).resolve() for p in load_cache.code_files()}
    code = f"""
import sys
from obligations.loading import read_inputs
read_inputs()
print("\\n".join(m.__file__ for m in list(sys.modules.values()) if (getattr(m, "__file__", None) or "").startswith({str(PACKAGE)!r})))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            env=dict(os.environ, PYTHONPATH=str(PACKAGE.parent)))
    assert result.returncode == 0, result.stderr
    used = {Path(line).resolve() for line in result.stdout.split()}
    # the package's __init__ and the cache's own readers of files are not parsing code
    used -= {PACKAGE / "__init__.py"}
    assert used and used <= listed, sorted(str(p) for p in used - listed)


def _fingerprint(rules: Path) -> str:
    from obligations.loading import locate

    rules_dirs, org_file, cal_dir = locate(rules, None, None)
    key = load_cache._key(load_cache._inputs(rules_dirs, org_file, cal_dir))
    assert key is not None
    return key


def test_the_allow_list_holds_the_loaded_classes_and_nothing_else():
    classes = load_cache._classes()
    assert all(name.startswith("obligations.") for name in classes)
    assert all(hasattr(cls, "__attrs_attrs__") for cls in classes.values())
    for foreign in ("subprocess.Popen", "os.system", "builtins.eval", "pathlib.Path"):
        assert foreign not in classes
    # what a real load produces can be written: every class in it is listed
    from obligations.loading import read_inputs

    names = {cls: name for name, cls in classes.items()}
    load_cache._encode(tuple(read_inputs()), names)        # raises TypeError for an unlisted class


def test_a_cache_file_naming_a_class_off_the_list_is_refused(tmp_path):
    """A file with the right fingerprint and a sound shape, one object of which names
    subprocess.Popen: an importer that resolves any name would run `touch` here."""
    rules = tmp_path / "rules"
    shutil.copytree(paths.rules_dir(), rules)
    fingerprint = _fingerprint(rules)
    marker = tmp_path / "ran"
    path = tmp_path / "planted.json"

    def plant(cls: str, value: dict[str, object]) -> None:
        loaded = {"$": "tuple", "v": [{"$": "obj", "c": cls, "v": value}, 1, 2]}
        path.write_text(json.dumps({"format": load_cache.FORMAT, "inputs": fingerprint, "loaded": loaded}),
                        encoding="utf-8")

    # the control: the same file naming a listed class is read back (so only the name differs)
    plant("obligations.org.hierarchy.ParentLink", {"parent": "tw"})
    found = load_cache._read(path, fingerprint)
    assert found is not None and found[0].parent == "tw"
    plant("subprocess.Popen", {"args": ["touch", str(marker)]})
    assert load_cache._read(path, fingerprint) is None
    assert not marker.exists()
    # and through the whole load: the planted file under the cache's own name is replaced
    cache = tmp_path / "cache"
    cache.mkdir()
    shutil.copy(path, cache / f"loaded-{load_cache._name(fingerprint)}.json")
    from obligations.workspace import load

    ws = load(rules, cache_dir=cache)
    assert ws.hierarchy.name("xa-X") == "Đảng ủy xã X (ban hành 76-KH/ĐU)" and not marker.exists()
