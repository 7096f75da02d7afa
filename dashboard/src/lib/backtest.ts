/** The forecast model's backtest metrics (GET /predictions `evaluation`) as labelled figures. */

import { formatNumber, isKnown } from "./format";

export interface Figure {
  label: string;
  value: string;
  hint: string;
}

function number(value: unknown): number | null {
  return typeof value === "number" && isKnown(value) ? value : null;
}

function signedPercent(share: number): string {
  const pct = share * 100;
  return `${pct >= 0 ? "+" : "−"}${formatNumber(Math.abs(pct), 0)} %`;
}

/** Known metrics only, in the order a reader needs them; unknown keys are left out. */
export function backtestFigures(evaluation: Record<string, unknown> | null): Figure[] {
  if (!evaluation) return [];
  const figures: Figure[] = [];
  const methods = evaluation.methods as Record<string, Record<string, unknown>> | undefined;
  const nmae = number(methods?.model?.nmae_pct ?? evaluation.nmae_pct);
  if (nmae !== null) {
    figures.push({ label: "Backtest error (nMAE)", value: `${formatNumber(nmae, 1)} %`, hint: "mean absolute error as a share of capacity" });
  }
  const skill = number(evaluation.skill_vs_smart_persistence);
  if (skill !== null) {
    figures.push({ label: "Skill vs smart persistence", value: signedPercent(skill), hint: "less error than repeating yesterday, scaled by clear sky" });
  }
  const naive = number(evaluation.skill_vs_persistence);
  if (naive !== null) {
    figures.push({ label: "Skill vs persistence", value: signedPercent(naive), hint: "less error than repeating yesterday" });
  }
  const coverage = number(evaluation.coverage_80_daylight ?? evaluation.coverage_80);
  if (coverage !== null) {
    figures.push({
      label: "Interval coverage",
      value: `${formatNumber(coverage * 100, 0)} % (aim 80 %)`,
      hint: "share of backtest hours whose actual fell inside the 80 % interval",
    });
  }
  return figures;
}
