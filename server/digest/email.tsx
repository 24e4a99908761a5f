import { Body } from "@react-email/body";
import { Button } from "@react-email/button";
import { Container } from "@react-email/container";
import { Head } from "@react-email/head";
import { Heading } from "@react-email/heading";
import { Hr } from "@react-email/hr";
import { Html } from "@react-email/html";
import { Link } from "@react-email/link";
import { Preview } from "@react-email/preview";
import { render } from "@react-email/render";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import { actionDetail, actionGain, actionTitle } from "@/lib/action-words";
import { bankLines, scenarioLine } from "@/lib/digest-words";
import { formatDate, formatDaysDelta, formatInsufficientData, formatMoney, formatRunway } from "@/lib/format";
import { accuracyBp, type TDigestSnapshot } from "./snapshot";

/**
 * The weekly digest email (react-email, rendered to HTML and plain text). It carries the headline
 * figures and this week's actions; everything else is one signed click away.
 */
type TProps = {
  businessName: string;
  kind: "weekly" | "manual";
  snapshot: TDigestSnapshot;
  openUrl: string;
  unsubscribeUrl: string;
  expiresOn: string;
};

const muted = { color: "#52525b", fontSize: "13px", lineHeight: "20px" };
const row = { margin: "4px 0", fontSize: "15px", lineHeight: "22px" };

function runwayLine(s: TDigestSnapshot): string {
  const r = s.runway;
  if (r.kind === "days")
    return r.days === 0
      ? "Spendable cash is already below zero."
      : `Spendable cash runs out on ${formatDate(r.date)}${r.beyondHorizon ? " (past the 13-week forecast)" : ""}.`;
  if (r.kind === "notBurning")
    return "Not burning: the 13-week forecast stays above zero and does not fall over its last four weeks.";
  return formatInsufficientData(r);
}

export function DigestEmail({ businessName, kind, snapshot: s, openUrl, unsubscribeUrl, expiresOn }: TProps) {
  const money = (c: number) => formatMoney(c, s.homeCurrency);
  const since = s.sinceLastWeek;
  const fva = s.forecastVsActual;
  const acc = accuracyBp(s.accuracy);
  return (
    <Html lang="en">
      <Head />
      <Preview>{`${businessName}: runway ${formatRunway(s.runway)}, cash ${money(s.cashOnHandCents)}`}</Preview>
      <Body
        style={{ backgroundColor: "#f4f4f5", fontFamily: "system-ui, -apple-system, Segoe UI, sans-serif" }}
      >
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", maxWidth: "560px" }}>
          <Text style={muted}>
            {kind === "weekly" ? "Weekly digest" : "Digest"} · {businessName} · as of {formatDate(s.asOf)}
          </Text>
          <Heading as="h1" style={{ fontSize: "28px", margin: "8px 0" }}>
            Runway: {formatRunway(s.runway)}
          </Heading>
          <Text style={row}>{runwayLine(s)}</Text>
          {s.scenario && <Text style={row}>{scenarioLine(s.scenario, s, money)}</Text>}
          {s.bank &&
            bankLines(s.bank, money, new Date(s.bank.asOf ?? Date.now())).map((l) => (
              <Text key={l} style={row}>
                {l}
              </Text>
            ))}
          <Section>
            <Text style={row}>Cash on hand: {money(s.cashOnHandCents)}</Text>
            <Text style={row}>
              Reserved: {money(s.reservedCents)} · Spendable: {money(s.spendableCents)}
            </Text>
            <Text style={row}>
              Lowest point in 13 weeks: {money(s.lowest.spendableCents)} on {formatDate(s.lowest.date)}
            </Text>
            <Text style={row}>
              Owed to you: {money(s.arOpenCents)} · You owe: {money(s.apOpenCents)}
            </Text>
          </Section>
          <Hr />
          <Heading as="h2" style={{ fontSize: "18px" }}>
            This week's actions
          </Heading>
          {s.actions.length === 0 ? (
            <Text style={row}>
              {s.nothingNeedsMoving
                ? "Nothing needs moving: spendable cash stays above your alert line for the next 13 weeks."
                : "Nothing this week moves your runway."}
            </Text>
          ) : (
            s.actions.map((a, i) => (
              <Text key={`${a.kind}:${a.ref.id}`} style={row}>
                {i + 1}. {actionTitle(a)} — {actionGain(a, money)}
                <br />
                {actionDetail(a, money)}
              </Text>
            ))
          )}
          {(since || fva) && <Hr />}
          {since && (
            <Text style={row}>
              Since {formatDate(since.since)}:
              {since.cashDeltaCents !== null && ` cash ${signed(since.cashDeltaCents, money)}`}
              {since.runwayDeltaDays !== null && `, runway ${formatDaysDelta(since.runwayDeltaDays)}`}
              {since.arDeltaCents !== null && `, owed to you ${signed(since.arDeltaCents, money)}`}
              {since.apDeltaCents !== null && `, you owe ${signed(since.apDeltaCents, money)}`}.
            </Text>
          )}
          {fva && (
            <Text style={row}>
              Last week's forecast for today: {money(fva.projectedCents)}; actual {money(fva.actualCents)}{" "}
              (off by {money(Math.abs(fva.errorCents))}).
              {acc !== null &&
                ` Forecast accuracy so far: ${(acc / 100).toFixed(1)}% over ${s.accuracy?.pairs} weeks.`}
            </Text>
          )}
          <Section style={{ margin: "24px 0" }}>
            <Button
              href={openUrl}
              style={{
                backgroundColor: "#4338ca",
                color: "#ffffff",
                padding: "12px 20px",
                borderRadius: "6px",
                fontSize: "15px",
              }}
            >
              Open the digest
            </Button>
          </Section>
          <Text style={muted}>
            This link opens a read-only copy of this digest without signing in, only for you, until{" "}
            {expiresOn}. Anything you do from there asks you to sign in.
          </Text>
          <Text style={muted}>
            You get this because you are an owner or bookkeeper of {businessName} in Oodaloo. To stop the
            weekly digest: <Link href={unsubscribeUrl}>unsubscribe</Link>
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

function signed(cents: number, money: (c: number) => string): string {
  if (cents === 0) return "unchanged";
  return cents > 0 ? `+${money(cents)}` : `−${money(-cents)}`;
}

export async function renderDigestEmail(
  props: TProps,
): Promise<{ subject: string; html: string; text: string }> {
  const el = <DigestEmail {...props} />;
  const [html, text] = await Promise.all([render(el), render(el, { plainText: true })]);
  return {
    subject: `${props.businessName}: runway ${formatRunway(props.snapshot.runway)} — ${props.kind === "weekly" ? "weekly digest" : "digest"} for ${formatDate(props.snapshot.asOf)}`,
    html,
    text,
  };
}
