import { formatDate, formatDateShort, formatMoney, formatMoneyShort } from "@/lib/format";

/**
 * The house look of a day-by-day money chart (Recharts props, spread onto its elements): the
 * grid, the date axis, the money axis and the tooltip's wording. One place for all three charts.
 */
export const gridProps = { stroke: "#e4e4e7", vertical: false } as const;

export function dateAxisProps({ every, fontSize = 11 }: { every: number; fontSize?: number }) {
  return {
    dataKey: "date",
    tickFormatter: (d: string) => formatDateShort(d),
    interval: every,
    tick: { fontSize, fill: "#52525b" },
  };
}

export function moneyAxisProps(currency: string, { width = 72, fontSize = 11 } = {}) {
  return {
    tickFormatter: (v: number) => formatMoneyShort(v, currency),
    width,
    tick: { fontSize, fill: "#52525b" },
  };
}

export function moneyTooltipProps(currency: string) {
  return {
    formatter: (v: unknown) => formatMoney(Number(v), currency),
    labelFormatter: (d: unknown) => formatDate(String(d)),
  };
}
