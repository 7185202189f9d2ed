// A reviewer downloads a reviewer-approved caption as Labelbox NDJSON from the project's exports
// page, and the file holds the caption, its review and its pre-label. The approved label is
// written straight to the database (the review flow has its own scenario).
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createDb, type Db } from '../../packages/db/src/index';
import { defaultWorkflow, LabelboxNdjsonRow } from '../../packages/shared/src/index';
import type { ScenarioContext } from '../scenario';
import { signIn } from '../support/people';
import { expectThat } from '../support/steps';

const EXPORT_TIMEOUT_MS = 60_000;

interface SeededLabel {
  projectId: string;
  externalId: string;
  caption: string;
  prelabel: string;
}

/** A project with one row whose pre-label a labeler edited and the reviewer approved. */
async function seedApprovedCaption(db: Db, teamId: string, reviewerEmail: string) {
  const stamp = randomUUID().slice(0, 8);
  const reviewer = await db.user.findUniqueOrThrow({ where: { email: reviewerEmail } });
  const labeler = await db.user.findUniqueOrThrow({
    where: { email: 'labeler@demo.captionary.dev' },
  });
  const project = await db.project.create({
    data: { teamId, name: `Export e2e ${stamp}`, workflowConfig: defaultWorkflow() },
  });
  const externalId = `kite-${stamp}.jpg`;
  const row = await db.dataRow.create({
    data: {
      projectId: project.id,
      externalId,
      sourceUri: `e2e/${externalId}`,
      storageKey: `projects/${project.id}/rows/${stamp}.jpg`,
      sha256: createHash('sha256').update(stamp).digest('hex'),
      mimeType: 'image/jpeg',
      byteSize: 1234,
      width: 160,
      height: 120,
    },
  });
  const model = await db.modelVersion.create({
    data: {
      name: `e2e-model-${stamp}`,
      checksum: createHash('sha256').update(stamp).digest('hex'),
    },
  });
  const job = await db.captionJob.create({
    data: {
      projectId: project.id,
      modelName: model.name,
      modelVersionId: model.id,
      params: {},
      status: 'COMPLETED',
      totalRows: 1,
      doneRows: 1,
    },
  });
  const prelabel = 'a kite in the sky';
  const caption = 'a red kite over a green hill';
  const prediction = await db.prediction.create({
    data: {
      jobId: job.id,
      dataRowId: row.id,
      modelVersionId: model.id,
      caption: prelabel,
      score: -1.1,
      latencyMs: 30,
      params: {},
    },
  });
  const label = await db.label.create({
    data: {
      projectId: project.id,
      dataRowId: row.id,
      caption,
      status: 'APPROVED',
      sourcePredictionId: prediction.id,
      createdById: labeler.id,
      approvedAt: new Date(),
    },
  });
  await db.labelRevision.createMany({
    data: [
      { labelId: label.id, action: 'PRELABEL', stepId: 'label', after: prelabel },
      {
        labelId: label.id,
        actorId: labeler.id,
        action: 'EDIT',
        stepId: 'label',
        before: prelabel,
        after: caption,
      },
      { labelId: label.id, actorId: labeler.id, action: 'SUBMIT', stepId: 'label' },
      {
        labelId: label.id,
        actorId: reviewer.id,
        action: 'APPROVE',
        stepId: 'review',
        comment: 'clear',
      },
    ],
  });
  await db.workItem.create({
    data: { projectId: project.id, dataRowId: row.id, stepId: 'done', status: 'DONE' },
  });
  return { projectId: project.id, externalId, caption, prelabel } satisfies SeededLabel;
}

export async function run({ baseUrl, credentials, browser, artifactsDir }: ScenarioContext) {
  const reviewer = credentials.users[2];
  if (!reviewer || reviewer.role !== 'REVIEWER') {
    throw new Error('credentials.users[2] must be the REVIEWER');
  }
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('the export scenario needs DATABASE_URL');
  const db = createDb(databaseUrl, { max: 2 });
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  let projectId: string | undefined;
  try {
    const seeded = await seedApprovedCaption(db, credentials.team.id, reviewer.email);
    projectId = seeded.projectId;
    await signIn(page, baseUrl, reviewer.email, reviewer.password);
    await page.goto(`${baseUrl}/projects/${seeded.projectId}/rows`);
    await page
      .getByRole('navigation', { name: 'Project' })
      .getByRole('link', { name: 'Exports' })
      .click();
    await page.waitForURL(`${baseUrl}/projects/${seeded.projectId}/exports`);
    // The history renders in the browser: once it shows, the page is interactive.
    await page.getByTestId('export-history-empty').waitFor();

    // The export runs in the background; the page downloads the file when it is ready.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: EXPORT_TIMEOUT_MS }),
      page.getByRole('button', { name: 'Export Labelbox NDJSON' }).click(),
    ]);
    expectThat(
      /-labelbox-ndjson-\d{8}-\d{6}\.ndjson$/.test(download.suggestedFilename()),
      `unexpected file name ${download.suggestedFilename()}`,
    );
    const file = path.join(artifactsDir, download.suggestedFilename());
    await download.saveAs(file);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expectThat(lines.length === 1, `expected one NDJSON line, got ${lines.length}`);
    const line = LabelboxNdjsonRow.parse(JSON.parse(lines[0]!));
    const label = line.projects[seeded.projectId]?.labels[0];
    expectThat(
      line.data_row.external_id === seeded.externalId,
      'the data row is not the seeded one',
    );
    expectThat(
      label?.annotations.classifications[0]?.text_answer.content === seeded.caption,
      `the caption is not the approved one: ${JSON.stringify(label?.annotations)}`,
    );
    expectThat(
      label?.label_details.reviews.at(-1)?.reviewer === reviewer.email &&
        label.label_details.reviews.at(-1)?.action === 'APPROVE',
      'the approval by the reviewer is missing',
    );
    expectThat(
      label?.label_details.prelabel?.content === seeded.prelabel,
      'the pre-label is missing',
    );

    // The history keeps the file for another download.
    const history = page.getByTestId('export-history');
    await history.getByRole('link', { name: 'Download' }).first().waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'exports-page.png'), fullPage: true });
    const record = await db.export.findFirstOrThrow({
      where: { projectId: seeded.projectId },
      include: { createdBy: true },
    });
    expectThat(
      record.status === 'SUCCEEDED' &&
        record.rowCount === 1 &&
        record.createdBy?.email === reviewer.email,
      `the export record is wrong: ${record.status}, ${record.rowCount} rows`,
    );
  } catch (error) {
    await page
      .screenshot({ path: path.join(artifactsDir, 'failed.png'), fullPage: true })
      .catch(() => {});
    // What the export itself did, to tell a page problem from a worker problem.
    const exports = projectId
      ? await db.export.findMany({ where: { projectId }, select: { status: true, error: true } })
      : [];
    throw new Error(
      `${(error as Error).message}\nexports of the project: ${JSON.stringify(exports)}`,
      {
        cause: error,
      },
    );
  } finally {
    await context.close();
    await db.$disconnect();
  }
}
