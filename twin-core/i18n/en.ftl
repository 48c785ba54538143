# The catalogue's names and descriptions in English: levers, KPIs and map quantities.
# Keys as in the catalogue (`lever-<key>`, `lever-<key>-about`, `lever-group-<group>`,
# `kpi-<key>`, `quantity-<key>`, `inventory-<sector>`), units (`unit-<word>`) and influence levels (`influence-<key>`,
# `influence-<key>-about`); the viewer and the handout read them.

lever-retrofit_rate = Energy retrofits per year
lever-retrofit_rate-about = None
lever-retrofit_depth = Saving per retrofit
lever-retrofit_depth-about = None
lever-heat_pump_programme = More heat pumps
lever-heat_pump_programme-about = None
lever-district_heating_expansion = District-heating expansion
lever-district_heating_expansion-about = None
lever-pv_rollout = Rooftop solar
lever-pv_rollout-about = Share of the technical rooftop PV potential that is built.
lever-ev_share = Electric cars
lever-ev_share-about = None
lever-smart_charging_share = Smart charging
lever-smart_charging_share-about = None
lever-oil_phase_out_year = Oil heating gone by
lever-oil_phase_out_year-about = None
lever-sorting_campaign = Sort more waste
lever-sorting_campaign-about = None
lever-waste_prevention = Less waste
lever-waste_prevention-about = None
lever-building_material_reuse = Reuse building materials
lever-building_material_reuse-about = None
lever-household_reuse = More reuse
lever-household_reuse-about = None
lever-shore_power = Shore power for ships
lever-shore_power-about = Share of the energy ships use at berth that comes from the grid instead of their diesel generators. Lowers sea-transport emissions and raises electricity use.
lever-zero_emission_ferries = Zero-emission ferries and boats
lever-zero_emission_ferries-about = Share of ferries' and passenger boats' energy that is battery electricity instead of diesel.
lever-zero_emission_heavy_vehicles = Electric lorries and buses
lever-zero_emission_heavy_vehicles-about = Share of lorries', buses' and vans' energy that is electricity instead of diesel.
lever-fossil_free_construction = Zero-emission building sites
lever-fossil_free_construction-about = Share of construction machinery's energy that is electricity instead of diesel, through requirements in the municipality's own projects.
kpi-renewable_share = Renewable energy consumption
kpi-electricity_per_capita = Electricity consumption per capita
kpi-residential_thermal_per_capita = Residential thermal energy consumption per capita
kpi-public_building_energy = Public building energy consumption
kpi-ghg_per_capita = Greenhouse gas emissions per capita
kpi-modelled_ghg_per_capita = Modelled emissions per capita (energy use)
kpi-low_carbon_vehicles = Low-carbon emission passenger vehicles
kpi-demand_response = Demand response penetration
kpi-grid_peak = Annual grid peak
kpi-grid_peak_per_capita = Grid peak per capita
kpi-pv_self_sufficiency = PV self-sufficiency
kpi-ev_charging = EV charging energy
kpi-ev_share_of_peak = EV charging's share of the grid peak
kpi-waste_heat_share = District heat from waste incineration
kpi-final_energy_per_capita = Final energy per capita
kpi-total_emissions = Total emissions (all nine sectors)
kpi-household_energy_cost = Energy cost per household
kpi-waste_recycled = Solid waste treatment: recycled
kpi-waste_incinerated = Solid waste treatment: incinerated
kpi-waste_landfilled = Solid waste treatment: sanitary landfill
kpi-waste_per_person = Waste generated per resident
kpi-residual_waste_per_person = Residual waste per resident
kpi-source_separation = Source-separation rate
kpi-embodied_emissions = Embodied emissions of new buildings
kpi-material_stock_per_capita = Materials in the building stock per resident
quantity-ghg_per_capita = Emissions from energy use per resident
quantity-emissions = Emissions from energy use
quantity-final_energy_per_capita = Energy use per resident
quantity-electricity = Electricity use
quantity-heat_need_per_m2 = Heat need per m² floor
quantity-fossil_energy = Fossil fuels (oil, petrol, diesel)
quantity-pv_per_capita = Solar power per resident
quantity-ev_charging = EV charging
quantity-population = Residents
lever-group-buildings = Buildings
lever-group-supply = Energy supply and charging
lever-group-waste = Waste and materials
lever-group-transport = Transport and machinery

## Sectors of the territorial emission inventory (Miljødirektoratet's nine)
inventory-energy_supply = Energy supply
inventory-industry = Industry, oil and gas
inventory-heating = Heating
inventory-road_transport = Road transport
inventory-sea_transport = Sea transport
inventory-aviation = Aviation
inventory-other_mobile = Other mobile combustion
inventory-agriculture = Agriculture
inventory-waste_and_wastewater = Waste and wastewater

## Units: the words of the core's (English) units, as the viewer and the handout write them
unit-persons = persons
unit-nok = NOK
unit-per-year-per-capita = /yr/capita
unit-per-capita = /capita
unit-per-year = /yr
unit-share = (share)
unit-degrees = degrees
unit-cars = cars
unit-years = years
unit-per-month = /month
unit-floor-per-land = m² floor per m² land
unit-per-resident = m² per resident
unit-of-stock-per-year = of the base-year stock per year
unit-residents-per-km2 = residents/km²

## Influence levels: how far a room's input can change the decision (the participation spectrum)
influence-inform = Inform
influence-inform-about = You are told what the municipality has decided, and why.
influence-consult = Consult
influence-consult-about = Your input is advice to the municipality. It goes through every proposal, map pin and idea and answers how each was used.
influence-involve = Involve
influence-involve-about = Your proposals and concerns shape the alternatives the municipality weighs. It answers how your input influenced them.
influence-collaborate = Collaborate
influence-collaborate-about = The room and the municipality work out the recommendation together, and the municipality follows it as far as it can.
influence-empower = Empower
influence-empower-about = The room decides. The municipality carries out what you chose.
