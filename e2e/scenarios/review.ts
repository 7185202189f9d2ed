// A labeler edits a pre-label and a reviewer rejects it, then approves it after rework — both
// using only the keyboard once signed in (page.keyboard and key presses; navigation by URL).
// Rows, pre-labels and work items are written straight to the database and storage folder, as a
// finished caption job of the tiny model would leave them (caption jobs have their own scenario).
import path from 'node:path';
import type { Page } from 'playwright-core';
import { defaultWorkflow, GenerationParams } from '../../packages/shared/src/index';
import type { ScenarioContext } from '../scenario';
import { signedInPage } from '../support/people';
import {
  expectDraft,
  expectFocusedOnDraft,
  expectFocusLeftDraft,
  imageLoaded,
  startQueue,
} from '../support/review-editor';
import { createImageRow, openScenarioStore, type ScenarioStore } from '../support/seeded-rows';
import { expectThat, step } from '../support/steps';

const STEP_TIMEOUT_MS = 20_000;
const PRELABEL = 'a dog sitting on the grass';
const LABELER_CAPTION = `${PRELABEL} next to a red ball`;
const REJECT_COMMENT = 'Say what colour the dog is.';
const REWORKED_CAPTION = 'a brown dog sitting on the grass next to a red ball';

/** A project with two pre-labelled rows waiting in the label step, oldest first. */
async function seedReviewProject(store: ScenarioStore, teamId: string) {
  const { db } = store;
  const project = await db.project.create({
    data: {
      teamId,
      name: `Review ${Date.now().toString(36)}`,
      captionInstructions: 'Describe the main subject, its colour, and the setting.',
      workflowConfig: defaultWorkflow(),
    },
  });
  const model = await db.modelVersion.upsert({
    where: { name_checksum: { name: 'tiny-blip2', checksum: 'e2e'.padEnd(64, '0') } },
    create: { name: 'tiny-blip2', checksum: 'e2e'.padEnd(64, '0'), tiny: true },
    update: {},
  });
  const params = GenerationParams.parse({});
  const job = await db.captionJob.create({
    data: {
      projectId: project.id,
      modelName: model.name,
      modelVersionId: model.id,
      params,
      status: 'COMPLETED',
      totalRows: 2,
      doneRows: 2,
    },
  });
  const captions = [PRELABEL, 'a cat on a windowsill'];
  const rowIds: string[] = [];
  for (const [index, caption] of captions.entries()) {
    const row = await createImageRow(store, project.id, {
      name: `photo-${String(index).padStart(4, '0')}.jpg`,
      background: { r: 120 + index * 60, g: 90, b: 60 },
    });
    const prediction = await db.prediction.create({
      data: {
        jobId: job.id,
        dataRowId: row.id,
        modelVersionId: model.id,
        caption,
        score: -1.42,
        latencyMs: 37,
        params,
      },
    });
    const label = await db.label.create({
      data: {
        projectId: project.id,
        dataRowId: row.id,
        caption,
        sourcePredictionId: prediction.id,
      },
    });
    await db.labelRevision.create({
      data: { labelId: label.id, action: 'PRELABEL', after: caption },
    });
    await db.workItem.create({
      data: {
        projectId: project.id,
        dataRowId: row.id,
        stepId: 'label',
        enteredStepAt: new Date(Date.now() - (captions.length - index) * 60_000),
      },
    });
    rowIds.push(row.id);
  }
  return { projectId: project.id, firstRowId: rowIds[0]! };
}

export async function run({ baseUrl, credentials, browser, artifactsDir }: ScenarioContext) {
  const reviewerUser = credentials.users[2];
  const labelerUser = credentials.users[3];
  if (reviewerUser?.role !== 'REVIEWER' || labelerUser?.role !== 'LABELER') {
    throw new Error('credentials.users[2] must be the REVIEWER and users[3] the LABELER');
  }
  const store = openScenarioStore('review');
  const { db } = store;
  try {
    const { projectId, firstRowId } = await seedReviewProject(store, credentials.team.id);
    const reviewUrl = `${baseUrl}/projects/${projectId}/review`;
    const shot = (page: Page, name: string) =>
      page.screenshot({ path: path.join(artifactsDir, name), fullPage: true });

    const labeler = await signedInPage(
      browser,
      baseUrl,
      labelerUser.email,
      labelerUser.password,
      STEP_TIMEOUT_MS,
    );
    const reviewer = await signedInPage(
      browser,
      baseUrl,
      reviewerUser.email,
      reviewerUser.password,
      STEP_TIMEOUT_MS,
    );
    const lp = labeler.page;
    const rp = reviewer.page;
    try {
      await step(lp, artifactsDir, 'labeler claims the first pre-label', async () => {
        await startQueue(lp, reviewUrl, '1', 'label');
        await expectDraft(lp, PRELABEL);
        await expectFocusedOnDraft(lp);
        await lp.getByTestId('provenance').filter({ hasText: 'tiny-blip2' }).waitFor();
        await lp.getByTestId('tiny-model-badge').waitFor();
        await imageLoaded(lp);
        await shot(lp, '01-labeler-claimed.png');
      });

      await step(lp, artifactsDir, 'labeler edits, undoes and edits again', async () => {
        await lp.keyboard.press('End');
        await lp.keyboard.type(' in a park');
        await expectDraft(lp, `${PRELABEL} in a park`);
        await lp.keyboard.press('Alt+KeyZ');
        await expectDraft(lp, PRELABEL);
        await lp.keyboard.press('End');
        await lp.keyboard.type(' next to a red ball');
        await expectDraft(lp, LABELER_CAPTION);
        await lp
          .getByTestId('diff-to-draft')
          .locator('ins')
          .filter({ hasText: 'next to a red ball' })
          .waitFor();
      });

      await step(
        lp,
        artifactsDir,
        'labeler opens the shortcut sheet with ? and goes back',
        async () => {
          // Esc leaves the caption box, so single keys are shortcuts: ? opens the sheet.
          await lp.keyboard.press('Escape');
          await expectFocusLeftDraft(lp);
          await lp.keyboard.press('?');
          const sheet = lp.getByRole('dialog', { name: 'Keyboard shortcuts' });
          await sheet.waitFor();
          await shot(lp, '02-shortcut-sheet.png');
          await lp.keyboard.press('Escape');
          await sheet.waitFor({ state: 'hidden' });
          // E puts the cursor back in the caption, so the finishing keys can be pressed there.
          await lp.keyboard.press('e');
          await expectFocusedOnDraft(lp);
          await expectDraft(lp, LABELER_CAPTION);
          await shot(lp, '03-labeler-edited.png');
        },
      );

      await step(
        lp,
        artifactsDir,
        'labeler submits with Ctrl+Enter and gets the next item',
        async () => {
          await lp.keyboard.press('Control+Enter');
          await lp
            .getByTestId('session-status')
            .filter({ hasText: 'Submitted: photo-0000.jpg' })
            .waitFor();
          await expectDraft(lp, 'a cat on a windowsill');
        },
      );

      await step(rp, artifactsDir, 'reviewer sees the tracked changes and rejects', async () => {
        await startQueue(rp, reviewUrl, '2', 'review');
        await expectDraft(rp, LABELER_CAPTION);
        const diff = rp.getByTestId('diff-prelabel-to-submitted');
        await diff.locator('ins').filter({ hasText: 'next to a red ball' }).waitFor();
        await imageLoaded(rp);
        await shot(rp, '04-reviewer-tracked-changes.png');
        await rp.keyboard.press('Alt+KeyR');
        await rp.getByLabel('What should be fixed? (required)').waitFor();
        // An empty comment is refused before anything is sent.
        await rp.keyboard.press('Control+Enter');
        await rp.getByText('Say what should be fixed').waitFor();
        await rp.keyboard.type(REJECT_COMMENT);
        await shot(rp, '05-reviewer-reject-comment.png');
        await rp.keyboard.press('Control+Enter');
        await rp
          .getByTestId('session-status')
          .filter({ hasText: 'Rejected and sent to rework' })
          .waitFor();
        await rp.getByTestId('queue-empty').waitFor();
      });

      await step(
        lp,
        artifactsDir,
        'labeler sees the comment in rework, fixes and submits',
        async () => {
          await startQueue(lp, reviewUrl, '3', 'rework');
          await lp.getByTestId('rejection-comment').filter({ hasText: REJECT_COMMENT }).waitFor();
          await expectDraft(lp, LABELER_CAPTION);
          await expectFocusedOnDraft(lp);
          await lp.keyboard.press('Control+A');
          await lp.keyboard.type(REWORKED_CAPTION);
          await expectDraft(lp, REWORKED_CAPTION);
          await shot(lp, '06-labeler-rework.png');
          await lp.keyboard.press('Control+Enter');
          await lp
            .getByTestId('session-status')
            .filter({ hasText: 'Submitted: photo-0000.jpg' })
            .waitFor();
        },
      );

      await step(rp, artifactsDir, 'reviewer takes the next item with N and approves', async () => {
        await rp.keyboard.press('n');
        await expectDraft(rp, REWORKED_CAPTION);
        await rp.getByTestId('revision-history').filter({ hasText: REJECT_COMMENT }).waitFor();
        // Esc leaves the caption box, so single keys zoom instead of typing.
        await rp.keyboard.press('Escape');
        await rp.keyboard.press('+');
        await rp.getByTestId('zoom-level').filter({ hasText: '125%' }).waitFor();
        await rp.keyboard.press('ArrowRight');
        await shot(rp, '07-reviewer-before-approve.png');
        await rp.keyboard.press('e');
        await rp.keyboard.press('Control+Enter');
        await rp
          .getByTestId('session-status')
          .filter({ hasText: 'Approved: photo-0000.jpg' })
          .waitFor();
        await rp.getByTestId('queue-empty').waitFor();
      });

      await step(rp, artifactsDir, 'the caption is approved with its full history', async () => {
        const label = await db.label.findUniqueOrThrow({
          where: { dataRowId: firstRowId },
          include: { revisions: { orderBy: { createdAt: 'asc' } } },
        });
        expectThat(label.status === 'APPROVED', `label is ${label.status}, not APPROVED`);
        expectThat(label.caption === REWORKED_CAPTION, `caption is "${label.caption}"`);
        const actions = label.revisions.map((r) => r.action).join(' → ');
        expectThat(
          actions === 'PRELABEL → SUBMIT → REJECT → SUBMIT → APPROVE',
          `history is ${actions}`,
        );
        const reject = label.revisions.find((r) => r.action === 'REJECT');
        expectThat(reject?.comment === REJECT_COMMENT, 'the rejection comment was not kept');
        const item = await db.workItem.findUniqueOrThrow({ where: { dataRowId: firstRowId } });
        expectThat(item.status === 'DONE', `work item is ${item.status}, not DONE`);

        await rp.goto(`${baseUrl}/projects/${projectId}/rows/${firstRowId}`);
        await rp.getByTestId('current-caption').filter({ hasText: REWORKED_CAPTION }).waitFor();
        await shot(rp, '08-row-approved.png');
      });

      await step(rp, artifactsDir, 'analytics count the rejection', async () => {
        await rp.goto(`${baseUrl}/projects/${projectId}/analytics`);
        await rp.getByTestId('step-rejection-row').filter({ hasText: '50%' }).waitFor();
        await shot(rp, '09-analytics.png');
      });
    } finally {
      await labeler.context.close();
      await reviewer.context.close();
    }
  } finally {
    await db.$disconnect();
  }
}
