// Server-rendered controls do nothing (or the wrong thing) until React has hydrated them: a click
// on a button is lost, and a form is sent natively, as a GET with its fields in the URL. On a busy
// machine hydration can lag well behind the page's load event, so the scenarios wait for it.
import type { Locator, Page } from 'playwright-core';

/** Waits until React has attached its props to the element `locator` finds. */
export async function waitForHydrated(locator: Locator): Promise<void> {
  await locator.waitFor();
  await locator
    .page()
    .waitForFunction(
      (element) => Object.keys(element).some((key) => key.startsWith('__reactProps$')),
      await locator.elementHandle(),
    );
}

/** Waits until the form holding the button named `submitName` is hydrated. */
export async function waitForFormHydrated(page: Page, submitName: string): Promise<void> {
  await waitForHydrated(
    page.locator('form', { has: page.getByRole('button', { name: submitName }) }),
  );
}
