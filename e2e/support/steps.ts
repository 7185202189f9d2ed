// What every browser scenario uses to report failures clearly.
import path from 'node:path';
import type { Page } from 'playwright-core';

/** Runs one step; a failure names the step and keeps a screenshot of the page as it was. */
export async function step<T>(
  page: Page,
  artifactsDir: string,
  name: string,
  action: () => Promise<T>,
): Promise<T> {
  try {
    return await action();
  } catch (error) {
    const file = path.join(artifactsDir, `failed-${name.replace(/\W+/g, '-')}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    throw new Error(
      `step "${name}" failed at ${page.url()} (screenshot: ${file}): ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** Throws `message` unless `condition` holds. */
export function expectThat(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}
