"use client";

import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { dateAxisProps, gridProps, moneyAxisProps } from "@/components/ui/chart-axes";
import { formatDate, formatMoney } from "@/lib/format";

export type TChartDay = {
  date: string;
  spendableCents: number;
  cashCents: number;
  /** Weekly totals, carried on the first day of each week (null on the other days). */
  weekInCents: number | null;
  weekOutCents: number | null;
  /** What moves cash that day, in words. */
  moves: string[];
};

/**
 * The 13-week view: spendable balance by day, a shaded band for what is reserved, weekly
 * inflow/outflow bars, the zero line and the lowest point. A table alternative sits beside it.
 */
export function CashChart({
  days,
  currency,
  lowest,
  provisional = false,
}: {
  days: TChartDay[];
  currency: string;
  lowest: { date: string; spendableCents: number };
  /** Not enough data for a runway: the path is drawn dashed and the chart says it is provisional. */
  provisional?: boolean;
}) {
  // Plotted in cents, like every amount; only the axis and tooltip format them.
  const data = days.map((d) => ({
    ...d,
    spendable: d.spendableCents,
    band: [d.spendableCents, d.cashCents] as [number, number],
    weekIn: d.weekInCents,
    weekOut: d.weekOutCents === null ? null : -d.weekOutCents,
  }));
  const hasReserve = days.some((d) => d.cashCents !== d.spendableCents);
  return (
    <div
      className="h-72 w-full"
      role="img"
      aria-label={`13-week projection of spendable cash${provisional ? " (provisional)" : ""}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }} barGap={0}>
          <CartesianGrid {...gridProps} />
          <XAxis {...dateAxisProps({ every: 13, fontSize: 12 })} />
          <YAxis {...moneyAxisProps(currency, { width: 80, fontSize: 12 })} />
          <Tooltip
            content={({ active, payload }) => {
              const p = payload?.[0]?.payload as (typeof data)[number] | undefined;
              if (!active || !p) return null;
              return (
                <div className="max-w-xs rounded-md border border-zinc-200 bg-white p-2 text-xs shadow-md">
                  <p className="font-semibold">{formatDate(p.date)}</p>
                  <p>Spendable: {formatMoney(p.spendableCents, currency)}</p>
                  {p.moves.length > 0 && (
                    <ul className="mt-1 list-disc pl-4 text-zinc-600">
                      {p.moves.slice(0, 6).map((m) => (
                        <li key={m}>{m}</li>
                      ))}
                      {p.moves.length > 6 && <li>and {p.moves.length - 6} more</li>}
                    </ul>
                  )}
                </div>
              );
            }}
          />
          {hasReserve && (
            <Area
              dataKey="band"
              stroke="none"
              fill="#a5b4fc"
              fillOpacity={0.35}
              name="Reserved"
              isAnimationActive={false}
            />
          )}
          <Bar
            dataKey="weekIn"
            fill="#16a34a"
            barSize={14}
            name="Money in (week)"
            isAnimationActive={false}
          />
          <Bar
            dataKey="weekOut"
            fill="#dc2626"
            barSize={14}
            name="Money out (week)"
            isAnimationActive={false}
          />
          <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 12 }} />
          <ReferenceLine y={0} stroke="#18181b" strokeWidth={1.5} />
          <Line
            dataKey="spendable"
            stroke="#4f46e5"
            strokeWidth={2}
            strokeDasharray={provisional ? "6 4" : undefined}
            dot={false}
            name={provisional ? "Spendable (provisional)" : "Spendable"}
            isAnimationActive={false}
          />
          <ReferenceDot
            x={lowest.date}
            y={lowest.spendableCents}
            r={5}
            fill="#f59e0b"
            stroke="#fff"
            label={{ value: "Lowest", position: "top", fontSize: 12, fill: "#92400e" }}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
