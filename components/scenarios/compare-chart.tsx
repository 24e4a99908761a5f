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

/** Each series is told apart by its dash pattern as well as its colour (never colour alone). */
const STYLES = [
  { stroke: "#71717a", dash: "6 4" },
  { stroke: "#4f46e5", dash: undefined },
  { stroke: "#0f766e", dash: "2 3" },
  { stroke: "#b45309", dash: "10 3 2 3" },
];

/**
 * The base and up to three scenarios: spendable cash over 13 weeks on one chart with a legend.
 * The table beside it (on the page) is the text alternative.
 */
export function CompareChart({
  series,
  currency,
}: {
  series: { key: string; name: string; path: { date: string; spendableCents: number }[] }[];
  currency: string;
}) {
  const data = (series[0]?.path ?? []).map((p, i) => {
    const row: Record<string, string | number> = { date: p.date };
    for (const s of series) row[s.key] = s.path[i]?.spendableCents ?? 0;
    return row;
  });
  return (
    <div
      className="h-64 w-full"
      role="img"
      aria-label={`Spendable cash over 13 weeks: ${series.map((s) => s.name).join(", ")}. The table below gives the same figures.`}
      data-testid="compare-chart"
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 4 }}>
          <CartesianGrid {...gridProps} />
          <XAxis {...dateAxisProps({ every: 27 })} />
          <YAxis {...moneyAxisProps(currency)} />
          <Tooltip {...moneyTooltipProps(currency)} />
          <Legend verticalAlign="top" height={36} wrapperStyle={{ fontSize: 12 }} />
          <ReferenceLine y={0} stroke="#18181b" />
          {series.map((s, i) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.name}
              stroke={STYLES[i % STYLES.length]!.stroke}
              strokeDasharray={STYLES[i % STYLES.length]!.dash}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
