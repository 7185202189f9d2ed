// Numbered full-page screenshots, so a scenario's pictures read in the order they were taken.
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';

export type Shot = (page: Page, name: string) => Promise<void>;

/**
 * Removes the screenshots an earlier run left in `artifactsDir` and returns a function that saves
 * each page as `01-<name>.png`, `02-<name>.png`, ….
 */
export async function numberedShots(artifactsDir: string): Promise<Shot> {
  const old = (await readdir(artifactsDir)).filter((file) => file.endsWith('.png'));
  await Promise.all(old.map((file) => rm(path.join(artifactsDir, file), { force: true })));
  let taken = 0;
  return async (page, name) => {
    taken += 1;
    const file = `${String(taken).padStart(2, '0')}-${name}.png`;
    await page.screenshot({ path: path.join(artifactsDir, file), fullPage: true });
  };
}
