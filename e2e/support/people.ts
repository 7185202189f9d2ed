// One browser context per person, signed in through the sign-in form.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { waitForFormHydrated } from './hydration';
import { expectThat } from './steps';

export interface PersonPage {
  context: BrowserContext;
  page: Page;
}

/** A fresh browser context (own cookies) with one page whose waits time out after `timeoutMs`. */
export async function openPersonPage(
  browser: Browser,
  timeoutMs: number,
  options: { acceptDownloads?: boolean } = {},
): Promise<PersonPage> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: options.acceptDownloads ?? false,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  return { context, page };
}

/** Fills and sends the sign-in form already on the page. */
export async function submitSignInForm(page: Page, email: string, password: string) {
  await waitForFormHydrated(page, 'Sign in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in from the sign-in page and waits for the dashboard's address. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await submitSignInForm(page, email, password);
  await page.waitForURL(`${baseUrl}/`);
}

/** A new browser context for `email`, signed in and on the dashboard. */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  email: string,
  password: string,
  timeoutMs: number,
): Promise<PersonPage> {
  const person = await openPersonPage(browser, timeoutMs);
  await signIn(person.page, baseUrl, email, password);
  return person;
}

/** Waits for the projects dashboard of `teamName`. */
export async function expectDashboard(page: Page, baseUrl: string, teamName: string) {
  await page.waitForURL(`${baseUrl}/`);
  await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
  const eyebrow = await page.locator('.eyebrow').first().textContent();
  expectThat(eyebrow === teamName, `expected the dashboard of "${teamName}", saw "${eyebrow}"`);
}
