// Two people change the same caption: a reviewer edits an item in the browser while the owner,
// through the REST API, takes it over once the reviewer's lease has run out and approves their own
// edit. The reviewer's approval then meets a newer version: the editor shows the conflict dialog
// with the owner's caption. "Reload" keeps the owner's caption; "Keep mine" takes the item again
// where it now waits (a second review step) and approves the reviewer's caption on top.
import path from 'node:path';
import { WorkflowConfig } from '../../packages/shared/src/index';
import type { ScenarioContext } from '../scenario';
import { expectDraft } from '../support/review-editor';
import { createImageRow, openScenarioStore, type ScenarioStore } from '../support/seeded-rows';
import { expectThat, step } from '../support/steps';

const STEP_TIMEOUT_MS = 20_000;
const ROWS = [
  {
    name: 'harbour-0000.jpg',
    submitted: 'boats in a harbour',
    theirs: 'fishing boats moored in a harbour',
    mine: 'boats in a harbour at noon',
  },
  {
    name: 'harbour-0001.jpg',
    submitted: 'a lighthouse',
    theirs: 'a white lighthouse on rocks',
    mine: 'a red and white lighthouse on a cliff',
  },
] as const;

/** Review, then an audit of captions people wrote: both open to reviewers. */
const WORKFLOW = WorkflowConfig.parse({
  steps: [
    { id: 'label', name: 'Label', type: 'label' },
    { id: 'review', name: 'Review', type: 'review' },
    { id: 'audit', name: 'Audit', type: 'review', filter: { captionBy: 'human' } },
    { id: 'rework', name: 'Rework', type: 'rework' },
    { id: 'done', name: 'Done', type: 'done' },
  ],
});

/** Two rows whose captions the labeler submitted: both wait in the review step, oldest first. */
async function seedSubmittedRows(store: ScenarioStore, teamId: string, labelerId: string) {
  const { db } = store;
  const project = await db.project.create({
    data: { teamId, name: `Conflicts ${Date.now().toString(36)}`, workflowConfig: WORKFLOW },
  });
  const itemIds: string[] = [];
  for (const [index, row] of ROWS.entries()) {
    const dataRow = await createImageRow(store, project.id, {
      name: row.name,
      background: { r: 40, g: 90 + index, b: 160 },
    });
    await db.label.create({
      data: {
        projectId: project.id,
        dataRowId: dataRow.id,
        caption: row.submitted,
        status: 'SUBMITTED',
        createdById: labelerId,
        revisions: {
          create: [{ actorId: labelerId, action: 'SUBMIT', stepId: 'label', after: row.submitted }],
        },
      },
    });
    // One submit since the item entered the workflow: version 2.
    const item = await db.workItem.create({
      data: {
        projectId: project.id,
        dataRowId: dataRow.id,
        stepId: 'review',
        version: 2,
        enteredStepAt: new Date(Date.now() - (ROWS.length - index) * 60_000),
      },
    });
    itemIds.push(item.id);
  }
  return { projectId: project.id, itemIds };
}

export async function run({ baseUrl, credentials, browser, artifactsDir }: ScenarioContext) {
  const reviewerUser = credentials.users[2];
  const labelerUser = credentials.users[3];
  if (reviewerUser?.role !== 'REVIEWER' || labelerUser?.role !== 'LABELER') {
    throw new Error('credentials.users[2] must be the REVIEWER and users[3] the LABELER');
  }
  const store = openScenarioStore('review-conflict');
  const { db } = store;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const shot = (name: string) =>
    page.screenshot({ path: path.join(artifactsDir, name), fullPage: true });
  try {
    const labeler = await db.user.findUniqueOrThrow({ where: { email: labelerUser.email } });
    const owner = await db.user.findUniqueOrThrow({
      where: { email: credentials.users[0]!.email },
    });
    const { projectId, itemIds } = await seedSubmittedRows(store, credentials.team.id, labeler.id);

    /** The owner, through the API, takes the item once its lease ran out and approves an edit. */
    async function ownerApprovesOwnEdit(itemId: string, caption: string) {
      await db.workItem.update({
        where: { id: itemId },
        data: { leaseExpiresAt: new Date(Date.now() - 1_000) },
      });
      const headers = {
        authorization: `Bearer ${credentials.apiKey.key}`,
        'content-type': 'application/json',
      };
      const claimed = await fetch(`${baseUrl}/api/v1/projects/${projectId}/steps/review/claim`, {
        method: 'POST',
        headers,
      });
      expectThat(claimed.status === 200, `the owner's claim answered ${claimed.status}`);
      const { item } = (await claimed.json()) as { item: { id: string; version: number } };
      expectThat(item.id === itemId, 'the owner did not get the item whose lease ran out');
      const approved = await fetch(`${baseUrl}/api/v1/work-items/${itemId}/approve`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ version: item.version, caption }),
      });
      expectThat(approved.status === 200, `the owner's approval answered ${approved.status}`);
    }

    async function historyOf(itemId: string) {
      const item = await db.workItem.findUniqueOrThrow({ where: { id: itemId } });
      const label = await db.label.findUniqueOrThrow({
        where: { dataRowId: item.dataRowId },
        include: { revisions: { orderBy: { createdAt: 'asc' } } },
      });
      return { item, label, actions: label.revisions.map((r) => r.action).join(' → ') };
    }

    await step(page, artifactsDir, 'the reviewer opens the first item and edits it', async () => {
      await page.goto(`${baseUrl}/sign-in`);
      await page.getByLabel('Email').fill(reviewerUser.email);
      await page.getByLabel('Password').fill(reviewerUser.password);
      await page.getByLabel('Password').press('Enter');
      await page.waitForURL(`${baseUrl}/`);
      await page.goto(`${baseUrl}/projects/${projectId}/review/review`);
      await expectDraft(page, ROWS[0].submitted);
      await page.locator('#caption-draft:focus').waitFor();
      await page.keyboard.press('End');
      await page.keyboard.type(' at noon');
      await expectDraft(page, ROWS[0].mine);
    });

    await step(
      page,
      artifactsDir,
      'a stale approval shows the conflict; reload takes theirs',
      async () => {
        await ownerApprovesOwnEdit(itemIds[0]!, ROWS[0].theirs);
        await page.keyboard.press('Control+Enter');
        const dialog = page.getByRole('dialog', { name: 'Someone changed this caption' });
        await dialog.waitFor();
        await dialog.getByText(ROWS[0].theirs, { exact: true }).waitFor();
        await dialog.getByText('Olivia Owner saved a newer version').waitFor();
        await shot('01-conflict-dialog.png');
        await dialog.getByRole('button', { name: 'Reload (take theirs)' }).click();
        await dialog.waitFor({ state: 'hidden' });
        await page.getByRole('heading', { name: 'This item has moved on' }).waitFor();
        await page.getByText('It is now in Audit').waitFor();

        const { item, label, actions } = await historyOf(itemIds[0]!);
        expectThat(label.caption === ROWS[0].theirs, `caption is "${label.caption}"`);
        expectThat(actions === 'SUBMIT → APPROVE', `history is ${actions}`);
        expectThat(label.revisions.at(-1)?.actorId === owner.id, 'the approval is not the owner’s');
        expectThat(
          item.stepId === 'audit' && item.version === 3,
          `item is ${item.stepId} v${item.version}`,
        );
      },
    );

    await step(page, artifactsDir, 'the next item: keep mine approves over theirs', async () => {
      await page.keyboard.press('n');
      await expectDraft(page, ROWS[1].submitted);
      await page.locator('#caption-draft:focus').waitFor();
      await page.keyboard.press('Control+A');
      await page.keyboard.type(ROWS[1].mine);
      await expectDraft(page, ROWS[1].mine);
      await ownerApprovesOwnEdit(itemIds[1]!, ROWS[1].theirs);
      await page.keyboard.press('Control+Enter');
      const dialog = page.getByRole('dialog', { name: 'Someone changed this caption' });
      await dialog.getByText(ROWS[1].theirs, { exact: true }).waitFor();
      await shot('02-conflict-keep-mine.png');
      await dialog.getByRole('button', { name: 'Keep mine (approve on their version)' }).click();
      await page
        .getByTestId('session-status')
        .filter({ hasText: `Approved: ${ROWS[1].name}` })
        .waitFor();
      await page.getByTestId('queue-empty').waitFor();

      const { item, label, actions } = await historyOf(itemIds[1]!);
      expectThat(label.caption === ROWS[1].mine, `caption is "${label.caption}"`);
      expectThat(label.status === 'APPROVED', `label is ${label.status}`);
      expectThat(actions === 'SUBMIT → APPROVE → APPROVE', `history is ${actions}`);
      const [, theirs, mine] = label.revisions;
      expectThat(theirs?.actorId === owner.id, 'the first approval is not the owner’s');
      expectThat(
        mine?.before === ROWS[1].theirs && mine.after === ROWS[1].mine,
        'the merge did not go from their caption to mine',
      );
      expectThat(
        item.status === 'DONE' && item.version === 4,
        `item is ${item.status} v${item.version}`,
      );
      await shot('03-kept-mine.png');
    });
  } finally {
    await context.close();
    await db.$disconnect();
  }
}
