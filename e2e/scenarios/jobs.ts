// An admin browses a project's images, captions them all with the tiny model and watches the job
// reach 100%, retries the job's failed row, sees a pre-label on a row, then starts a large job
// and cancels it. Rows are written straight to the database and storage folder (importing has
// its own scenario), one of them deliberately not an image.
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import sharp from 'sharp';
import { createDb, ObjectStorage, type Db } from '../../packages/db/src/index';
import { defaultWorkflow } from '../../packages/shared/src/index';
import { DATA_DIR } from '../../scripts/lib/paths';
import type { ScenarioContext } from '../scenario';
import { launchJob, waitForJobStatus } from '../support/caption-jobs';
import { openPersonPage, signIn } from '../support/people';
import { expectThat, step } from '../support/steps';

const STEP_TIMEOUT_MS = 20_000;
const JOB_TIMEOUT_MS = 120_000;

/** A project of the demo team with `count` JPEG rows; `broken` indexes hold non-image bytes. */
async function seedProject(
  db: Db,
  storage: ObjectStorage,
  teamId: string,
  name: string,
  count: number,
  broken: number[] = [],
): Promise<string> {
  const project = await db.project.create({
    data: { teamId, name, workflowConfig: defaultWorkflow() },
  });
  const rows = [];
  for (let i = 0; i < count; i++) {
    const background = { r: (i * 53) % 256, g: (i * 97 + 40) % 256, b: (i * 193 + 80) % 256 };
    const bytes = broken.includes(i)
      ? Buffer.from('<html>this is not an image</html>')
      : await sharp({ create: { width: 160, height: 120, channels: 3, background } })
          .jpeg()
          .toBuffer();
    const sha256 = createHash('sha256').update(bytes).update(randomUUID()).digest('hex');
    const storageKey = `projects/${project.id}/rows/${sha256}.jpg`;
    await storage.write(storageKey, bytes);
    rows.push({
      projectId: project.id,
      externalId: `photo-${String(i).padStart(4, '0')}.jpg`,
      sourceUri: `e2e/photo-${i}.jpg`,
      storageKey,
      sha256,
      mimeType: 'image/jpeg',
      byteSize: bytes.length,
      width: 160,
      height: 120,
    });
  }
  await db.dataRow.createMany({ data: rows });
  return project.id;
}

export async function run({ baseUrl, credentials, browser, artifactsDir }: ScenarioContext) {
  const admin = credentials.users[1];
  if (!admin || admin.role !== 'ADMIN') throw new Error('credentials.users[1] must be the ADMIN');
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('the jobs scenario needs DATABASE_URL');
  // The folder the platform's web app and worker share (scripts/lib/platform.ts).
  const storage = new ObjectStorage(process.env.STORAGE_DIR ?? path.join(DATA_DIR, 'storage'));
  const db = createDb(databaseUrl, { max: 2 });
  const stamp = Date.now().toString(36);
  let smallProject: string;
  let bigProject: string;
  try {
    smallProject = await seedProject(db, storage, credentials.team.id, `Photos ${stamp}`, 12, [11]);
    bigProject = await seedProject(db, storage, credentials.team.id, `Archive ${stamp}`, 400);
  } finally {
    await db.$disconnect();
  }

  const { context, page } = await openPersonPage(browser, STEP_TIMEOUT_MS);
  const shot = (name: string) =>
    page.screenshot({ path: path.join(artifactsDir, name), fullPage: true });
  try {
    await step(page, artifactsDir, 'admin signs in', () =>
      signIn(page, baseUrl, admin.email, admin.password),
    );

    await step(page, artifactsDir, 'admin sees the thumbnail grid', async () => {
      await page.goto(`${baseUrl}/projects/${smallProject}/rows`);
      await page.getByRole('heading', { level: 1, name: 'Rows' }).waitFor();
      await page.getByTestId('row-count').filter({ hasText: '12 rows' }).waitFor();
      const tiles = page.getByTestId('row-tile');
      expectThat((await tiles.count()) === 12, `expected 12 tiles, saw ${await tiles.count()}`);
      // A thumbnail made by the image route has loaded (it has a real width).
      const firstImage = tiles.first().getByRole('img');
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      while (
        !(await firstImage.evaluate((element) => {
          const image = element as unknown as { complete: boolean; naturalWidth: number };
          return image.complete && image.naturalWidth > 0;
        }))
      ) {
        expectThat(Date.now() < deadline, 'the first thumbnail did not load');
        await page.waitForTimeout(100);
      }
      await shot('01-row-browser.png');
    });

    await step(page, artifactsDir, 'admin launches a job on all rows', async () => {
      await page.getByRole('button', { name: 'Caption rows…' }).click();
      await launchJob(page, 12, { beforeStart: () => shot('02-launch-form.png') });
    });

    await step(page, artifactsDir, 'the progress bar reaches 100%', async () => {
      await waitForJobStatus(page, 'Completed', JOB_TIMEOUT_MS);
      const progress = page.getByTestId('job-progress');
      expectThat(
        (await progress.getAttribute('aria-valuenow')) === '100',
        'progress bar is not at 100%',
      );
      expectThat((await page.getByTestId('job-done').textContent()) === '11', 'expected 11 done');
      expectThat((await page.getByTestId('job-failed').textContent()) === '1', 'expected 1 failed');
      await page.getByTestId('job-failures').filter({ hasText: 'photo-0011.jpg' }).waitFor();
      await shot('03-job-completed.png');
    });

    await step(page, artifactsDir, 'admin retries the failed row only', async () => {
      await page.getByRole('button', { name: 'Retry 1 failed' }).click();
      // The row is not an image: it fails again, and nothing else is captioned twice.
      await page
        .getByRole('button', { name: 'Retry 1 failed' })
        .waitFor({ timeout: JOB_TIMEOUT_MS });
      await waitForJobStatus(page, 'Completed', JOB_TIMEOUT_MS);
      expectThat((await page.getByTestId('job-done').textContent()) === '11', 'expected 11 done');
      await shot('04-job-retried.png');
    });

    await step(page, artifactsDir, 'a row shows its pre-label', async () => {
      await page.goto(`${baseUrl}/projects/${smallProject}/rows`);
      await page.getByTestId('row-tile').first().getByRole('link').click();
      await page.getByRole('heading', { level: 1, name: 'photo-0000.jpg' }).waitFor();
      const caption = (await page.getByTestId('current-caption').textContent())?.trim() ?? '';
      expectThat(caption.length > 0, 'the row has no caption');
      const prediction = page.getByTestId('prediction').first();
      await prediction.filter({ hasText: caption }).waitFor();
      await prediction.filter({ hasText: 'tiny-blip2' }).waitFor();
      await shot('05-row-detail.png');
    });

    await step(page, artifactsDir, 'admin starts a large job and cancels it', async () => {
      await page.goto(`${baseUrl}/projects/${bigProject}/jobs`);
      await page.getByRole('heading', { level: 1, name: 'Caption jobs' }).waitFor();
      await launchJob(page, 400);
      await page.getByRole('button', { name: 'Cancel job' }).click();
      await waitForJobStatus(page, 'Cancelled', JOB_TIMEOUT_MS);
      const done = Number(await page.getByTestId('job-done').textContent());
      expectThat(done < 400, `the cancelled job still captioned all ${done} rows`);
      await shot('06-job-cancelled.png');
    });

    await step(page, artifactsDir, 'the job history lists both outcomes', async () => {
      await page.goto(`${baseUrl}/projects/${bigProject}/jobs`);
      await page.getByTestId('job-history').filter({ hasText: 'Cancelled' }).waitFor();
      await shot('07-job-history.png');
    });
  } finally {
    await context.close();
  }
}
