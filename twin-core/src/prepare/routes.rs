//! The routes a year's material flows can take (origin, destination, material), made once per
//! scenario in the order a year adds its flows, so the years' flows share one table of names
//! ([`Flows`](crate::outcome::Flows)) instead of copying three names per flow.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::catalogue::Name;
use crate::prepare::stock::GroupMaterials;
use crate::scenario::Scenario;
use crate::scenario::network::{
    BUILT_IN, DEMOLITION_ROUTES, HOUSEHOLDS, Network, RESIDUAL_COLLECTION, REUSE, SEPARATE_COLLECTION,
};

/// Where a material flow goes: its origin and destination process and its material.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Route {
    /// Origin process.
    pub from: Name,
    /// Destination process.
    pub to: Name,
    /// Waste fraction or building material.
    pub material: Name,
}

/// How a household's waste leaves it, in the order a year adds these flows: reused, collected
/// separately, collected as residual waste.
pub const SOURCE_ROUTES: [usize; 3] = [REUSE, SEPARATE_COLLECTION, RESIDUAL_COLLECTION];

/// The table of routes and where each part of it starts.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct MaterialRoutes {
    /// Every route, waste first (by fraction: the source routes, then the network's transfers),
    /// then demolition (by stock group and material: the [`DEMOLITION_ROUTES`]).
    pub table: Arc<[Route]>,
    /// Each waste fraction's first route.
    pub fraction_start: Vec<usize>,
    /// Each stock group's first route.
    pub group_start: Vec<usize>,
}

impl MaterialRoutes {
    /// The routes of `scenario`'s materials, whose stock groups have `groups`' materials
    /// (empty if materials are not modelled).
    pub fn new(scenario: &Scenario, groups: &[GroupMaterials]) -> MaterialRoutes {
        let Some(m) = &scenario.materials else { return MaterialRoutes::default() };
        let mut table = Vec::new();
        let fraction_start = waste_routes(&m.network, &mut table);
        let mut group_start = Vec::with_capacity(groups.len());
        let demolition_routes = DEMOLITION_ROUTES.map(Name::from);
        for (group, materials) in m.stock_groups.iter().zip(groups) {
            group_start.push(table.len());
            for material in &materials.materials {
                for to in &demolition_routes {
                    table.push(Route {
                        from: group.demolition.clone(),
                        to: to.clone(),
                        material: material.clone(),
                    });
                }
            }
        }
        MaterialRoutes { table: table.into(), fraction_start, group_start }
    }

    /// Whether this table lists as many routes in each part as `network` and `groups` have (it
    /// does when both come from the scenario it was made for; names are not compared).
    pub fn fits(&self, network: &Network, groups: &[GroupMaterials]) -> bool {
        if self.fraction_start.len() != network.transfers.len() || self.group_start.len() != groups.len() {
            return false;
        }
        let waste = network.transfers.iter().map(|t| SOURCE_ROUTES.len() + t.len());
        let stock = groups.iter().map(|g| DEMOLITION_ROUTES.len() * g.materials.len());
        let mut next = 0;
        for (start, count) in self.fraction_start.iter().chain(&self.group_start).zip(waste.chain(stock)) {
            if *start != next {
                return false;
            }
            next += count;
        }
        next == self.table.len()
    }
}

/// Adds each waste fraction's routes to `table`, returning where each fraction's routes start.
fn waste_routes(network: &Network, table: &mut Vec<Route>) -> Vec<usize> {
    let households = Name::from(BUILT_IN[HOUSEHOLDS]);
    let mut starts = Vec::with_capacity(network.fractions.len());
    for (fraction, transfers) in network.fractions.iter().zip(&network.transfers) {
        starts.push(table.len());
        let route = |from: &Name, to: usize| Route {
            from: from.clone(),
            to: network.processes[to].clone(),
            material: fraction.name.clone(),
        };
        table.extend(SOURCE_ROUTES.map(|to| route(&households, to)));
        table.extend(transfers.iter().map(|(from, to, _)| route(&network.processes[*from], *to)));
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_fits_the_network_it_was_made_for_and_no_other() {
        let scenario = Scenario::shipped("baerum");
        let prepared = crate::prepare::Prepared::new(&scenario);
        let (routes, network) =
            (&prepared.material_routes, &scenario.materials.as_ref().expect("materials").network);
        assert!(routes.fits(network, &prepared.stock_materials));
        assert_eq!(routes.table[routes.fraction_start[0]].from.as_ref(), "households");
        let mut longer = network.clone();
        longer.transfers[0].push((1, 2, 0.0));
        assert!(!routes.fits(&longer, &prepared.stock_materials));
        assert!(!routes.fits(network, &prepared.stock_materials[1..]));
        assert!(!MaterialRoutes::default().fits(network, &prepared.stock_materials));
    }
}
