"""The published JSON Schemas (docs/schemas/) and the JSON documents that must satisfy them."""

import json

from obligations.base import paths


def test_schemas_dir_is_the_checkouts_docs_schemas():
    # In a checkout (these tests run in one) the schemas are docs/schemas/ at the top of the
    # repository; an installed wheel carries the same files in obligations/_bundled/schemas.
    folder = paths.schemas_dir()
    assert folder == paths._PACKAGE.parent / "docs" / "schemas"
    common = json.loads((folder / "common.json").read_text(encoding="utf-8"))
    assert common["$id"] == "urn:obligations:schema:common"
