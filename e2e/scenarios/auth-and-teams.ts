// Sign in as the seeded owner, create a project, invite a member through the UI, accept the
// invite in a fresh browser context, then sign in as that member and see the team dashboard.
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { ScenarioContext } from '../scenario';
import { expectThat, step } from '../support/steps';

const STEP_TIMEOUT_MS = 15_000;

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function expectDashboard(page: Page, baseUrl: string, teamName: string): Promise<void> {
  await page.waitForURL(`${baseUrl}/`, { timeout: STEP_TIMEOUT_MS });
  await page
    .getByRole('heading', { level: 1, name: 'Projects' })
    .waitFor({ timeout: STEP_TIMEOUT_MS });
  const eyebrow = await page.locator('.eyebrow').first().textContent();
  expectThat(eyebrow === teamName, `expected the dashboard of "${teamName}", saw "${eyebrow}"`);
}

export async function run({
  baseUrl,
  credentials,
  browser,
  artifactsDir,
}: ScenarioContext): Promise<void> {
  const owner = credentials.users[0];
  if (!owner || owner.role !== 'OWNER') throw new Error('credentials.users[0] must be the OWNER');
  const teamName = credentials.team.name;
  const stamp = Date.now().toString(36);
  const projectName = `E2E project ${stamp}`;
  const memberEmail = `member-${stamp}@e2e.captionary.dev`;
  const memberPassword = `member password ${stamp}`;
  const contexts: BrowserContext[] = [];

  try {
    const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(ownerContext);
    const page = await ownerContext.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);

    await step(page, artifactsDir, 'signed-out visitor is sent to sign-in', async () => {
      await page.goto(`${baseUrl}/team/members`);
      await page.waitForURL(/\/sign-in\?callbackUrl=%2Fteam%2Fmembers/);
    });

    await step(page, artifactsDir, 'wrong password is refused generically', async () => {
      await signIn(page, owner.email, 'not the password');
      await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
    });

    await step(
      page,
      artifactsDir,
      'owner signs in; an off-site callbackUrl is ignored',
      async () => {
        await page.goto(
          `${baseUrl}/sign-in?callbackUrl=${encodeURIComponent('https://evil.example/steal')}`,
        );
        await signIn(page, owner.email, owner.password);
        await expectDashboard(page, baseUrl, teamName);
        await page.screenshot({
          path: path.join(artifactsDir, '01-owner-dashboard.png'),
          fullPage: true,
        });
      },
    );

    await step(page, artifactsDir, 'owner creates a project', async () => {
      const form = page.locator('section', {
        has: page.getByRole('heading', { name: 'New project' }),
      });
      await form.getByLabel('Name').fill(projectName);
      await form.getByLabel('Description (optional)').fill('Created by the browser test');
      await form.getByRole('button', { name: 'Create project' }).click();
      await page.getByTestId('project-card').filter({ hasText: projectName }).waitFor();
      await page.screenshot({
        path: path.join(artifactsDir, '02-project-created.png'),
        fullPage: true,
      });
    });

    const inviteLink = await step(page, artifactsDir, 'owner invites a member', async () => {
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Members' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
      const invites = page.locator('section', {
        has: page.getByRole('heading', { name: 'Invites' }),
      });
      await invites.getByLabel('Email').fill(memberEmail);
      await invites.getByLabel('Role').selectOption('REVIEWER');
      await invites.getByRole('button', { name: 'Create invite link' }).click();
      const link = (await page.getByTestId('invite-link').textContent())?.trim() ?? '';
      expectThat(link.startsWith(`${baseUrl}/invite/`), `unexpected invite link "${link}"`);
      await invites.getByRole('cell', { name: memberEmail }).waitFor();
      await page.screenshot({
        path: path.join(artifactsDir, '03-invite-created.png'),
        fullPage: true,
      });
      return link;
    });

    const memberContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(memberContext);
    const memberPage = await memberContext.newPage();
    memberPage.setDefaultTimeout(STEP_TIMEOUT_MS);

    await step(memberPage, artifactsDir, 'invitee sets a name and password', async () => {
      await memberPage.goto(inviteLink);
      const shownEmail = await memberPage.getByTestId('invite-email').textContent();
      expectThat(
        shownEmail === memberEmail,
        `invite page shows "${shownEmail}", not ${memberEmail}`,
      );
      const shownTeam = await memberPage.getByTestId('invite-team').textContent();
      expectThat(shownTeam === teamName, `invite page shows team "${shownTeam}", not ${teamName}`);
      await memberPage.getByLabel('Your name').fill('Erin E2E');
      await memberPage.getByLabel('Password', { exact: true }).fill('short');
      await memberPage.getByRole('button', { name: 'Create account and join' }).click();
      await memberPage.getByText('Use at least 10 characters').waitFor();
      await memberPage.getByLabel('Password', { exact: true }).fill(memberPassword);
      await memberPage.getByLabel('Repeat the password').fill(memberPassword);
      await memberPage.screenshot({
        path: path.join(artifactsDir, '04-invite-page.png'),
        fullPage: true,
      });
      await memberPage.getByRole('button', { name: 'Create account and join' }).click();
      await expectDashboard(memberPage, baseUrl, teamName);
    });

    await step(memberPage, artifactsDir, 'the used invite link is refused', async () => {
      const again = await memberContext.newPage();
      await again.goto(inviteLink);
      await again.getByRole('alert').filter({ hasText: 'already been used' }).waitFor();
      await again.close();
    });

    await step(memberPage, artifactsDir, 'member signs out and signs in again', async () => {
      await memberPage.getByRole('button', { name: 'Sign out' }).click();
      await memberPage.waitForURL(/\/sign-in/);
      await signIn(memberPage, memberEmail, memberPassword);
      await expectDashboard(memberPage, baseUrl, teamName);
      await memberPage.getByTestId('project-card').filter({ hasText: projectName }).waitFor();
      const canCreate = await memberPage.getByRole('heading', { name: 'New project' }).count();
      expectThat(canCreate === 0, 'a reviewer must not see the new project form');
      await memberPage.screenshot({
        path: path.join(artifactsDir, '05-member-dashboard.png'),
        fullPage: true,
      });
    });
  } finally {
    await Promise.all(contexts.map((context) => context.close().catch(() => {})));
  }
}
