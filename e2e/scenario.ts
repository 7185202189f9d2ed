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
  /** Import sources the web app was started with (e2e/import-fixtures.ts lists their contents). */
  imports: {
    /** The web app's DATA_ROOT: a temporary folder of generated images. */
    dataRoot: string;
    /** A loopback image server (`http://127.0.0.1:<port>`) that IMPORT_ALLOW_HOSTS opens. */
    imageServerUrl: string;
    /** Every path the image server was asked for so far, in order. */
    imageServerRequests: readonly string[];
  };
}

/** A module in e2e/scenarios/ exports `run`, which throws on any failed expectation. */
export interface Scenario {
  run(context: ScenarioContext): Promise<void>;
}
