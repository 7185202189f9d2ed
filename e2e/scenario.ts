import type { Browser } from 'playwright-core';
import type { DemoCredentials } from '../packages/db/src/index';

/** What each browser scenario receives from e2e/run.ts. */
export interface ScenarioContext {
  baseUrl: string;
  /** The seeded demo team: users[0] is the OWNER. */
  credentials: DemoCredentials;
  browser: Browser;
  /** Where the scenario saves its screenshots. */
  artifactsDir: string;
}

/** A module in e2e/scenarios/ exports `run`, which throws on any failed expectation. */
export interface Scenario {
  run(context: ScenarioContext): Promise<void>;
}
