# Namn og skildringar i katalogen på nynorsk: tiltak, KPI-ar og kartstorleikar.
# Keys as in the catalogue (`lever-<key>`, `lever-<key>-about`, `lever-group-<group>`,
# `kpi-<key>`, `quantity-<key>`, `inventory-<sector>`), units (`unit-<word>`) and influence levels (`influence-<key>`,
# `influence-<key>-about`); the viewer and the handout read them.

lever-retrofit_rate = Energirehabilitering per år
lever-retrofit_rate-about = Delen av bygg som enno ikkje er rehabiliterte, som blir etterisolerte kvart år. Gir lågare varmebehov.
lever-retrofit_depth = Innsparing per rehabilitering
lever-retrofit_depth-about = Kor mykje av oppvarmingsbehovet ei rehabilitering fjernar.
lever-heat_pump_programme = Fleire varmepumper
lever-heat_pump_programme-about = Delen av bustader og bygg med panelomnar og elkjel (direkte straum) som får luft-til-vatn-varmepumpe.
lever-district_heating_expansion = Utbygging av fjernvarme
lever-district_heating_expansion-about = Delen av all oppvarma golvflate som blir kopla til fjernvarmen, først bygg med direkte straum.
lever-pv_rollout = Solceller på tak
lever-pv_rollout-about = Kor stor del av solcellepotensialet på taka som blir bygd ut.
lever-ev_share = Del elbilar
lever-ev_share-about = Delen elbilar i privatbilparken; resten går på bensin eller diesel.
lever-smart_charging_share = Smart lading
lever-smart_charging_share-about = Delen av elbilladinga som blir flytt frå ettermiddagen til natta, når nettet har ledig kapasitet.
lever-oil_phase_out_year = Oljefyring utfasa innan
lever-oil_phase_out_year-about = Året då den siste oljefyren er bytt ut med varmepumpe.
lever-sorting_campaign = Sorter meir avfall
lever-sorting_campaign-about = Kor mykje av det som framleis hamnar i restavfallet, som ein kampanje får sortert ut. Mindre restavfall gir mindre brensel til fjernvarmen.
lever-waste_prevention = Mindre avfall
lever-waste_prevention-about = Kor mykje mindre avfall som oppstår, til dømes mindre matsvinn.
lever-building_material_reuse = Ombruk av byggematerial
lever-building_material_reuse-about = Delen av materiala frå riving som blir brukte om att i nye bygg. Sparer utslepp frå produksjon.
lever-household_reuse = Meir ombruk
lever-household_reuse-about = Delen av kasserte ting (møblar, klede, elektronikk) som går til ombruk og reparasjon i staden for avfall.
lever-shore_power = Landstraum til skip
lever-shore_power-about = Delen av energien skip brukar ved kai, som kjem frå straumnettet i staden for dieselaggregat om bord. Gjev lågare utslepp frå sjøfart og meir straumbruk.
lever-zero_emission_ferries = Utsleppsfrie ferjer og snøggbåtar
lever-zero_emission_ferries-about = Delen av energien til ferjer og snøggbåtar som er straum frå batteri i staden for diesel.
lever-zero_emission_heavy_vehicles = Elektriske lastebilar og bussar
lever-zero_emission_heavy_vehicles-about = Delen av energien til lastebilar, bussar og varebilar som er straum i staden for diesel.
lever-fossil_free_construction = Utsleppsfrie byggjeplassar
lever-fossil_free_construction-about = Delen av energien til anleggsmaskiner som er straum i staden for diesel, gjennom krav i kommunen sine eigne prosjekt.
kpi-renewable_share = Fornybar energibruk
kpi-electricity_per_capita = Straumforbruk per innbyggjar
kpi-residential_thermal_per_capita = Energi til oppvarming i bustader per innbyggjar
kpi-public_building_energy = Energibruk i offentlege bygg
kpi-ghg_per_capita = Klimagassutslepp per innbyggjar
kpi-modelled_ghg_per_capita = Modellerte utslepp per innbyggjar (energibruk)
kpi-low_carbon_vehicles = Lågutsleppsbilar
kpi-demand_response = Del kundar med laststyring
kpi-grid_peak = Høgaste timelast frå nettet
kpi-grid_peak_per_capita = Effekttopp per innbyggjar
kpi-pv_self_sufficiency = Eigenforsyning frå solceller
kpi-ev_charging = Energi til elbillading
kpi-ev_share_of_peak = Elbilladinga sin del av effekttoppen
kpi-waste_heat_share = Fjernvarme frå avfallsforbrenning
kpi-final_energy_per_capita = Energibruk per innbyggjar
kpi-total_emissions = Samla utslepp (alle ni sektorane)
kpi-household_energy_cost = Energikostnad per hushald
kpi-waste_recycled = Avfall til materialattvinning
kpi-waste_incinerated = Avfall til forbrenning
kpi-waste_landfilled = Avfall til deponi
kpi-waste_per_person = Avfall per innbyggjar
kpi-residual_waste_per_person = Restavfall per innbyggjar
kpi-source_separation = Utsorteringsgrad
kpi-embodied_emissions = Utslepp frå byggjemateriale i nybygg
kpi-material_stock_per_capita = Materiale i bygningsmassen per innbyggjar
quantity-ghg_per_capita = Utslepp frå energibruk per innbyggjar
quantity-emissions = Utslepp frå energibruk
quantity-final_energy_per_capita = Energibruk per innbyggjar
quantity-electricity = Straumbruk
quantity-heat_need_per_m2 = Varmebehov per m² golv
quantity-fossil_energy = Fossilt brensel (olje, bensin, diesel)
quantity-pv_per_capita = Solkraft per innbyggjar
quantity-ev_charging = Elbillading
quantity-population = Innbyggjarar
lever-group-buildings = Bygningar
lever-group-supply = Energiforsyning og lading
lever-group-waste = Avfall og materialar
lever-group-transport = Transport og maskiner

## Sectors of the territorial emission inventory (Miljødirektoratet's nine)
inventory-energy_supply = Energiforsyning
inventory-industry = Industri, olje og gass
inventory-heating = Oppvarming
inventory-road_transport = Vegtrafikk
inventory-sea_transport = Sjøfart
inventory-aviation = Luftfart
inventory-other_mobile = Anna mobil forbrenning
inventory-agriculture = Jordbruk
inventory-waste_and_wastewater = Avfall og avløp

## Units: the words of the core's (English) units, as the viewer and the handout write them
unit-persons = personar
unit-nok = kr
unit-per-year-per-capita = /år per innb.
unit-per-capita = {" "}per innb.
unit-per-year = /år
unit-share = (del)
unit-degrees = grader
unit-cars = bilar
unit-years = år
unit-per-month = /månad
unit-floor-per-land = m² golv per m² tomt
unit-per-resident = m² per innbyggjar
unit-of-stock-per-year = av bygningsmassen i basisåret per år
unit-residents-per-km2 = innbyggjarar/km²

## Influence levels: how far a room's input can change the decision (the participation spectrum)
influence-inform = Informasjon
influence-inform-about = De får vite kva kommunen har bestemt, og kvifor.
influence-consult = Konsultasjon
influence-consult-about = Innspela er råd til kommunen. Kommunen går gjennom kvart framlegg, kartinnspel og kvar idé og svarar på korleis dei vart brukte.
influence-involve = Involvering
influence-involve-about = Framlegga og bekymringane dykkar formar alternativa kommunen vurderer. Kommunen svarar på korleis innspela påverka dei.
influence-collaborate = Samarbeid
influence-collaborate-about = Rommet og kommunen lagar tilrådinga saman, og kommunen følgjer henne så langt det er mogleg.
influence-empower = Medråderett
influence-empower-about = Rommet bestemmer. Kommunen gjennomfører det de har valt.
