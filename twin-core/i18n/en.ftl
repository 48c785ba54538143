# The catalogue's names and descriptions in English: levers, KPIs and map quantities.
# Keys as in the catalogue (`lever-<key>`, `lever-<key>-about`, `lever-group-<group>`,
# `kpi-<key>`, `quantity-<key>`), units (`unit-<word>`) and influence levels (`influence-<key>`,
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
kpi-renewable_share = Renewable energy consumption
kpi-electricity_per_capita = Electricity consumption per capita
kpi-residential_thermal_per_capita = Residential thermal energy consumption per capita
kpi-public_building_energy = Public building energy consumption
kpi-ghg_per_capita = Greenhouse gas emissions per capita
kpi-low_carbon_vehicles = Low-carbon emission passenger vehicles
kpi-demand_response = Demand response penetration
kpi-grid_peak = Annual grid peak
kpi-grid_peak_per_capita = Grid peak per capita
kpi-pv_self_sufficiency = PV self-sufficiency
kpi-ev_charging = EV charging energy
kpi-ev_share_of_peak = EV charging's share of the grid peak
kpi-waste_heat_share = District heat from waste incineration
kpi-final_energy_per_capita = Final energy per capita
kpi-total_emissions = Total modelled emissions
kpi-household_energy_cost = Energy cost per household
kpi-waste_recycled = Solid waste treatment: recycled
kpi-waste_incinerated = Solid waste treatment: incinerated
kpi-waste_landfilled = Solid waste treatment: sanitary landfill
kpi-waste_per_person = Waste generated per resident
kpi-residual_waste_per_person = Residual waste per resident
kpi-source_separation = Source-separation rate
kpi-embodied_emissions = Embodied emissions of new buildings
kpi-material_stock_per_capita = Materials in the building stock per resident
quantity-ghg_per_capita = Emissions per resident
quantity-emissions = Emissions
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
