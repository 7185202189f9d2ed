// The review queues and the caption editor, driven from the keyboard.
import type { Page } from 'playwright-core';

/** The editor's caption box (review/_components/caption-editor.tsx). */
const DRAFT = '#caption-draft';

/** The slice of the DOM the in-page checks below use (the e2e tsconfig has no DOM types). */
interface PageGlobals {
  document: {
    querySelector(selector: string): unknown;
    activeElement: { id?: string } | null;
  };
}

/**
 * Opens the review queues and starts queue number `key` with its digit shortcut; `onQueues` runs
 * once the queue can be started (for a screenshot).
 */
export async function startQueue(
  page: Page,
  reviewUrl: string,
  key: string,
  stepId: string,
  onQueues: () => Promise<unknown> = async () => {},
) {
  await page.goto(reviewUrl);
  await page.getByRole('heading', { level: 1, name: 'Review' }).waitFor();
  // The digit works once the queue it starts is listed as startable.
  await page
    .getByTestId('step-queue')
    .nth(Number(key) - 1)
    .getByRole('link')
    .waitFor();
  await onQueues();
  await page.keyboard.press(key);
  await page.waitForURL(new RegExp(`/review/${stepId}\\?item=`));
}

/** Waits until the caption box holds exactly `expected`; a timeout says what it held. */
export async function expectDraft(page: Page, expected: string): Promise<void> {
  await page.locator(DRAFT).waitFor();
  try {
    await page.waitForFunction(
      ([selector, text]) =>
        (
          (globalThis as unknown as PageGlobals).document.querySelector(selector) as {
            value: string;
          } | null
        )?.value === text,
      [DRAFT, expected] as const,
    );
  } catch (error) {
    const held = await page.locator(DRAFT).inputValue();
    throw new Error(`the draft is "${held}", not "${expected}"`, { cause: error });
  }
}

/** The caption box as it is now. */
export function draftText(page: Page): Promise<string> {
  return page.locator(DRAFT).inputValue();
}

/** Waits until the caption box has the keyboard. */
export async function expectFocusedOnDraft(page: Page): Promise<void> {
  await page.locator(`${DRAFT}:focus`).waitFor({ timeout: 5_000 });
}

/** Waits until the keyboard has left the caption box (after Esc), so single keys are shortcuts. */
export async function expectFocusLeftDraft(page: Page): Promise<void> {
  await page.waitForFunction(
    (id) => (globalThis as unknown as PageGlobals).document.activeElement?.id !== id,
    DRAFT.slice(1),
  );
}

/** Waits until the editor's image has decoded, so screenshots show it. */
export async function imageLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const image = (globalThis as unknown as PageGlobals).document.querySelector('figure img') as {
      complete: boolean;
      naturalWidth: number;
    } | null;
    return Boolean(image?.complete && image.naturalWidth > 0);
  });
}

/** The external id (file name) of the item open in the editor. */
export async function openItemName(page: Page): Promise<string> {
  const alt = (await page.locator('figure img').getAttribute('alt')) ?? '';
  return alt.replace(/^Image /, '');
}

/** Waits for the session's announcement that `verb` (Submitted, Approved, …) of `name` is done. */
export async function waitForDone(page: Page, verb: string, name: string): Promise<void> {
  await page
    .getByTestId('session-status')
    .filter({ hasText: `${verb}: ${name}. Next item loaded.` })
    .waitFor();
}
