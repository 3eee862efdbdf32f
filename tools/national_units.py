"""Write obligations/org/data/units-2025-07-01.json from the `vietnam-provinces` package.

    pip install -e '.[provinces]'
    python tools/national_units.py

The 34 provinces and the 3,321 communes, wards and special zones in force from 1/7/2025
(Nghị quyết 202/2025/QH15 and the Standing Committee's resolutions on the communes), as
the package publishes them: official code, name, kind. The program reads the written file,
never the package: `due` and `org --province` then need no dependency at run time, the data
cannot change under a user by an upgrade of the package, and reading one compact JSON file
costs less than importing the package's enums. tests/test_national_units.py compares the
file with the installed package.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "obligations" / "org" / "data" / "units-2025-07-01.json"


def build() -> dict[str, object]:
    import vietnam_provinces as vp
    from vietnam_provinces import Province, Ward

    provinces = sorted(([int(p.code), p.name, p.division_type.value] for p in Province.iter_all()))
    communes = sorted(([int(w.code), w.name, w.division_type.value, int(w.province_code)] for w in Ward.iter_all()))
    return {
        "source": f"vietnam-provinces {vp.__version__}, {vp.__data_version__}",
        "valid_from": "2025-07-01",
        "provinces": provinces,     # [code, name, kind]
        "communes": communes,       # [code, name, kind, province code]
    }


def main() -> int:
    text = json.dumps(build(), ensure_ascii=False, separators=(",", ":"))
    OUT.write_text(text.replace("],[", "],\n[") + "\n", encoding="utf-8")
    print(f"wrote {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
