// The whole story, each person in their own browser: the owner invites an admin, a labeler and a
// reviewer, who join through their invite links. The admin connects a server folder, imports it
// and captions it with the tiny model. The labeler rewrites the pre-labels; the reviewer rejects
// one with a comment and approves the rest; the labeler reworks the rejected one and the reviewer
// approves it. The admin syncs the captions back to the folder and downloads an NDJSON export:
// the files on disk and the export hold exactly the approved captions. Everything after signing
// in goes through the UI; the review work uses only the keyboard.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  LabelboxNdjsonRow,
  SIDECAR_SUFFIX,
  SYNC_MANIFEST_NAME,
  SyncManifestLine,
  type TeamRole,
} from '../../packages/shared/src/index';
import { IMPORT_FIXTURES } from '../import-fixtures';
import type { ScenarioContext } from '../scenario';
import { launchJob, jobCount, waitForJobStatus } from '../support/caption-jobs';
import {
  importHistoryRow,
  startConnection,
  waitForImportFinished,
} from '../support/data-connections';
import { createInviteLink, joinWithNewAccount } from '../support/invitations';
import { expectDashboard, openPersonPage, signIn, type PersonPage } from '../support/people';
import { createProject, openProjectSection } from '../support/projects';
import {
  draftText,
  expectDraft,
  expectFocusedOnDraft,
  imageLoaded,
  openItemName,
  startQueue,
  waitForDone,
} from '../support/review-editor';
import { numberedShots } from '../support/screenshots';
import { expectThat, step } from '../support/steps';

const STEP_TIMEOUT_MS = 20_000;
const IMPORT_TIMEOUT_MS = 60_000;
const JOB_TIMEOUT_MS = 90_000;
const SYNC_TIMEOUT_MS = 60_000;
const EXPORT_TIMEOUT_MS = 60_000;

/** A sub-folder of the import fixtures with a handful of images and nothing broken. */
const FOLDER_NAME = 'street';
const FOLDER = `${IMPORT_FIXTURES.photosFolder}/${FOLDER_NAME}`;
const CONNECTION = 'Street photos';
/** What the labeler writes over each pre-label, by the image's path in the folder. */
const LABELER_CAPTIONS: Record<string, string> = {
  'corner.jpg': 'a quiet street corner with a bakery',
  'market.jpg': 'a busy market street with fruit stalls',
  'night/lamps.jpg': 'street lamps glowing along a wet road',
};
const REJECT_COMMENT = 'Say what time of day it is.';
const REWORK_ADDITION = ' in the early morning';

interface Member {
  role: TeamRole;
  name: string;
  email: string;
  password: string;
}

export async function run({
  baseUrl,
  credentials,
  browser,
  artifactsDir,
  imports,
}: ScenarioContext): Promise<void> {
  const owner = credentials.users[0];
  if (!owner || owner.role !== 'OWNER') throw new Error('credentials.users[0] must be the OWNER');
  const teamName = credentials.team.name;
  const files = IMPORT_FIXTURES.photoFiles
    .filter((file) => file.startsWith(`${FOLDER_NAME}/`))
    .map((file) => file.slice(FOLDER_NAME.length + 1));
  const missing = files.filter((file) => !LABELER_CAPTIONS[file]);
  if (missing.length) throw new Error(`no labeler caption for ${missing.join(', ')}`);

  const stamp = Date.now().toString(36);
  const member = (role: TeamRole, name: string): Member => ({
    role,
    name,
    email: `${role.toLowerCase()}-${stamp}@e2e.captionary.dev`,
    password: `${role.toLowerCase()} password ${stamp}`,
  });
  const adminMember = member('ADMIN', 'Ada Admin');
  const labelerMember = member('LABELER', 'Lee Labeler');
  const reviewerMember = member('REVIEWER', 'Rae Reviewer');
  const shot = await numberedShots(artifactsDir);
  const people: PersonPage[] = [];
  const personPage = async (options?: { acceptDownloads?: boolean }) => {
    const person = await openPersonPage(browser, STEP_TIMEOUT_MS, options);
    people.push(person);
    return person.page;
  };

  try {
    // 1. The team grows: three invites, each accepted in its own browser.
    const op = await personPage();
    await step(op, artifactsDir, 'owner signs in', async () => {
      await signIn(op, baseUrl, owner.email, owner.password);
      await expectDashboard(op, baseUrl, teamName);
      await shot(op, 'owner-dashboard');
    });

    const pages = new Map<TeamRole, Page>();
    for (const invitee of [adminMember, labelerMember, reviewerMember]) {
      const link = await step(op, artifactsDir, `owner invites the ${invitee.role}`, async () => {
        const created = await createInviteLink(op, baseUrl, invitee.email, invitee.role);
        await shot(op, `owner-invites-${invitee.role.toLowerCase()}`);
        return created;
      });
      const page = await personPage({ acceptDownloads: invitee.role === 'ADMIN' });
      pages.set(invitee.role, page);
      await step(page, artifactsDir, `the ${invitee.role} joins with the invite`, async () => {
        await page.goto(link);
        await page.getByTestId('invite-email').filter({ hasText: invitee.email }).waitFor();
        await joinWithNewAccount(page, baseUrl, teamName, invitee, () =>
          shot(page, `${invitee.role.toLowerCase()}-accepts-invite`),
        );
      });
    }
    const ap = pages.get('ADMIN')!;
    const lp = pages.get('LABELER')!;
    const rp = pages.get('REVIEWER')!;

    await step(op, artifactsDir, 'owner sees the three new members', async () => {
      await op.reload();
      const members = op.getByRole('region', { name: 'People in this team' });
      for (const joined of [adminMember, labelerMember, reviewerMember]) {
        await members.getByRole('row').filter({ hasText: joined.email }).waitFor();
      }
      const invites = op.getByRole('region', { name: 'Invites' });
      for (const joined of [adminMember, labelerMember, reviewerMember]) {
        await invites
          .getByRole('row')
          .filter({ hasText: joined.email })
          .filter({ hasText: 'Accepted' })
          .waitFor();
      }
      await shot(op, 'owner-members');
    });

    // 2. The admin brings the data in and captions it.
    const projectName = `Street survey ${stamp}`;
    const projectId = await step(ap, artifactsDir, 'admin creates a project', async () => {
      await shot(ap, 'admin-dashboard');
      return createProject(ap, projectName);
    });
    const reviewUrl = `${baseUrl}/projects/${projectId}/review`;

    await step(ap, artifactsDir, 'admin connects and imports the server folder', async () => {
      await openProjectSection(ap, 'Data');
      await ap.getByRole('heading', { level: 1, name: 'Data connections' }).waitFor();
      const panel = await startConnection(ap, 'Server folder', CONNECTION);
      await panel.getByLabel('Folder').fill(FOLDER);
      await shot(ap, 'admin-connects-folder');
      await panel.getByRole('button', { name: 'Connect and import' }).click();
      await panel.getByRole('status').filter({ hasText: 'Connected.' }).waitFor();
      await waitForImportFinished(ap, CONNECTION, files.length, IMPORT_TIMEOUT_MS);
      await importHistoryRow(ap, CONNECTION)
        .filter({ hasText: `${files.length} new` })
        .waitFor();
      await shot(ap, 'admin-folder-imported');
    });

    await step(ap, artifactsDir, 'admin captions the rows with the tiny model', async () => {
      await openProjectSection(ap, 'Jobs');
      await ap.getByRole('heading', { level: 1, name: 'Caption jobs' }).waitFor();
      await launchJob(ap, files.length, { beforeStart: () => shot(ap, 'admin-launches-job') });
      await ap
        .getByTestId('job-progress')
        .and(ap.locator('[aria-valuenow="100"]'))
        .waitFor({ timeout: JOB_TIMEOUT_MS });
      await waitForJobStatus(ap, 'Completed', JOB_TIMEOUT_MS);
      const done = await jobCount(ap, 'done');
      const failed = await jobCount(ap, 'failed');
      expectThat(
        done === files.length && failed === 0,
        `expected ${files.length} done and none failed, saw ${done} and ${failed}`,
      );
      await shot(ap, 'admin-job-completed');
      await openProjectSection(ap, 'Rows');
      await ap
        .getByTestId('row-count')
        .filter({ hasText: `${files.length} rows` })
        .waitFor();
      await shot(ap, 'admin-rows');
    });

    // 3. Labeling: each pre-label is rewritten from the keyboard.
    const prelabels = new Map<string, string>();
    const submitted = new Map<string, string>();
    await step(lp, artifactsDir, 'labeler rewrites the pre-labels', async () => {
      await startQueue(lp, reviewUrl, '1', 'label', () => shot(lp, 'labeler-review-queues'));
      for (let index = 0; index < files.length; index++) {
        await expectFocusedOnDraft(lp);
        await lp.getByTestId('provenance').filter({ hasText: 'tiny-blip2' }).waitFor();
        const name = await openItemName(lp);
        const caption = LABELER_CAPTIONS[name];
        expectThat(
          caption !== undefined && !submitted.has(name),
          `the label queue gave "${name}" (done so far: ${[...submitted.keys()].join(', ')})`,
        );
        prelabels.set(name, await draftText(lp));
        await lp.keyboard.press('Control+A');
        await lp.keyboard.type(caption!);
        await expectDraft(lp, caption!);
        if (index === 0) {
          await imageLoaded(lp);
          await shot(lp, 'labeler-rewrites-pre-label');
        }
        await lp.keyboard.press('Control+Enter');
        await waitForDone(lp, 'Submitted', name);
        submitted.set(name, caption!);
      }
      await lp.getByTestId('queue-empty').waitFor();
      await shot(lp, 'labeler-queue-done');
    });

    // 4. Review: one rejection with a comment, then approvals.
    let rejected = '';
    await step(rp, artifactsDir, 'reviewer rejects one caption and approves the rest', async () => {
      await startQueue(rp, reviewUrl, '2', 'review', () => shot(rp, 'reviewer-review-queues'));
      for (let index = 0; index < files.length; index++) {
        await expectFocusedOnDraft(rp);
        const name = await openItemName(rp);
        expectThat(submitted.has(name), `the review queue gave "${name}"`);
        await expectDraft(rp, submitted.get(name)!);
        if (index === 0) {
          await imageLoaded(rp);
          await shot(rp, 'reviewer-reads-caption');
          await rp.keyboard.press('Alt+KeyR');
          await rp.locator('#reject-comment:focus').waitFor();
          await rp.keyboard.type(REJECT_COMMENT);
          await shot(rp, 'reviewer-rejects-with-comment');
          await rp.keyboard.press('Control+Enter');
          await waitForDone(rp, 'Rejected and sent to rework', name);
          rejected = name;
        } else {
          await rp.keyboard.press('Control+Enter');
          await waitForDone(rp, 'Approved', name);
        }
      }
      await rp.getByTestId('queue-empty').waitFor();
    });
    const approved = new Map(submitted);
    approved.set(rejected, `${submitted.get(rejected)}${REWORK_ADDITION}`);

    await step(lp, artifactsDir, 'labeler reworks the rejected caption', async () => {
      await startQueue(lp, reviewUrl, '3', 'rework', () => shot(lp, 'labeler-rework-queue'));
      await lp.getByTestId('rejection-comment').filter({ hasText: REJECT_COMMENT }).waitFor();
      const name = await openItemName(lp);
      expectThat(name === rejected, `the rework queue gave "${name}", not "${rejected}"`);
      await expectDraft(lp, submitted.get(rejected)!);
      await expectFocusedOnDraft(lp);
      await lp.keyboard.press('Control+End');
      await lp.keyboard.type(REWORK_ADDITION);
      await expectDraft(lp, approved.get(rejected)!);
      await imageLoaded(lp);
      await shot(lp, 'labeler-reworks-caption');
      await lp.keyboard.press('Control+Enter');
      await waitForDone(lp, 'Submitted', rejected);
      await lp.getByTestId('queue-empty').waitFor();
    });

    await step(rp, artifactsDir, 'reviewer approves the reworked caption', async () => {
      // N on the empty queue looks again and takes the reworked item.
      await rp.keyboard.press('n');
      await expectDraft(rp, approved.get(rejected)!);
      await rp.getByTestId('revision-history').filter({ hasText: REJECT_COMMENT }).waitFor();
      await expectFocusedOnDraft(rp);
      await imageLoaded(rp);
      await shot(rp, 'reviewer-reads-rework');
      await rp.keyboard.press('Control+Enter');
      await waitForDone(rp, 'Approved', rejected);
      await rp.getByTestId('queue-empty').waitFor();
    });

    // 5. Sync back to the folder.
    await step(ap, artifactsDir, 'admin syncs the captions back to the folder', async () => {
      await openProjectSection(ap, 'Sync');
      const connection = ap
        .getByRole('region', { name: 'Connections' })
        .getByRole('row')
        .filter({ hasText: CONNECTION });
      await connection.filter({ hasText: 'Never' }).waitFor();
      await shot(ap, 'admin-sync-page');
      const approvedCell = (await connection.getByRole('cell').nth(2).textContent())?.trim();
      expectThat(
        approvedCell === String(files.length),
        `the connection lists ${approvedCell} approved captions, not ${files.length}`,
      );
      await connection.getByRole('button', { name: 'Sync now' }).click();
      // Each image's caption file and the manifest are new.
      const counts = `${files.length + 1} written · 0 removed · 0 unchanged`;
      await connection
        .filter({ hasText: /Finished · full check/ })
        .filter({ hasText: counts })
        .waitFor({ timeout: SYNC_TIMEOUT_MS });
      await ap
        .getByRole('region', { name: 'Sync history' })
        .getByRole('row')
        .filter({ hasText: CONNECTION })
        .filter({ hasText: counts })
        .waitFor();
      await shot(ap, 'admin-sync-finished');
    });

    await step(ap, artifactsDir, 'the folder holds the approved captions', async () => {
      const folder = path.join(imports.dataRoot, FOLDER);
      for (const [file, caption] of approved) {
        const sidecar = await readFile(path.join(folder, `${file}${SIDECAR_SUFFIX}`), 'utf8');
        expectThat(
          sidecar === `${caption}\n`,
          `${file}${SIDECAR_SUFFIX} holds ${JSON.stringify(sidecar)}, not the approved caption`,
        );
      }
      const manifest = (await readFile(path.join(folder, SYNC_MANIFEST_NAME), 'utf8'))
        .trimEnd()
        .split('\n')
        .map((line) => SyncManifestLine.parse(JSON.parse(line)));
      const listed = new Map(manifest.map((line) => [line.file, line.caption]));
      expectThat(
        manifest.length === approved.size && listed.size === approved.size,
        `${SYNC_MANIFEST_NAME} lists ${manifest.length} lines for ${approved.size} captions`,
      );
      for (const [file, caption] of approved) {
        expectThat(
          listed.get(file) === caption,
          `${SYNC_MANIFEST_NAME} has ${JSON.stringify(listed.get(file))} for ${file}`,
        );
      }
    });

    // 6. The export.
    await step(ap, artifactsDir, 'admin downloads the NDJSON export', async () => {
      await openProjectSection(ap, 'Exports');
      // The history renders in the browser: once it shows, the buttons work.
      await ap.getByTestId('export-history-empty').waitFor();
      await shot(ap, 'admin-exports-page');
      const [download] = await Promise.all([
        ap.waitForEvent('download', { timeout: EXPORT_TIMEOUT_MS }),
        ap.getByRole('button', { name: 'Export Labelbox NDJSON' }).click(),
      ]);
      const file = path.join(artifactsDir, 'export.ndjson');
      await download.saveAs(file);
      const rows = (await readFile(file, 'utf8'))
        .trimEnd()
        .split('\n')
        .map((line) => LabelboxNdjsonRow.parse(JSON.parse(line)));
      expectThat(rows.length === approved.size, `the export has ${rows.length} rows`);
      for (const row of rows) {
        const name = row.data_row.external_id;
        const label = row.projects[projectId]?.labels[0];
        const caption = label?.annotations.classifications[0]?.text_answer.content;
        expectThat(
          caption === approved.get(name),
          `the export has ${JSON.stringify(caption)} for ${name}, not the approved caption`,
        );
        const details = label!.label_details;
        expectThat(
          details.workflow_status === 'APPROVED' && details.created_by === labelerMember.email,
          `${name} is ${details.workflow_status}, written by ${details.created_by}`,
        );
        expectThat(
          details.prelabel?.content === prelabels.get(name),
          `${name} does not keep the pre-label the labeler started from`,
        );
        const decisions = details.reviews.map((review) => `${review.action} by ${review.reviewer}`);
        const expected = [
          ...(name === rejected ? [`REJECT by ${reviewerMember.email}`] : []),
          `APPROVE by ${reviewerMember.email}`,
        ];
        expectThat(
          decisions.join(', ') === expected.join(', '),
          `${name} has the reviews ${decisions.join(', ')}`,
        );
      }
      const rejection = rows
        .find((row) => row.data_row.external_id === rejected)
        ?.projects[projectId]?.labels[0]?.label_details.reviews.find(
          (review) => review.action === 'REJECT',
        );
      expectThat(rejection?.comment === REJECT_COMMENT, 'the export lost the rejection comment');
      await ap.getByTestId('export-history').getByRole('link', { name: 'Download' }).waitFor();
      await shot(ap, 'admin-export-downloaded');
    });
  } finally {
    await Promise.all(people.map((person) => person.context.close().catch(() => {})));
  }
}
