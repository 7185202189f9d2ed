// Sign in as the seeded owner, create a project, invite a member through the UI, accept the
// invite in a fresh browser context, then sign in as that member and see the team dashboard.
// Along the way: security headers and the pages' nonce-based CSP, cookie flags, sign-in
// throttling, a refused cross-site mutation, and no CSP violation reported anywhere.
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import type { ScenarioContext } from '../scenario';
import { waitForFormHydrated } from '../support/hydration';
import { createInviteLink, joinWithNewAccount } from '../support/invitations';
import { expectDashboard, openPersonPage, submitSignInForm } from '../support/people';
import {
  collectCspViolations,
  expectApiSecurity,
  expectCookieFlags,
  expectCrossSiteMutationRefused,
  expectPageSecurity,
} from '../support/security-checks';
import { expectThat, step } from '../support/steps';

const STEP_TIMEOUT_MS = 15_000;

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
    const { context: ownerContext, page } = await openPersonPage(browser, STEP_TIMEOUT_MS);
    contexts.push(ownerContext);
    const cspViolations = await collectCspViolations(ownerContext);
    const secureCookies = baseUrl.startsWith('https://');

    await step(page, artifactsDir, 'signed-out visitor is sent to sign-in', async () => {
      await page.goto(`${baseUrl}/team/members`);
      await page.waitForURL(/\/sign-in\?callbackUrl=%2Fteam%2Fmembers/);
    });

    await step(page, artifactsDir, 'pages and the API send the security headers', async () => {
      const nonce = await expectPageSecurity(page, await page.reload());
      const next = await expectPageSecurity(page, await page.reload());
      expectThat(nonce !== next, 'two page loads got the same nonce');
      await expectApiSecurity(ownerContext, `${baseUrl}/api/health`);
    });

    await step(page, artifactsDir, 'repeated failed sign-ins are throttled', async () => {
      const unknownEmail = `nobody-${stamp}@e2e.captionary.dev`;
      const statuses: number[] = [];
      // The default limit is 10 failures per email and address in 15 minutes.
      for (let attempt = 1; attempt <= 11; attempt++) {
        const answered = page.waitForResponse((response) =>
          response.url().endsWith('/api/auth/callback/credentials'),
        );
        await submitSignInForm(page, unknownEmail, `guess ${attempt}`);
        const response = await answered;
        statuses.push(response.status());
        if (response.status() === 429) {
          const retryAfter = Number(response.headers()['retry-after']);
          expectThat(retryAfter > 0, `429 without a Retry-After: ${retryAfter}`);
        }
        await page.getByRole('button', { name: 'Sign in' }).waitFor();
      }
      expectThat(
        statuses.slice(0, 10).every((status) => status === 401) && statuses[10] === 429,
        `sign-in answers were ${statuses.join(', ')}`,
      );
      await page.getByRole('alert').filter({ hasText: 'Too many failed sign-ins.' }).waitFor();
    });

    await step(page, artifactsDir, 'wrong password is refused generically', async () => {
      await submitSignInForm(page, owner.email, 'not the password');
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
        await submitSignInForm(page, owner.email, owner.password);
        await expectDashboard(page, baseUrl, teamName);
        await page.screenshot({
          path: path.join(artifactsDir, '01-owner-dashboard.png'),
          fullPage: true,
        });
      },
    );

    await step(
      page,
      artifactsDir,
      'session cookie flags; cross-site mutation refused',
      async () => {
        await expectCookieFlags(ownerContext, ['next-auth.session-token'], {
          secure: secureCookies,
        });
        const forged = `Forged ${stamp}`;
        await expectCrossSiteMutationRefused(ownerContext, baseUrl, forged);
        await page.reload();
        await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
        const forgedCards = await page
          .getByTestId('project-card')
          .filter({ hasText: forged })
          .count();
        expectThat(forgedCards === 0, 'the cross-site post created a project');
      },
    );

    await step(page, artifactsDir, 'an unknown address shows the not-found page', async () => {
      const response = await page.goto(`${baseUrl}/no-such-page-${stamp}`);
      expectThat(response?.status() === 404, `an unknown page answered ${response?.status()}`);
      await expectPageSecurity(page, response);
      await page.goto(`${baseUrl}/`);
    });

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
      const link = await createInviteLink(page, baseUrl, memberEmail, 'REVIEWER');
      await page.screenshot({
        path: path.join(artifactsDir, '03-invite-created.png'),
        fullPage: true,
      });
      return link;
    });

    const { context: memberContext, page: memberPage } = await openPersonPage(
      browser,
      STEP_TIMEOUT_MS,
    );
    contexts.push(memberContext);
    const memberCspViolations = await collectCspViolations(memberContext);

    await step(memberPage, artifactsDir, 'invitee sets a name and password', async () => {
      await memberPage.goto(inviteLink);
      const shownEmail = await memberPage.getByTestId('invite-email').textContent();
      expectThat(
        shownEmail === memberEmail,
        `invite page shows "${shownEmail}", not ${memberEmail}`,
      );
      const shownTeam = await memberPage.getByTestId('invite-team').textContent();
      expectThat(shownTeam === teamName, `invite page shows team "${shownTeam}", not ${teamName}`);
      await waitForFormHydrated(memberPage, 'Create account and join');
      await memberPage.getByLabel('Your name').fill('Erin E2E');
      await memberPage.getByLabel('Password', { exact: true }).fill('short');
      await memberPage.getByRole('button', { name: 'Create account and join' }).click();
      await memberPage.getByText('Use at least 10 characters').waitFor();
      await joinWithNewAccount(
        memberPage,
        baseUrl,
        teamName,
        { name: 'Erin E2E', password: memberPassword },
        () =>
          memberPage.screenshot({
            path: path.join(artifactsDir, '04-invite-page.png'),
            fullPage: true,
          }),
      );
    });

    await step(memberPage, artifactsDir, 'the new member gets HttpOnly, Lax cookies', async () => {
      await expectCookieFlags(memberContext, ['next-auth.session-token', 'captionary.team'], {
        secure: secureCookies,
      });
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
      await submitSignInForm(memberPage, memberEmail, memberPassword);
      await expectDashboard(memberPage, baseUrl, teamName);
      await memberPage.getByTestId('project-card').filter({ hasText: projectName }).waitFor();
      const canCreate = await memberPage.getByRole('heading', { name: 'New project' }).count();
      expectThat(canCreate === 0, 'a reviewer must not see the new project form');
      await memberPage.screenshot({
        path: path.join(artifactsDir, '05-member-dashboard.png'),
        fullPage: true,
      });
    });

    await step(page, artifactsDir, 'no page reported a CSP violation', async () => {
      const all = [...cspViolations, ...memberCspViolations];
      expectThat(all.length === 0, `CSP violations:\n${all.join('\n')}`);
    });
  } finally {
    await Promise.all(contexts.map((context) => context.close().catch(() => {})));
  }
}
