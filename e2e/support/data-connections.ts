// The project's Data page: adding a connection and following its import.
import type { Locator, Page } from 'playwright-core';
import { waitForHydrated } from './hydration';

/** Picks a kind in "Add a connection" and names the connection; returns the panel. */
export async function startConnection(page: Page, kind: string, name: string): Promise<Locator> {
  const panel = page.getByRole('region', { name: 'Add a connection' });
  const kindButton = panel
    .getByRole('group', { name: 'Kind of connection' })
    .getByRole('button', { name: kind });
  await waitForHydrated(kindButton);
  await kindButton.click();
  await panel.getByRole('button', { name: kind, pressed: true }).waitFor();
  await panel.getByLabel('Name').fill(name);
  return panel;
}

/** The import history row of the latest run of `connectionName`. */
export function importHistoryRow(page: Page, connectionName: string): Locator {
  return page
    .getByRole('region', { name: 'Import history' })
    .getByRole('row')
    .filter({ hasText: connectionName })
    .first();
}

/** Waits until both the import history and the connections table show the run finished. */
export async function waitForImportFinished(
  page: Page,
  connectionName: string,
  total: number,
  timeoutMs: number,
): Promise<void> {
  const finished = `Finished · ${total} of ${total}`;
  await importHistoryRow(page, connectionName)
    .filter({ hasText: finished })
    .waitFor({ timeout: timeoutMs });
  await page
    .getByRole('region', { name: 'Connections' })
    .getByRole('row')
    .filter({ hasText: connectionName })
    .filter({ hasText: finished })
    .waitFor();
}
