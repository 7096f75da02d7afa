/** Labels, units and colours of every series, the same in every chart. */

import type { MeasurementColumn } from "../api/types";

export interface SeriesInfo {
  label: string;
  unit: string;
  color: string;
}

/** Generation sources in stacking order (steady baseload first, variable renewables on top). */
export const SOURCE_COLUMNS = [
  "nuclear_mw",
  "coal_mw",
  "gas_mw",
  "oil_mw",
  "geothermal_mw",
  "biomass_mw",
  "hydro_mw",
  "hydro_discharge_mw",
  "battery_discharge_mw",
  "wind_mw",
  "solar_mw",
  "unknown_mw",
] as const satisfies readonly MeasurementColumn[];
export type SourceColumn = (typeof SOURCE_COLUMNS)[number];

export const SERIES: Record<MeasurementColumn, SeriesInfo> = {
  nuclear_mw: { label: "Nuclear", unit: "MW", color: "#7c3aed" },
  coal_mw: { label: "Coal", unit: "MW", color: "#44403c" },
  gas_mw: { label: "Gas", unit: "MW", color: "#ea580c" },
  oil_mw: { label: "Oil", unit: "MW", color: "#7f1d1d" },
  geothermal_mw: { label: "Geothermal", unit: "MW", color: "#be123c" },
  biomass_mw: { label: "Biomass", unit: "MW", color: "#4d7c0f" },
  hydro_mw: { label: "Hydro", unit: "MW", color: "#1d4ed8" },
  hydro_discharge_mw: { label: "Pumped-hydro discharge", unit: "MW", color: "#60a5fa" },
  battery_discharge_mw: { label: "Battery discharge", unit: "MW", color: "#0d9488" },
  wind_mw: { label: "Wind", unit: "MW", color: "#0891b2" },
  solar_mw: { label: "Solar", unit: "MW", color: "#f59e0b" },
  unknown_mw: { label: "Other", unit: "MW", color: "#9ca3af" },
  power_consumption_total: { label: "Load", unit: "MW", color: "#0f172a" },
  power_production_total: { label: "Production", unit: "MW", color: "#475569" },
  power_import_total: { label: "Imports", unit: "MW", color: "#6366f1" },
  power_export_total: { label: "Exports", unit: "MW", color: "#a855f7" },
  carbon_intensity: { label: "Carbon intensity", unit: "gCO₂eq/kWh", color: "#b91c1c" },
  carbon_intensity_direct: { label: "Carbon intensity (direct)", unit: "gCO₂eq/kWh", color: "#f87171" },
  renewable_percentage: { label: "Renewable share", unit: "%", color: "#16a34a" },
  fossil_free_percentage: { label: "Carbon-free share", unit: "%", color: "#15803d" },
};

/** Info for a column name, or for a source name as /status/latest spells it ("solar"). */
export function seriesInfo(name: string): SeriesInfo {
  const column = (name in SERIES ? name : `${name.replace(/ /g, "_")}_mw`) as MeasurementColumn;
  return SERIES[column] ?? { label: name.replace(/_/g, " "), unit: "", color: "#64748b" };
}

export function isSourceColumn(name: string): name is SourceColumn {
  return (SOURCE_COLUMNS as readonly string[]).includes(name);
}

/** Cluster colours: distinct from the source colours, each under white day numbers at 4.5:1 or
 * more (WCAG AA; the 600 shades of emerald, amber and cyan were 3.2-3.8:1). */
export const CLUSTER_COLORS = ["#2563eb", "#db2777", "#047857", "#b45309", "#7c3aed", "#0e7490"];

export function clusterColor(cluster: number): string {
  return CLUSTER_COLORS[cluster % CLUSTER_COLORS.length] ?? "#64748b";
}
