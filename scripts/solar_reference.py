#!/usr/bin/env python3
"""Reference data for twin-core's solar module, computed with pvlib (pinned below).

Writes twin-core/tests/data/solar_reference.csv: for a few sites and dates, at the top of every
UTC hour, NREL SPA apparent elevation and azimuth (pvlib.solarposition.spa_python), Ineichen
clear-sky GHI/DNI/DHI (Spencer extraterrestrial irradiance, Kasten-Young 1989 air mass, pressure
from altitude) and isotropic-sky plane-of-array irradiance. The same model choices are made by
`twin solar` and twin_core::solar, and tests/solar_reference.rs checks agreement.

Reproduce:
    python3 -m venv /tmp/pvenv && /tmp/pvenv/bin/pip install pvlib==0.16.1 pandas==3.1.1 numpy==2.4.6
    /tmp/pvenv/bin/python scripts/solar_reference.py > twin-core/tests/data/solar_reference.csv
"""

import sys

import pandas as pd
import pvlib

assert pvlib.__version__ == "0.16.1", pvlib.__version__

DELTA_T_S = 69.0
TEMPERATURE_C = 12.0
# name, latitude, longitude, elevation m, tilt, surface azimuth, Linke turbidity, albedo
SITES = [
    ("baerum", 59.89, 10.52, 20.0, 30.0, 180.0, 3.0, 0.2),
    ("traena", 66.51, 12.03, 0.0, 45.0, 200.0, 2.5, 0.3),
    ("alesund", 62.47, 6.15, 10.0, 20.0, 135.0, 3.5, 0.2),
    ("golden_co", 39.742, -105.178, 1830.14, 35.0, 180.0, 4.0, 0.25),
]
DATES = [
    "2024-01-15", "2024-02-29", "2024-03-20", "2024-04-10", "2024-05-25", "2024-06-21",
    "2024-07-04", "2024-08-16", "2024-09-22", "2024-10-31", "2024-11-11", "2024-12-21",
    "2025-06-01", "2030-12-01",
]


def main():
    rows = []
    for name, lat, lon, elev, tilt, surf_az, tl, albedo in SITES:
        for day in DATES:
            times = pd.date_range(day, periods=24, freq="1h", tz="UTC")
            pressure = pvlib.atmosphere.alt2pres(elev)
            sp = pvlib.solarposition.spa_python(
                times, lat, lon, altitude=elev, pressure=pressure, temperature=TEMPERATURE_C, delta_t=DELTA_T_S
            )
            dni_extra = pvlib.irradiance.get_extra_radiation(times)
            am_rel = pvlib.atmosphere.get_relative_airmass(sp["apparent_zenith"])
            am_abs = pvlib.atmosphere.get_absolute_airmass(am_rel, pressure)
            cs = pvlib.clearsky.ineichen(sp["apparent_zenith"], am_abs, tl, altitude=elev, dni_extra=dni_extra)
            cs = cs.fillna(0.0)
            poa = pvlib.irradiance.get_total_irradiance(
                tilt, surf_az, sp["apparent_zenith"], sp["azimuth"], cs["dni"], cs["ghi"], cs["dhi"],
                albedo=albedo, model="isotropic",
            )["poa_global"].fillna(0.0)
            for t in times:
                rows.append(
                    f"{name},{lat},{lon},{elev},{tilt},{surf_az},{tl},{albedo},{DELTA_T_S},"
                    f"{t.strftime('%Y-%m-%dT%H:%M:%SZ')},{sp['apparent_elevation'][t]:.9f},{sp['azimuth'][t]:.9f},"
                    f"{cs['ghi'][t]:.9f},{cs['dni'][t]:.9f},{cs['dhi'][t]:.9f},{poa[t]:.9f}"
                )
    sys.stdout.write(
        "site,latitude_deg,longitude_deg,elevation_m,tilt_deg,surface_azimuth_deg,linke_turbidity,albedo,"
        "delta_t_s,time_utc,apparent_elevation_deg,azimuth_deg,ghi_w_m2,dni_w_m2,dhi_w_m2,poa_global_w_m2\n"
    )
    sys.stdout.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
