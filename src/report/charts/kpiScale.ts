/**
 * Puts KPIs of different kinds on readable axes: money and counts divided into a unit
 * (¥ bn, 亿元), shares in percent, trust as is, each with a label naming the unit.
 */
import { unitFor } from "../format.js";
import { kpiKind } from "../kpis.js";
import type { Messages } from "../messages.js";

/** How to draw one KPI: divide by `divisor`, and call the axis `label`. */
export interface KpiScale {
  readonly divisor: number;
  readonly label: string;
}

/**
 * The scale of a KPI for values up to `magnitude` (largest absolute value drawn).
 */
export function kpiScale(kpi: string, magnitude: number, messages: Messages): KpiScale {
  const name = messages.kpis[kpi] ?? kpi;
  switch (kpiKind(kpi)) {
    case "money": {
      const unit = unitFor(messages.money, magnitude);
      return { divisor: unit.divisor, label: `${name} (${unit.axis})` };
    }
    case "count": {
      const unit = unitFor(messages.count, magnitude);
      return { divisor: unit.divisor, label: unit.axis === "" ? name : `${name} (${unit.axis})` };
    }
    case "share":
      return { divisor: 0.01, label: `${name} (%)` };
    case "index":
      return { divisor: 1, label: name };
  }
}
