/**
 * The modules under mutation testing (issue 15) and the tests that exercise each. Unit tests
 * run per mutant in milliseconds; integration tests whose setup (beforeAll) runs the module make
 * its mutants "static" (every test runs for each), so a module lists only the files it needs.
 */
export const MODULES = {
  tray: { mutate: ["server/tray/rules.ts"], tests: ["server/tray/*.test.ts"] },
  bankRail: {
    mutate: [
      "server/plaid/errors.ts",
      "server/plaid/mappers.ts",
      "server/plaid/webhooks.ts",
      "server/plaid/sync/pull.ts",
    ],
    tests: ["server/plaid/*.test.ts", "server/plaid/sync/*.test.ts"],
  },
  reconcile: { mutate: ["server/reconcile/match.ts"], tests: ["server/reconcile/*.test.ts"] },
  bankRules: {
    mutate: ["server/banks/mapping-rules.ts", "server/banks/book-movements.ts", "server/demo/demo-bank.ts"],
    tests: ["server/banks/*.test.ts", "server/demo/*.test.ts"],
  },
  money: { mutate: ["server/lib/money.ts"], tests: ["server/lib/money.test.ts"] },
  links: { mutate: ["server/digest/links.ts"], tests: ["server/digest/links.test.ts"] },
  access: {
    mutate: ["server/access/permissions.ts"],
    tests: ["server/access/*.test.ts"],
  },
  runway: {
    mutate: ["server/runway/engine.ts", "server/runway/currency.ts", "server/runway/dates.ts"],
    tests: ["server/runway/*.test.ts"],
  },
  advice: {
    mutate: ["server/runway/top-actions.ts", "server/alerts/detect.ts"],
    tests: ["server/runway/engine.test.ts", "server/alerts/*.test.ts", "lib/action-words.test.ts"],
  },
  scenarios: {
    mutate: ["server/runway/scenario-items.ts", "server/scenarios/apply.ts"],
    tests: [
      "server/runway/scenario-items.test.ts",
      "server/runway/flows.test.ts",
      "server/scenarios/apply.test.ts",
    ],
  },
  paymentRun: {
    mutate: ["server/runway/payment-run.ts", "server/runway/must-pay.ts"],
    tests: ["server/runway/payment-run.test.ts", "server/runway/must-pay.test.ts"],
  },
  // The scenario and payment-run services, each on its own small emulator company.
  scenarioService: {
    mutate: ["server/scenarios/scenarios.ts", "server/scenarios/commit.ts", "server/scenarios/workspace.ts"],
    tests: ["tests/int/scenarios.int.test.ts"],
  },
  paymentRunService: {
    mutate: ["server/decisions/payment-run.ts"],
    tests: ["tests/int/payment-run.int.test.ts"],
  },
  // server/decisions/ in two runs, each on a small company so a mutant costs seconds: the
  // write-back guard by guard, and the console's rules and the lifecycle after a sync.
  // (tests/int/decisions.int.test.ts runs the same end to end on the demo-sized company.)
  writeback: {
    mutate: ["server/decisions/write-back.ts"],
    tests: ["tests/int/write-back.int.test.ts"],
  },
  decisions: {
    mutate: ["server/decisions/lifecycle.ts", "server/decisions/decisions.ts"],
    tests: ["tests/int/decision-rules.int.test.ts"],
  },
  qbo: {
    mutate: [
      "server/qbo/retry-policy.ts",
      "server/qbo/errors.ts",
      "server/qbo/webhooks.ts",
      "server/qbo/mappers.ts",
      "server/lib/vault.ts",
      "server/qbo/sync/cdc-window.ts",
      "server/qbo/sync/entity-failure.ts",
    ],
    tests: ["server/qbo/*.test.ts", "server/qbo/sync/*.test.ts", "server/lib/vault.test.ts"],
  },
};
