"""The package version (one place; pyproject.toml states the same), and the version of the
shape of the JSON documents it writes."""

VERSION = "0.1.0"

# ``schema_version``, the first field of every JSON document the command line and the web
# service write (docs/schemas.md). Bumped on an incompatible change to any of them: a field
# removed, renamed or retyped, a value added to a closed vocabulary (a status, a kind), a
# document closed to fields it accepted. Adding an optional field does not bump it. The
# schemas in docs/schemas/ describe this version.
SCHEMA_VERSION = "1"
