"""A TypeScript client generated from /openapi.json type-checks: what an integrator does first.

The document comes from the app in this process (no network); openapi-typescript turns it into
types and ``tsc --noEmit --strict`` checks a small client that asks GET /api/v1/units/{unit}/due
and reads ``items[].deadline`` as a string. Two broken clients (a misspelt field, the deadline
taken for a number) must be refused: they show the types are the API's, not ``any``.

Both tools come from the npm registry at the versions and integrity tests/typescript/package-lock.json
pins, installed by ``npm ci --prefix tests/typescript`` (.ci/run does it before the tests; nothing is
fetched at test time). Skipped with the reason and the fix where they are missing, except when
OBLIGATIONS_REQUIRE_TYPESCRIPT=1 (.ci/run sets it): there a missing piece fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from web_helpers import make_client  # noqa: E402

HERE = Path(__file__).resolve().parent / "typescript"
GENERATE = HERE / "node_modules" / "openapi-typescript" / "bin" / "cli.js"
TSC = HERE / "node_modules" / "typescript" / "bin" / "tsc"
# strict, no emit, the browser's fetch (lib dom), imports resolved as a bundler does ("./api")
TSC_FLAGS = ["--noEmit", "--strict", "--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler",
             "--lib", "es2022,dom"]

CLIENT = """\
import type { components, paths } from "./api";

type DueAnswer = paths["/api/v1/units/{unit}/due"]["get"]["responses"][200]["content"]["application/json"];
type DueQuery = NonNullable<paths["/api/v1/units/{unit}/due"]["get"]["parameters"]["query"]>;
type Problem = components["schemas"]["Error"];

/** The deadlines of what `unit` must do around `on` (YYYY-MM-DD), after reconciliation. */
export async function deadlines(base: string, unit: string, on: string): Promise<string[]> {
  const query: DueQuery = { on, lang: "en" };
  const url = `${base}/api/v1/units/${encodeURIComponent(unit)}/due?on=${query.on}&lang=${query.lang}`;
  const response = await fetch(url);
  if (!response.ok) {
    const problem = (await response.json()) as Problem;
    throw new Error(`${problem.error} (${problem.fix})`);
  }
  const answer = (await response.json()) as DueAnswer;
  return answer.items.map((item) => {
    const deadline: string = item.deadline;
    return deadline;
  });
}
"""

# Each broken client: what it changes in CLIENT, and what tsc must say about it.
BROKEN = {
    "a misspelt field": (("item.deadline;", "item.deadlin;"), "deadlin"),
    "the deadline taken for a number": (("const deadline: string", "const deadline: number"), "TS2322"),
}


@pytest.fixture(scope="module")
def tools() -> tuple[str, Path, Path]:
    node = shutil.which("node")
    missing = [what for what, there in (("node", node is not None), (str(GENERATE.relative_to(HERE.parent.parent)),
                                                                   GENERATE.is_file()),
                                        (str(TSC.relative_to(HERE.parent.parent)), TSC.is_file())) if not there]
    if missing:
        message = (f"the TypeScript client test needs {', '.join(missing)}: install Node.js, then run "
                   "`npm ci --prefix tests/typescript` (the versions tests/typescript/package-lock.json pins)")
        if os.environ.get("OBLIGATIONS_REQUIRE_TYPESCRIPT") == "1":
            pytest.fail(message)
        pytest.skip(message)
    assert node is not None
    return node, GENERATE, TSC


@pytest.fixture(scope="module")
def folder(tools, tmp_path_factory) -> Path:
    """The generated types (api.ts) from the app's /openapi.json, in a folder of their own."""
    node, generate, _ = tools
    here = tmp_path_factory.mktemp("typescript")
    client, _ = make_client(here / "log.sqlite3")
    with client:
        r = client.get("/openapi.json")
    assert r.status_code == 200
    (here / "openapi.json").write_text(json.dumps(r.json(), ensure_ascii=False), encoding="utf-8")
    done = subprocess.run([node, str(generate), "openapi.json", "--output", "api.ts"], cwd=here,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr + done.stdout
    return here


def tsc(tools, folder: Path, source: str) -> subprocess.CompletedProcess[str]:
    node, _, compiler = tools
    (folder / "client.ts").write_text(source, encoding="utf-8")
    return subprocess.run([node, str(compiler), *TSC_FLAGS, "client.ts"], cwd=folder, capture_output=True,
                          text=True, timeout=180)


def test_the_generated_types_name_the_versioned_due_path(folder):
    types = (folder / "api.ts").read_text(encoding="utf-8")
    assert '"/api/v1/units/{unit}/due"' in types
    assert '"/api/units/{unit}/due"' not in types        # the deprecated alias is not in the contract


def test_a_client_of_due_type_checks_strictly(tools, folder):
    done = tsc(tools, folder, CLIENT)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("broken", sorted(BROKEN))
def test_a_broken_client_is_refused(tools, folder, broken):
    (old, new), said = BROKEN[broken]
    assert old in CLIENT
    done = tsc(tools, folder, CLIENT.replace(old, new))
    assert done.returncode != 0 and said in done.stdout, done.stdout + done.stderr
