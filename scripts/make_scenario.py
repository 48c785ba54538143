#!/usr/bin/env python3
"""Writes a scenario file (scenarios/NAME.ron) from ../shared/reference (domain-data.md and geo/).

Run once per municipality to create its file; from then on the RON file is the source of truth
that planners edit. The script documents how the district figures were derived: district
populations, codes, centres and areas come from the SSB delområder in geo/NAME.geojson
(Kartverket CC BY 4.0, SSB NLOD); everything the reference gives only for the whole
municipality is split over districts by the assumptions in CONFIG below, repeated as comments
in scripts/NAME_*.ron.in and so in the generated file.

Usage: python3 scripts/make_scenario.py NAME ../shared/reference/geo > /tmp/NAME.ron
       python3 scripts/lift_sources.py /tmp/NAME.ron > /tmp/NAME2.ron
       python3 scripts/add_inventory.py /tmp/NAME2.ron NAME > scenarios/NAME.ron
where NAME is baerum, alesund, traena or trondheim.
"""

import json
import math
import pathlib
import sys

AGE_SPLIT = [  # share of residential floor area by construction period (E: Norwegian stock profile)
    ("pre1970", 0.30),
    ("1971_1986", 0.25),
    ("1987_1996", 0.11),
    ("1997_2006", 0.12),
    ("2007_2015", 0.12),
    ("post2016", 0.10),
]
# Delivered kWh/m²/yr detached / block by period: domain-data §3.5 "Age-class defaults" (E).
DELIVERED = {
    "pre1970": (230, 190),
    "1971_1986": (205, 170),
    "1987_1996": (185, 155),
    "1997_2006": (165, 140),
    "2007_2015": (135, 115),
    "post2016": (110, 95),
}
PERIOD_TEXT = {
    "pre1970": "before 1970",
    "1971_1986": "1970–1986",
    "1987_1996": "1987–1996 (TEK87)",
    "1997_2006": "1997–2006 (TEK97)",
    "2007_2015": "2007–2015 (TEK07/TEK10)",
    "post2016": "2016 and later (TEK17)",
}

CONFIG = {
    "baerum": {
        "geo": "baerum.geojson",
        # SSB 2022 114 m² per dwelling (17,500 kWh ÷ 154 kWh/m², S, §3.5) ÷ 2.4 persons (E, §5)
        "residential_m2_per_capita": 47.5,
        # Apartment-block share of residential floor area (E: denser centres along E18 and at
        # Fornebu; forest and rural districts mostly detached). Row houses come on top.
        "apartment_share": {
            "Sandvika - Valler": 0.55, "Lysaker": 0.50, "Snarøya": 0.45, "Slependen - Tanum": 0.35,
            "Rykkinn": 0.35, "Stabekk": 0.30, "Østre Bærumsmarka": 0.05, "Kirkerud - Sollihøgda": 0.10,
            "Lommedalen": 0.15,
        },
        "default_apartment_share": 0.25,
        # Non-residential floor area, m² (E, see the file header).
        "services_m2": {"office": 2_000_000, "retail": 700_000, "other_commercial": 700_000},
        "public_m2": {"school": 300_000, "care": 150_000, "other_public": 150_000},
        # Share of services floor area by district (E: office clusters Fornebu (in Snarøya),
        # Lysaker, Sandvika, Slependen); the rest is split by population.
        "services_weight": {
            "Snarøya": 0.25, "Lysaker": 0.20, "Sandvika - Valler": 0.20, "Slependen - Tanum": 0.08,
            "Høvik": 0.04, "Stabekk": 0.04,
        },
        # District-heating share of floor area (E: Fornebu–Lysaker–Lilleaker network [B6]; ≈8 % of heat).
        "dh_share": {"Snarøya": 0.38, "Lysaker": 0.35, "Stabekk": 0.04, "Høvik": 0.04},
        "air_to_air_base": 0.42,  # E: heat pumps in ≈45 % of small houses (§5)
        "cars_per_capita": 0.48,  # E: SSB fleet end 2023 ≈2.6 M private cars / 5.5 M inhabitants
        "ev_share": 0.32,  # E: §5 28 % (2024) + ≈4 pp/yr
        "pv_potential_kwp_per_capita": 2.5,  # E: see the file header
        "pv_installed_kwp_per_capita": 0.08,  # E: see the file header
    },
    "alesund": {
        "geo": "alesund.geojson",
        "residential_m2_per_capita": 47.5,  # as Bærum (E; 2.2 persons per household, §5)
        # E: the town centre on Aspøy and Nørvøy is dense; islands and former Skodje/Ørskog rural.
        "apartment_share": {
            "Aspøy": 0.50, "Nørvøy Ytre": 0.40, "Hessøy": 0.40, "Nørvøy Indre": 0.35, "Nørvasund": 0.30,
            "Åse - Lerstad": 0.30, "Sandøy": 0.05, "Ørskog": 0.10, "Skodje": 0.12, "Ellingsøy": 0.10,
            "Emblem": 0.08,
        },
        "default_apartment_share": 0.20,
        # E: services ≈350 GWh/yr (§2.2) at ≈230 kWh/m².
        "services_m2": {"office": 550_000, "retail": 500_000, "other_commercial": 400_000},
        "public_m2": {"school": 150_000, "care": 100_000, "other_public": 100_000},
        # E: centre (Aspøy, Nørvøy) and the Moa shopping area (Åse - Lerstad, Spjelkavik).
        "services_weight": {"Aspøy": 0.25, "Nørvøy Ytre": 0.10, "Åse - Lerstad": 0.25, "Spjelkavik": 0.10},
        # E: the Grautneset network covers the town centre (> 25 % of its heat, [A7]); ≈20 % of
        # the municipality's building heat (§5).
        "dh_share": {
            "Aspøy": 0.60, "Nørvøy Ytre": 0.45, "Hessøy": 0.35, "Nørvøy Indre": 0.30, "Nørvasund": 0.20,
            "Åse - Lerstad": 0.20, "Spjelkavik": 0.10,
        },
        "air_to_air_base": 0.45,  # E: heat-pump penetration 50 % of small houses (§5)
        "cars_per_capita": 0.50,  # E: more cars per resident outside the Oslo region
        "ev_share": 0.31,  # E: §5 27 % (2024) + ≈4 pp/yr (Møre og Romsdal has the highest new-car share)
        "pv_potential_kwp_per_capita": 2.0,  # E: less sun than Bærum (GHI ≈760 kWh/m², §3.3)
        "pv_installed_kwp_per_capita": 0.04,  # E
    },
    "traena": {
        "geo": "traena.geojson",
        # SSB 2022 114 m² per dwelling (S, §3.5) ÷ 2.1 persons (E, §5) ≈ 54; islands: E 52.
        "residential_m2_per_capita": 52.0,
        "apartment_share": {},
        "default_apartment_share": 0.05,  # E: a few small blocks on Husøy
        # E: services ≈3 GWh/yr (§2.2) at ≈230 kWh/m²: shop, hotel and the fish plant's offices.
        "services_m2": {"office": 2_000, "retail": 2_500, "other_commercial": 8_500},
        # E: school, care home and the municipal hall.
        "public_m2": {"school": 2_500, "care": 1_500, "other_public": 1_500},
        "services_weight": {},
        "dh_share": {},
        "air_to_air_base": 0.45,  # E: heat pumps in ≈50 % of small houses (§5)
        "cars_per_capita": 0.40,  # E: short island roads
        "ev_share": 0.22,  # E: §5 20 % (2024) + ≈2 pp/yr
        "pv_potential_kwp_per_capita": 1.8,  # E: little sun in winter at 66.5° N (§3.3)
        "pv_installed_kwp_per_capita": 0.02,  # E
    },
    "trondheim": {
        "geo": "trondheim.geojson",
        "residential_m2_per_capita": 47.5,  # as Bærum (E; §3.5 and §5)
        # E: the centre and the old inner districts are dense; Byneset, Klæbu, Jonsvatnet rural.
        "apartment_share": {
            "Midtbyen": 0.60, "Ila - Trolla": 0.50, "Øya - Singsaker": 0.50, "Rosenborg - Møllenberg": 0.55,
            "Lademoen": 0.55, "Lade": 0.45, "Berg - Tyholt": 0.35, "Nardo": 0.35, "Nidarvoll - Leira": 0.35,
            "Strindheim": 0.30, "Sverresborg": 0.30, "Heimdal": 0.30, "Tiller - Hårstad": 0.30,
            "Flatåsen - Saupstad": 0.35, "Risvollan - Othilienborg": 0.30, "Åsvang - Stokkan": 0.25,
            "Jonsvatnet": 0.02, "Bratsberg": 0.02, "Byneset - Leinstrand": 0.05, "Klæbu": 0.10,
        },
        "default_apartment_share": 0.20,
        # E: services ≈ 0.8 × households' energy (§2.2) at ≈230 kWh/m².
        "services_m2": {"office": 2_000_000, "retail": 1_300_000, "other_commercial": 1_200_000},
        # E: NTNU, St. Olavs hospital, schools and nursing homes.
        "public_m2": {"school": 650_000, "care": 350_000, "other_public": 300_000},
        # E: Midtbyen; Lade and Leangen (Lade); Sluppen (Nidarvoll - Leira); Tiller (City Syd);
        # Øya (St. Olavs, NTNU Gløshaugen); Heimdal centre.
        "services_weight": {
            "Midtbyen": 0.22, "Lade": 0.10, "Nidarvoll - Leira": 0.08, "Tiller - Hårstad": 0.08,
            "Øya - Singsaker": 0.08, "Heimdal": 0.04,
        },
        # E: the network covers the centre and the main corridors; ≈30 % of the city's heat [TR1].
        "dh_share": {
            "Midtbyen": 0.68, "Øya - Singsaker": 0.59, "Rosenborg - Møllenberg": 0.5, "Lademoen": 0.45,
            "Lade": 0.45, "Ila - Trolla": 0.41, "Nardo": 0.36, "Berg - Tyholt": 0.32, "Nidarvoll - Leira": 0.36,
            "Strindheim": 0.27, "Heimdal": 0.36, "Tiller - Hårstad": 0.32, "Sverresborg": 0.18, "Byåsen": 0.14,
            "Åsvang - Stokkan": 0.23, "Risvollan - Othilienborg": 0.32, "Flatåsen - Saupstad": 0.27,
            "Charlottenlund - Jakobsli": 0.09, "Ranheim": 0.14, "Sjetne - Okstad": 0.09, "Hallset": 0.09,
        },
        "air_to_air_base": 0.42,  # E: heat pumps in ≈45 % of small houses (§5)
        "cars_per_capita": 0.42,  # E: a city with good public transport
        "ev_share": 0.30,  # E: national 24 % end 2023 + ≈4 pp/yr (§3.7)
        "pv_potential_kwp_per_capita": 2.0,  # E
        "pv_installed_kwp_per_capita": 0.04,  # E
    },
}


def ring_area_km2(ring, lat0):
    k = 111.32
    xs = [p[0] * k * math.cos(math.radians(lat0)) for p in ring]
    ys = [p[1] * k for p in ring]
    a = 0.0
    for i in range(len(ring) - 1):
        a += xs[i] * ys[i + 1] - xs[i + 1] * ys[i]
    return a / 2.0


def polygons(geom):
    return [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]


def area_and_centre(geom, lat0):
    total, cx, cy = 0.0, 0.0, 0.0
    for poly in polygons(geom):
        for i, ring in enumerate(poly):
            a = ring_area_km2(ring, lat0)
            # Vertex mean is a good enough centre for label placement.
            mx = sum(p[0] for p in ring) / len(ring)
            my = sum(p[1] for p in ring) / len(ring)
            total += a
            if i == 0:
                cx += mx * abs(a)
                cy += my * abs(a)
    outer = sum(abs(ring_area_km2(p[0], lat0)) for p in polygons(geom))
    return abs(total), cy / outer, cx / outer


def fmt(x):
    return f"{x:.0f}.0" if abs(x - round(x)) < 1e-9 else f"{x}"


def main():
    name = sys.argv[1]
    cfg = CONFIG[name]
    geo = json.load(open(pathlib.Path(sys.argv[2]) / cfg["geo"], encoding="utf-8"))
    # The finest level (Trondheim also has bydeler, which the delområder make up).
    districts = [
        f for f in geo["features"] if f["properties"]["kind"] == "district" and f["properties"]["level"] == "delomrade"
    ]
    pop_total = sum(f["properties"]["population"] for f in districts)
    weights = cfg["services_weight"]
    rest_weight = 1.0 - sum(weights.values())
    pop_rest = sum(f["properties"]["population"] for f in districts if f["properties"]["name"] not in weights) or 1
    lat0 = sum(f["geometry"]["coordinates"][0][0][1] if f["geometry"]["type"] == "Polygon" else f["geometry"]["coordinates"][0][0][0][1] for f in districts) / len(districts)

    out = []
    w = out.append
    for f in districts:
        p = f["properties"]
        dname, pop = p["name"], p["population"]
        area, lat, lon = area_and_centre(f["geometry"], lat0)
        apt = cfg["apartment_share"].get(dname, cfg["default_apartment_share"])
        res_m2 = pop * cfg["residential_m2_per_capita"]
        # Row and two-family houses (≈20 %, E) are split half to each type: the reference gives
        # specific energy for detached houses and blocks only.
        type_share = {"detached": 0.9 - apt, "apartment": apt + 0.1}
        floor = {}
        for t, ts in type_share.items():
            for period, ps in AGE_SPLIT:
                floor[f"{t}_{period}"] = round(res_m2 * ts * ps)
        sw = weights.get(dname, rest_weight * pop / pop_rest)
        for k, m2 in cfg["services_m2"].items():
            floor[k] = round(m2 * sw)
        for k, m2 in cfg["public_m2"].items():
            floor[k] = round(m2 * pop / pop_total)
        dh = cfg["dh_share"].get(dname, 0.0)
        rest = 1.0 - dh
        # Remaining heat by system (E: domain-data §5 heat-pump penetration of small houses;
        # electricity ≈ 80–90 % of household energy [N4]); apartments lower the air-to-air share.
        aa = round(rest * (cfg["air_to_air_base"] - 0.3 * apt), 4)
        aw = round(rest * 0.04, 4)
        gs = round(rest * 0.04, 4)
        bio = round(rest * 0.05, 4)
        de = round(1.0 - dh - aa - aw - gs - bio, 4)
        w(f"        // {dname} ({p['code']}): {pop} residents (SSB 04317 via geo/{cfg['geo']})")
        w("        (")
        w(f'            name: "{dname}",')
        w(f'            code: "{p["code"]}",')
        w(f"            latitude_deg: {lat:.4f},")
        w(f"            longitude_deg: {lon:.4f},")
        w(f"            area_km2: {area:.2f},")
        w(f"            population: {fmt(pop)},")
        w("            floor_area_m2: {")
        items = list(floor.items())
        for i in range(0, len(items), 6):
            w("                " + " ".join(f'"{k}": {fmt(v)},' for k, v in items[i : i + 6]))
        w("            },")
        w(f"            heating_shares: (district_heating: {dh}, air_to_air_heat_pump: {aa}, air_to_water_heat_pump: {aw}, ground_source_heat_pump: {gs}, direct_electric: {de}, bio: {bio}, oil: 0.0),")
        w(f"            rooftop_pv_potential_kwp: {fmt(round(pop * cfg['pv_potential_kwp_per_capita']))},")
        w(f"            pv_installed_kwp: {fmt(round(pop * cfg['pv_installed_kwp_per_capita']))},")
        w(f"            cars: {fmt(round(pop * cfg['cars_per_capita']))},")
        w(f"            ev_share: {cfg['ev_share']},")
        w("        ),")
    classes = []
    for t in ["detached", "apartment"]:
        btype = {"detached": "Detached", "apartment": "Apartment"}[t]
        for period, _ in AGE_SPLIT:
            det, blk = DELIVERED[period]
            total = {"detached": det, "apartment": blk}[t]
            classes.append((f"{t}_{period}", btype, PERIOD_TEXT[period], total, period not in ("2007_2015", "post2016")))
    here = pathlib.Path(__file__).resolve().parent
    template = lambda part: (here / f"{name}_{part}.ron.in").read_text(encoding="utf-8")
    sys.stdout.write(template("head"))
    for cid, btype, period, total, retro in classes:
        sh, hw, app = 0.60 * total, 0.15 * total, 0.25 * total
        sys.stdout.write(
            f'        (id: "{cid}", building_type: {btype}, period: "{period}", space_heat_kwh_per_m2: {sh:.1f}, '
            f"hot_water_kwh_per_m2: {hw:.2f}, appliances_kwh_per_m2: {app:.2f}, retrofittable: {str(retro).lower()}),\n"
        )
    sys.stdout.write(template("nonres"))
    sys.stdout.write("\n".join(out) + "\n")
    sys.stdout.write(template("tail"))


if __name__ == "__main__":
    main()
