"use client";

import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { dateAxisProps, gridProps, moneyAxisProps, moneyTooltipProps } from "@/components/ui/chart-axes";
import type { TImpact } from "@/server/runway/engine";

/** The 13-week spendable path before and after a tried decision, on one chart with a legend. */
export function ImpactChart({ impact, currency }: { impact: TImpact; currency: string }) {
  const data = impact.path.map((p) => ({ date: p.date, before: p.beforeCents, after: p.afterCents }));
  return (
    <div
      className="mt-2 h-48 w-full"
      role="img"
      aria-label="Spendable cash over 13 weeks, as planned now and with this decision"
      data-testid="impact-chart"
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 4 }}>
          <CartesianGrid {...gridProps} />
          <XAxis {...dateAxisProps({ every: 27 })} />
          <YAxis {...moneyAxisProps(currency)} />
          <Tooltip {...moneyTooltipProps(currency)} />
          <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} />
          <ReferenceLine y={0} stroke="#18181b" />
          {impact.daysBelowThreshold.thresholdCents !== 0 && (
            <ReferenceLine
              y={impact.daysBelowThreshold.thresholdCents}
              stroke="#f59e0b"
              strokeDasharray="4 3"
            />
          )}
          <Line
            dataKey="before"
            name="As planned now"
            stroke="#a1a1aa"
            strokeDasharray="5 4"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="after"
            name="With this decision"
            stroke="#4f46e5"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
