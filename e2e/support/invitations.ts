// Inviting a member from the Members page and joining through the invite link.
import type { TeamRole } from '../../packages/shared/src/index';
import type { Page } from 'playwright-core';
import { waitForFormHydrated } from './hydration';
import { expectDashboard } from './people';
import { expectThat } from './steps';

/** From any team page: opens Members, creates an invite for `email` and returns its link. */
export async function createInviteLink(
  page: Page,
  baseUrl: string,
  email: string,
  role: TeamRole,
): Promise<string> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Members' })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
  await waitForFormHydrated(page, 'Create invite link');
  const invites = page.locator('section', {
    has: page.getByRole('heading', { name: 'Invites' }),
  });
  await invites.getByLabel('Email').fill(email);
  await invites.getByLabel('Role').selectOption(role);
  await invites.getByRole('button', { name: 'Create invite link' }).click();
  // The link shown is the one made for this email (an earlier invite's link is replaced).
  const secret = invites
    .getByRole('status')
    .filter({ hasText: `Invite link for ${email} ` })
    .getByTestId('invite-link');
  const link = ((await secret.textContent()) ?? '').trim();
  expectThat(link.startsWith(`${baseUrl}/invite/`), `unexpected invite link "${link}"`);
  await invites
    .getByRole('row')
    .filter({ hasText: email })
    .filter({ hasText: 'Pending' })
    .waitFor();
  return link;
}

export interface NewAccount {
  name: string;
  password: string;
}

/**
 * On an invite link's page: fills name and password (twice) and creates the account, which
 * signs the person in on the team's dashboard. `beforeSubmit` runs with the form filled.
 */
export async function joinWithNewAccount(
  page: Page,
  baseUrl: string,
  teamName: string,
  account: NewAccount,
  beforeSubmit: () => Promise<unknown> = async () => {},
): Promise<void> {
  await waitForFormHydrated(page, 'Create account and join');
  await page.getByLabel('Your name').fill(account.name);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByLabel('Repeat the password').fill(account.password);
  await beforeSubmit();
  await page.getByRole('button', { name: 'Create account and join' }).click();
  await expectDashboard(page, baseUrl, teamName);
}
