# Katalogens navn og beskrivelser på bokmål: tiltak, KPI-er og kartstørrelser.
# Keys as in the catalogue (`lever-<key>`, `lever-<key>-about`, `lever-group-<group>`,
# `kpi-<key>`, `quantity-<key>`, `inventory-<sector>`), units (`unit-<word>`) and influence levels (`influence-<key>`,
# `influence-<key>-about`); the viewer and the handout read them.

lever-retrofit_rate = Energirehabilitering per år
lever-retrofit_rate-about = Andelen av bygg som ennå ikke er rehabilitert, som etterisoleres hvert år. Gir lavere varmebehov.
lever-retrofit_depth = Besparelse per rehabilitering
lever-retrofit_depth-about = Hvor mye av oppvarmingsbehovet en rehabilitering fjerner.
lever-heat_pump_programme = Flere varmepumper
lever-heat_pump_programme-about = Andelen av boliger og bygg med panelovner og elkjel (direkte strøm) som får luft-til-vann-varmepumpe.
lever-district_heating_expansion = Utbygging av fjernvarme
lever-district_heating_expansion-about = Andelen av all oppvarmet gulvflate som kobles til fjernvarmen, først bygg med direkte strøm.
lever-pv_rollout = Solceller på tak
lever-pv_rollout-about = Hvor stor del av solcellepotensialet på takene som bygges ut.
lever-ev_share = Andel elbiler
lever-ev_share-about = Andelen elbiler i privatbilparken; resten går på bensin eller diesel.
lever-smart_charging_share = Smart lading
lever-smart_charging_share-about = Andelen av elbilladingen som flyttes fra ettermiddagen til natten, når nettet har ledig kapasitet.
lever-oil_phase_out_year = Oljefyring utfaset innen
lever-oil_phase_out_year-about = Året da den siste oljefyren er byttet ut med varmepumpe.
lever-sorting_campaign = Sorter mer avfall
lever-sorting_campaign-about = Hvor mye av det som fortsatt havner i restavfallet, som en kampanje får sortert ut. Mindre restavfall gir mindre brensel til fjernvarmen.
lever-waste_prevention = Mindre avfall
lever-waste_prevention-about = Hvor mye mindre avfall som oppstår, for eksempel mindre matsvinn.
lever-building_material_reuse = Ombruk av byggematerialer
lever-building_material_reuse-about = Andelen av materialene fra riving som brukes om igjen i nye bygg. Sparer utslipp fra produksjon.
lever-household_reuse = Mer ombruk
lever-household_reuse-about = Andelen av kasserte ting (møbler, klær, elektronikk) som går til ombruk og reparasjon i stedet for avfall.
lever-shore_power = Landstrøm til skip
lever-shore_power-about = Andelen av energien skip bruker ved kai, som kommer fra strømnettet i stedet for dieselaggregat om bord. Gir lavere utslipp fra sjøfart og mer strømbruk.
lever-zero_emission_ferries = Utslippsfrie ferjer og hurtigbåter
lever-zero_emission_ferries-about = Andelen av energien til ferjer og hurtigbåter som er strøm fra batteri i stedet for diesel.
lever-zero_emission_heavy_vehicles = Elektriske lastebiler og busser
lever-zero_emission_heavy_vehicles-about = Andelen av energien til lastebiler, busser og varebiler som er strøm i stedet for diesel.
lever-fossil_free_construction = Utslippsfrie byggeplasser
lever-fossil_free_construction-about = Andelen av energien til anleggsmaskiner som er strøm i stedet for diesel, gjennom krav i kommunens egne prosjekter.
kpi-renewable_share = Fornybar energibruk
kpi-electricity_per_capita = Strømforbruk per innbygger
kpi-residential_thermal_per_capita = Energi til oppvarming i boliger per innbygger
kpi-public_building_energy = Energibruk i offentlige bygg
kpi-ghg_per_capita = Klimagassutslipp per innbygger
kpi-modelled_ghg_per_capita = Modellerte utslipp per innbygger (energibruk)
kpi-low_carbon_vehicles = Lavutslippsbiler
kpi-demand_response = Andel kunder med laststyring
kpi-grid_peak = Høyeste timelast fra nettet
kpi-grid_peak_per_capita = Effekttopp per innbygger
kpi-pv_self_sufficiency = Egenforsyning fra solceller
kpi-ev_charging = Energi til elbillading
kpi-ev_share_of_peak = Elbillading sin andel av effekttoppen
kpi-waste_heat_share = Fjernvarme fra avfallsforbrenning
kpi-final_energy_per_capita = Energibruk per innbygger
kpi-total_emissions = Samlede utslipp (alle ni sektorer)
kpi-household_energy_cost = Energikostnad per husholdning
kpi-waste_recycled = Avfall til materialgjenvinning
kpi-waste_incinerated = Avfall til forbrenning
kpi-waste_landfilled = Avfall til deponi
kpi-waste_per_person = Avfall per innbygger
kpi-residual_waste_per_person = Restavfall per innbygger
kpi-source_separation = Utsorteringsgrad
kpi-embodied_emissions = Utslipp fra byggematerialer i nybygg
kpi-material_stock_per_capita = Materialer i bygningsmassen per innbygger
quantity-ghg_per_capita = Utslipp fra energibruk per innbygger
quantity-emissions = Utslipp fra energibruk
quantity-final_energy_per_capita = Energibruk per innbygger
quantity-electricity = Strømbruk
quantity-heat_need_per_m2 = Varmebehov per m² gulv
quantity-fossil_energy = Fossilt brensel (olje, bensin, diesel)
quantity-pv_per_capita = Solkraft per innbygger
quantity-ev_charging = Elbillading
quantity-population = Innbyggere
lever-group-buildings = Bygninger
lever-group-supply = Energiforsyning og lading
lever-group-waste = Avfall og materialer
lever-group-transport = Transport og maskiner

## Sectors of the territorial emission inventory (Miljødirektoratet's nine)
inventory-energy_supply = Energiforsyning
inventory-industry = Industri, olje og gass
inventory-heating = Oppvarming
inventory-road_transport = Veitrafikk
inventory-sea_transport = Sjøfart
inventory-aviation = Luftfart
inventory-other_mobile = Annen mobil forbrenning
inventory-agriculture = Jordbruk
inventory-waste_and_wastewater = Avfall og avløp

## Units: the words of the core's (English) units, as the viewer and the handout write them
unit-persons = personer
unit-nok = kr
unit-per-year-per-capita = /år per innb.
unit-per-capita = {" "}per innb.
unit-per-year = /år
unit-share = (andel)
unit-degrees = grader
unit-cars = biler
unit-years = år
unit-per-month = /måned
unit-floor-per-land = m² golv per m² tomt
unit-per-resident = m² per innbygger
unit-of-stock-per-year = av bygningsmassen i basisåret per år
unit-residents-per-km2 = innbyggere/km²

## Influence levels: how far a room's input can change the decision (the participation spectrum)
influence-inform = Informasjon
influence-inform-about = Dere får vite hva kommunen har bestemt, og hvorfor.
influence-consult = Konsultasjon
influence-consult-about = Innspillene er råd til kommunen. Kommunen går gjennom hvert forslag, kartinnspill og hver idé og svarer på hvordan de ble brukt.
influence-involve = Involvering
influence-involve-about = Forslagene og bekymringene deres former alternativene kommunen vurderer. Kommunen svarer på hvordan innspillene påvirket dem.
influence-collaborate = Samarbeid
influence-collaborate-about = Rommet og kommunen lager anbefalingen sammen, og kommunen følger den så langt det er mulig.
influence-empower = Medbestemmelse
influence-empower-about = Rommet bestemmer. Kommunen gjennomfører det dere har valgt.
