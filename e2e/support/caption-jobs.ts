// Launching a caption job from the launch form and following it on the job's page.
import type { Page } from 'playwright-core';

export interface LaunchOptions {
  /** Caption again rows that already have this model's caption with these settings. */
  force?: boolean;
  /** Long beam-search captions, so the job runs long enough to be cancelled while it runs. */
  slow?: boolean;
  /** Runs with the form filled, just before starting (for a screenshot). */
  beforeStart?: () => Promise<unknown>;
}

/** On a page with the launch form: all rows, the tiny model, `expected` images; lands on the job. */
export async function launchJob(page: Page, expected: number, options: LaunchOptions = {}) {
  const form = page.getByRole('form', { name: 'Launch a caption job' });
  await form.getByLabel('All rows of the project').check();
  await form.getByTestId('tiny-model-badge').waitFor();
  if (options.slow) {
    await form.getByLabel('Max new tokens').fill('128');
    await form.getByLabel('Min new tokens').fill('128');
    await form.getByLabel('Beams').fill('5');
  }
  if (options.force) await form.getByLabel(/^Force/).check();
  await form
    .getByTestId('will-run')
    .filter({ hasText: new RegExp(`^${expected} images? will run`) })
    .waitFor();
  await options.beforeStart?.();
  await form.getByRole('button', { name: 'Start captioning' }).click();
  await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
}

/** Waits until the job page shows `status` (Running, Completed, Cancelled, …). */
export async function waitForJobStatus(page: Page, status: string, timeoutMs: number) {
  await page
    .getByTestId('job-status')
    .filter({ hasText: new RegExp(`^${status}$`) })
    .waitFor({ timeout: timeoutMs });
}

/** One of the job page's counts. */
export async function jobCount(page: Page, name: 'done' | 'failed' | 'total'): Promise<number> {
  const text = (await page.getByTestId(`job-${name}`).textContent()) ?? '';
  return Number(text.replace(/\D/g, ''));
}
