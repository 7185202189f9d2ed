// An admin fills a new project from the Data page: a server folder (one file in it is not an
// image), a URL list (one URL answers 404, one points at a private address the import must refuse
// without fetching), and two files uploaded through the form. The rows show thumbnails; a caption
// job with the tiny model reaches 100% with one failure (the stored original of one row is
// damaged on disk meanwhile), and retrying only that row, once the file is back, completes it. A
// forced job over a larger folder is cancelled, and a row shows its pre-label.
import path from 'node:path';
import type { Locator } from 'playwright-core';
import sharp from 'sharp';
import { createDb, ObjectStorage } from '../../packages/db/src/index';
import { DATA_DIR } from '../../scripts/lib/paths';
import { IMPORT_FIXTURES } from '../import-fixtures';
import type { ScenarioContext } from '../scenario';
import { jobCount, launchJob, waitForJobStatus } from '../support/caption-jobs';
import {
  importHistoryRow,
  startConnection,
  waitForImportFinished,
} from '../support/data-connections';
import { openPersonPage, signIn } from '../support/people';
import { createProject, openProjectSection } from '../support/projects';
import { expectThat, step } from '../support/steps';

const STEP_TIMEOUT_MS = 20_000;
const IMPORT_TIMEOUT_MS = 90_000;
const JOB_TIMEOUT_MS = 120_000;
/** Upload speed while the upload form sends its files, so its progress bar can be seen. */
const THROTTLED_UPLOAD_BYTES_PER_S = 256 * 1024;

async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** A JPEG of noise: large enough (a few hundred KB) that a throttled upload takes a while. */
async function noisyJpeg(seed: number): Promise<Buffer> {
  const width = 640;
  const height = 480;
  const pixels = Buffer.alloc(width * height * 3);
  let state = seed * 2_654_435_761;
  for (let i = 0; i < pixels.length; i++) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    pixels[i] = state >>> 24;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 92 })
    .toBuffer();
}

export async function run({
  baseUrl,
  credentials,
  browser,
  artifactsDir,
  imports,
}: ScenarioContext) {
  const admin = credentials.users[1];
  if (!admin || admin.role !== 'ADMIN') throw new Error('credentials.users[1] must be the ADMIN');
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('the data-import scenario needs DATABASE_URL');
  // The folder the platform's web app and worker share (scripts/lib/platform.ts).
  const storage = new ObjectStorage(process.env.STORAGE_DIR ?? path.join(DATA_DIR, 'storage'));
  const stamp = Date.now().toString(36);
  const projectName = `Field survey ${stamp}`;
  const photoCount = IMPORT_FIXTURES.photoFiles.length;
  const urlCount = IMPORT_FIXTURES.servedImages.length;
  const uploadCount = 2;
  const firstRows = photoCount + urlCount + uploadCount;
  const allRows = firstRows + IMPORT_FIXTURES.archiveCount;
  const privateUrl = 'http://169.254.169.254/latest/meta-data/photo.jpg';
  const missingUrl = `${imports.imageServerUrl}/images/missing.jpg`;

  const { context, page } = await openPersonPage(browser, STEP_TIMEOUT_MS);
  const shot = (name: string) =>
    page.screenshot({ path: path.join(artifactsDir, name), fullPage: true });
  const db = createDb(databaseUrl, { max: 2 });
  let projectId = '';
  try {
    await step(page, artifactsDir, 'admin signs in and creates a project', async () => {
      await signIn(page, baseUrl, admin.email, admin.password);
      projectId = await createProject(page, projectName);
      await openProjectSection(page, 'Data');
      await page.getByRole('heading', { level: 1, name: 'Data connections' }).waitFor();
      await page.getByText('No data yet.').waitFor();
      await shot('01-empty-data-page.png');
    });

    await step(page, artifactsDir, 'admin imports a server folder', async () => {
      const panel = await startConnection(page, 'Server folder', 'Survey photos');
      await panel.getByLabel('Folder').fill(IMPORT_FIXTURES.photosFolder);
      await shot('02-folder-form.png');
      await panel.getByRole('button', { name: 'Connect and import' }).click();
      await panel.getByRole('status').filter({ hasText: 'Connected.' }).waitFor();
      await waitForImportFinished(page, 'Survey photos', photoCount + 1, IMPORT_TIMEOUT_MS);
      const run = importHistoryRow(page, 'Survey photos');
      await run.filter({ hasText: `${photoCount} new` }).waitFor();
      await run.filter({ hasText: '1 failed' }).waitFor();
      await run.getByText('Failures').click();
      const failure = run.getByRole('listitem').filter({ hasText: 'notes.jpg' });
      const reason = await text(failure);
      expectThat(
        /not an image/i.test(reason),
        `the broken file should fail as not an image, the page says: ${reason}`,
      );
      const connection = page
        .getByRole('region', { name: 'Connections' })
        .getByRole('row')
        .filter({ hasText: 'Survey photos' });
      await connection.filter({ hasText: `DATA_ROOT/${IMPORT_FIXTURES.photosFolder}` }).waitFor();
      await shot('03-folder-imported.png');
    });

    await step(page, artifactsDir, 'admin imports a URL list', async () => {
      const panel = await startConnection(page, 'URL list', 'Partner links');
      const urls = [
        ...IMPORT_FIXTURES.servedImages.map((urlPath) => `${imports.imageServerUrl}${urlPath}`),
        missingUrl,
        privateUrl,
      ];
      await panel.getByLabel('URLs').fill(urls.join('\n'));
      await shot('04-url-list-form.png');
      await panel.getByRole('button', { name: 'Connect and import' }).click();
      await panel.getByRole('status').filter({ hasText: 'Connected.' }).waitFor();
      await waitForImportFinished(page, 'Partner links', urls.length, IMPORT_TIMEOUT_MS);
      const run = importHistoryRow(page, 'Partner links');
      await run.filter({ hasText: `${urlCount} new` }).waitFor();
      await run.filter({ hasText: '2 failed' }).waitFor();
      await run.getByText('Failures').click();
      const missing = await text(run.getByRole('listitem').filter({ hasText: missingUrl }));
      expectThat(missing.includes('HTTP 404'), `the missing URL should fail with 404: ${missing}`);
      const refused = await text(run.getByRole('listitem').filter({ hasText: privateUrl }));
      expectThat(
        refused.includes('private or reserved address'),
        `the private address should be refused by the address check: ${refused}`,
      );
      const fetched = imports.imageServerRequests.filter((p) => p.includes('meta-data'));
      expectThat(fetched.length === 0, 'the private URL reached the image server');
      await shot('05-url-list-imported.png');
    });

    await step(page, artifactsDir, 'admin uploads two files with a progress bar', async () => {
      const panel = await startConnection(page, 'Upload files', 'Phone uploads');
      await panel.getByRole('button', { name: 'Create upload connection' }).click();
      await panel.getByRole('status').filter({ hasText: 'Created.' }).waitFor();
      // The new connection's upload area opens by itself; its button toggles it.
      const toggle = page
        .getByRole('region', { name: 'Connections' })
        .getByRole('row')
        .filter({ hasText: 'Phone uploads' })
        .getByRole('button', { name: 'Upload files' });
      const uploader = page.getByRole('region', { name: 'Upload to Phone uploads' });
      await uploader.getByRole('button', { name: /Drop images here/ }).waitFor();
      expectThat(
        (await toggle.getAttribute('aria-expanded')) === 'true',
        'the "Upload files" button does not say its area is open',
      );
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: THROTTLED_UPLOAD_BYTES_PER_S,
      });
      try {
        const files = [
          { name: 'upload-dunes.jpg', mimeType: 'image/jpeg', buffer: await noisyJpeg(1) },
          { name: 'upload-cliffs.jpg', mimeType: 'image/jpeg', buffer: await noisyJpeg(2) },
        ];
        // The drop area works from the keyboard: Enter opens the file chooser.
        const chooser = page.waitForEvent('filechooser');
        await uploader.getByRole('button', { name: /Drop images here/ }).focus();
        await page.keyboard.press('Enter');
        const fileChooser = await chooser;
        expectThat(fileChooser.isMultiple(), 'the file chooser takes one file only');
        await fileChooser.setFiles(files);
        await uploader.getByRole('progressbar', { name: 'Upload progress' }).waitFor();
        // The bar moves while the (throttled) files are sent.
        await uploader.getByText(/^Uploading [1-9]\d?%$/).waitFor();
        await shot('06-upload-progress.png');
      } finally {
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: 0,
          downloadThroughput: -1,
          uploadThroughput: -1,
        });
        await cdp.detach();
      }
      await uploader
        .getByRole('status')
        .filter({ hasText: `${uploadCount} new, 0 already present, 0 failed.` })
        .waitFor({ timeout: IMPORT_TIMEOUT_MS });
      await waitForImportFinished(page, 'Phone uploads', uploadCount, IMPORT_TIMEOUT_MS);
      await importHistoryRow(page, 'Phone uploads')
        .filter({ hasText: `${uploadCount} new` })
        .waitFor();
      await shot('07-uploaded.png');
    });

    await step(page, artifactsDir, 'the rows show thumbnails', async () => {
      await openProjectSection(page, 'Rows');
      await page.getByRole('heading', { level: 1, name: 'Rows' }).waitFor();
      await page
        .getByTestId('row-count')
        .filter({ hasText: `${firstRows} rows` })
        .waitFor();
      const images = page.getByTestId('row-tile').getByRole('img');
      expectThat(
        (await images.count()) === firstRows,
        `expected ${firstRows} thumbnails, saw ${await images.count()}`,
      );
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      for (;;) {
        const loaded = await images.evaluateAll(
          (elements) =>
            elements.filter((element) => {
              const image = element as unknown as { complete: boolean; naturalWidth: number };
              return image.complete && image.naturalWidth > 0;
            }).length,
        );
        if (loaded === firstRows) break;
        expectThat(Date.now() < deadline, `only ${loaded} of ${firstRows} thumbnails loaded`);
        await page.waitForTimeout(200);
      }
      // A row imported from a URL is named by its file, not by the URL's start.
      await page.getByTestId('row-tile').getByText('boat.jpg', { exact: true }).waitFor();
      await shot('08-rows.png');
    });

    // The stored original of one row goes bad on disk, so the job has a failure to retry.
    const damaged = await db.dataRow.findFirstOrThrow({
      where: { projectId, externalId: IMPORT_FIXTURES.photoFiles[0] },
    });
    const original = await storage.read(damaged.storageKey);
    await storage.write(damaged.storageKey, Buffer.from('damaged on disk'));

    let firstJobUrl = '';
    await step(page, artifactsDir, 'a job with the tiny model reaches 100%', async () => {
      await openProjectSection(page, 'Jobs');
      await page.getByRole('heading', { level: 1, name: 'Caption jobs' }).waitFor();
      await launchJob(page, firstRows, {
        beforeStart: () => shot('09-launch-job.png'),
      });
      firstJobUrl = page.url();
      await waitForJobStatus(page, 'Completed', JOB_TIMEOUT_MS);
      const progress = page.getByTestId('job-progress');
      const value = await progress.getAttribute('aria-valuenow');
      expectThat(value === '100', `the progress bar shows ${value}%, not 100%`);
      const done = await jobCount(page, 'done');
      const failed = await jobCount(page, 'failed');
      expectThat(
        done === firstRows - 1 && failed === 1,
        `expected ${firstRows - 1} done and 1 failed, saw ${done} and ${failed}`,
      );
      await page.getByTestId('job-failures').filter({ hasText: damaged.externalId }).waitFor();
      await shot('10-job-completed.png');
    });

    await step(page, artifactsDir, 'retrying the failed row only completes the job', async () => {
      await storage.write(damaged.storageKey, original);
      await page.getByRole('button', { name: 'Retry 1 failed' }).click();
      await page
        .getByTestId('job-failed')
        .filter({ hasText: /^0$/ })
        .waitFor({ timeout: JOB_TIMEOUT_MS });
      await waitForJobStatus(page, 'Completed', JOB_TIMEOUT_MS);
      const done = await jobCount(page, 'done');
      expectThat(done === firstRows, `expected ${firstRows} done after the retry, saw ${done}`);
      const predictions = await db.prediction.count({ where: { dataRow: { projectId } } });
      expectThat(
        predictions === firstRows,
        `each row should have one pre-label after the retry, the project has ${predictions}`,
      );
      await shot('11-job-retried.png');
    });

    await step(page, artifactsDir, 'admin imports a larger folder', async () => {
      await openProjectSection(page, 'Data');
      const panel = await startConnection(page, 'Server folder', 'Scanned archive');
      await panel.getByLabel('Folder').fill(IMPORT_FIXTURES.archiveFolder);
      await panel.getByRole('button', { name: 'Connect and import' }).click();
      await panel.getByRole('status').filter({ hasText: 'Connected.' }).waitFor();
      const total = IMPORT_FIXTURES.archiveCount;
      await shot('12-archive-importing.png');
      await waitForImportFinished(page, 'Scanned archive', total, IMPORT_TIMEOUT_MS);
      await importHistoryRow(page, 'Scanned archive')
        .filter({ hasText: `${total} new` })
        .waitFor();
      await shot('13-archive-imported.png');
    });

    await step(page, artifactsDir, 'admin cancels a forced job', async () => {
      await openProjectSection(page, 'Jobs');
      await launchJob(page, allRows, {
        force: true,
        slow: true,
        beforeStart: () => shot('14-launch-forced-job.png'),
      });
      await waitForJobStatus(page, 'Running', JOB_TIMEOUT_MS);
      await page
        .getByTestId('job-done')
        .filter({ hasText: /^[1-9]/ })
        .waitFor({ timeout: JOB_TIMEOUT_MS });
      await shot('15-job-running.png');
      await page.getByRole('button', { name: 'Cancel job' }).click();
      await waitForJobStatus(page, 'Cancelled', JOB_TIMEOUT_MS);
      const done = await jobCount(page, 'done');
      expectThat(done < allRows, `the cancelled job still captioned all ${done} rows`);
      await shot('16-job-cancelled.png');
      await page.getByRole('link', { name: 'Caption jobs' }).click();
      const history = page.getByTestId('job-history');
      await history.filter({ hasText: 'Cancelled' }).waitFor();
      await history.filter({ hasText: 'Completed' }).waitFor();
      await shot('17-job-history.png');
    });

    await step(page, artifactsDir, 'a row shows its pre-label', async () => {
      await page.goto(firstJobUrl);
      await page.getByRole('link', { name: "Browse this job's rows" }).click();
      await page.getByRole('heading', { level: 1, name: 'Rows' }).waitFor();
      await page
        .getByTestId('row-count')
        .filter({ hasText: `${firstRows} rows` })
        .waitFor();
      await page
        .getByTestId('row-tile')
        .filter({ hasText: damaged.externalId })
        .getByRole('link')
        .click();
      await page.getByRole('heading', { level: 1, name: damaged.externalId }).waitFor();
      const caption = await text(page.getByTestId('current-caption'));
      expectThat(caption.length > 0, 'the row has no caption');
      const prediction = page.getByTestId('prediction').first();
      await prediction.filter({ hasText: caption }).waitFor();
      await prediction.filter({ hasText: 'tiny-blip2' }).waitFor();
      await shot('18-row-pre-label.png');
    });
  } finally {
    await context.close();
    await db.$disconnect();
  }
}
