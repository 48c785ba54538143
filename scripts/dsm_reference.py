#!/usr/bin/env python3
"""Reference data for twin-core's dynamic stock models, computed with flodym (pinned below).

Writes twin-core/tests/data/dsm_reference.csv: for each case (a lifetime distribution, an
inflow- or stock-driven mode and a time series), the yearly inflow, outflow and stock that
flodym's InflowDrivenDSM / StockDrivenDSM give with their default conventions
(inflow in the middle of the year, one quadrature point, no truncation of the normal).
Lifetimes are written as in `twin stock --lifetime`, with `;` for the comma.
tests/dsm_reference.rs checks twin_core::dsm against it to 1e-9.

Reproduce:
    python3 -m venv /tmp/pvenv && /tmp/pvenv/bin/pip install flodym==1.1.0 numpy==2.4.6 scipy==1.17.1
    /tmp/pvenv/bin/python scripts/dsm_reference.py > twin-core/tests/data/dsm_reference.csv
"""

import sys

import flodym as fd
import numpy as np

from importlib.metadata import version

assert version("flodym") == "1.1.0", version("flodym")

LIFETIMES = {
    "normal:40,15": lambda dims: fd.NormalLifetime(dims=dims, mean=40.0, std=15.0),
    "normal:8,6": lambda dims: fd.NormalLifetime(dims=dims, mean=8.0, std=6.0),
    "lognormal:40,15": lambda dims: fd.LogNormalLifetime(dims=dims, mean=40.0, std=15.0),
    "weibull:2.5,60": lambda dims: fd.WeibullLifetime(dims=dims, weibull_shape=2.5, weibull_scale=60.0),
    "weibull:0.8,5": lambda dims: fd.WeibullLifetime(dims=dims, weibull_shape=0.8, weibull_scale=5.0),
    "fixed:30": lambda dims: fd.FixedLifetime(dims=dims, mean=30.0),
    "fixed:3.5": lambda dims: fd.FixedLifetime(dims=dims, mean=3.5),
}

SERIES = {
    # Yearly from 1950 to 2050.
    "yearly": np.arange(1950, 2051, dtype=float),
    # Uneven steps (five-year then yearly), as flodym allows.
    "uneven": np.array([1950, 1955, 1960, 1965, 1970, 1975, 1980, 1985, 1990, 1995, 2000] + list(range(2001, 2031)), dtype=float),
}


def pattern(years, mode):
    x = years - years[0]
    if mode == "inflow":
        return 100.0 + 2.0 * x + 30.0 * np.sin(x / 7.0)
    return 1000.0 * (1.0 + 0.02 * x) + 50.0 * np.cos(x / 9.0)


def main():
    out = ["lifetime,mode,series,year,inflow,outflow,stock"]
    for series_name, years in SERIES.items():
        dims = fd.DimensionSet(dim_list=[fd.Dimension(name="time", letter="t", items=list(years))])
        for lt_name, make in LIFETIMES.items():
            for mode in ["inflow", "stock"]:
                values = pattern(years, mode)
                if mode == "inflow":
                    dsm = fd.InflowDrivenDSM(dims=dims, lifetime_model=make(dims))
                    dsm.inflow.values[...] = values
                else:
                    dsm = fd.StockDrivenDSM(dims=dims, lifetime_model=make(dims))
                    dsm.stock.values[...] = values
                try:
                    dsm.compute()
                except Exception as e:  # a case flodym cannot solve is left out
                    print(f"skip {lt_name} {mode} {series_name}: {e}", file=sys.stderr)
                    continue
                for i, y in enumerate(years):
                    out.append(
                        f"{lt_name.replace(',', ';')},{mode},{series_name},{y:g},{float(dsm.inflow.values[i])!r},"
                        f"{float(dsm.outflow.values[i])!r},{float(dsm.stock.values[i])!r}"
                    )
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
