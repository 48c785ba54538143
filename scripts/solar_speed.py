#!/usr/bin/env python3
"""pvlib's time for the pipeline twin-core's sun path benchmark measures (benches/sun.rs), in
process: for one site-year of UTC hours, SPA (numpy) + Spencer extraterrestrial irradiance +
Kasten-Young air mass + Ineichen clear sky + isotropic plane of array; and the same for 100 sites
(sites differ in latitude and longitude; pvlib computes each site's SPA in full).

Reproduce (prints the best of 5 runs, seconds):
    python3 -m venv /tmp/pvenv && /tmp/pvenv/bin/pip install pvlib==0.16.1
    /tmp/pvenv/bin/python scripts/solar_speed.py
"""

import time

import pandas as pd
import pvlib

TIMES = pd.date_range("2025-01-01", periods=8760, freq="1h", tz="UTC")


def site_year(lat, lon, elev=50.0):
    pressure = pvlib.atmosphere.alt2pres(elev)
    sp = pvlib.solarposition.spa_python(TIMES, lat, lon, altitude=elev, pressure=pressure, temperature=12.0, delta_t=69.0)
    dni_extra = pvlib.irradiance.get_extra_radiation(TIMES)
    am_rel = pvlib.atmosphere.get_relative_airmass(sp["apparent_zenith"])
    am_abs = pvlib.atmosphere.get_absolute_airmass(am_rel, pressure)
    cs = pvlib.clearsky.ineichen(sp["apparent_zenith"], am_abs, 3.0, altitude=elev, dni_extra=dni_extra).fillna(0.0)
    poa = pvlib.irradiance.get_total_irradiance(
        30.0, 180.0, sp["apparent_zenith"], sp["azimuth"], cs["dni"], cs["ghi"], cs["dhi"], albedo=0.2, model="isotropic"
    )
    return poa["poa_global"].fillna(0.0).sum()


def best(f, runs=5):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    one = best(lambda: site_year(59.89, 10.52))
    sites = [(58.0 + 0.1 * i, 5.0 + 0.15 * i) for i in range(100)]
    hundred = best(lambda: [site_year(lat, lon) for lat, lon in sites], runs=2)
    print(f"pvlib {pvlib.__version__}: one site-year {one * 1e3:.1f} ms, 100 site-years {hundred:.2f} s")


if __name__ == "__main__":
    main()
