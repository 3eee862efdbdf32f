"""`org --province`: a province's real units (from 1/7/2025) as hierarchy TOML to extend."""

from __future__ import annotations

import argparse
from typing import TextIO

from obligations.org.national import find_province, load_national, national_units
from obligations.render.hierarchy_toml import province_head, units_toml


def run(args: argparse.Namespace, out: TextIO) -> int:
    national = load_national()
    code = find_province(national, args.province)
    out.write(units_toml(national_units(national, {code}), province_head(national.province_name(code), code, national.source, args.lang)))
    return 0
