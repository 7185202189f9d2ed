// Rows, predictions and labels for the dataset browser's and caption jobs' integration tests,
// written straight to the database (and, when asked, real JPEG originals to a storage folder).
import type { Db, LabelStatus, ObjectStorage } from '@captionary/db';
import { defaultWorkflow, GenerationParams } from '@captionary/shared';
import { createHash, randomUUID } from 'node:crypto';
import sharp from 'sharp';

/** A small JPEG of one colour; `seed` picks the colour so every image differs. */
export async function solidJpeg(seed: number, width = 64, height = 48): Promise<Buffer> {
  const background = { r: (seed * 53) % 256, g: (seed * 97) % 256, b: (seed * 193) % 256 };
  return sharp({ create: { width, height, channels: 3, background } })
    .jpeg()
    .toBuffer();
}

export interface SeededRow {
  id: string;
  externalId: string;
}

/**
 * A project of the team with `count` rows named img-000, img-001…; with `storage`, each row's
 * original is a real JPEG in it (`broken` lists indexes stored as bytes that are not an image).
 */
export async function createProjectWithRows(
  db: Db,
  teamId: string,
  count: number,
  options: { storage?: ObjectStorage; broken?: number[]; name?: string } = {},
): Promise<{ projectId: string; rows: SeededRow[] }> {
  const project = await db.project.create({
    data: { teamId, name: options.name ?? 'Fixture project', workflowConfig: defaultWorkflow() },
    select: { id: true },
  });
  const rows: SeededRow[] = [];
  for (let index = 0; index < count; index++) {
    const externalId = `img-${String(index).padStart(3, '0')}.jpg`;
    const bytes = options.broken?.includes(index)
      ? Buffer.from('not an image, whatever the name says')
      : await solidJpeg(index + 1);
    const sha256 = createHash('sha256').update(bytes).update(randomUUID()).digest('hex');
    const storageKey = `projects/${project.id}/rows/${sha256}.jpg`;
    if (options.storage) await options.storage.write(storageKey, bytes);
    const row = await db.dataRow.create({
      data: {
        projectId: project.id,
        externalId,
        sourceUri: `fixtures/${externalId}`,
        storageKey,
        sha256,
        mimeType: 'image/jpeg',
        byteSize: bytes.length,
        width: 64,
        height: 48,
      },
      select: { id: true, externalId: true },
    });
    rows.push(row);
  }
  return { projectId: project.id, rows };
}

/** A model version with a unique name, as a worker would have registered it. */
export async function createModelVersion(db: Db, name = `test-model-${randomUUID()}`) {
  return db.modelVersion.create({
    data: { name, checksum: createHash('sha256').update(name).digest('hex'), tiny: true },
  });
}

/**
 * Gives rows a finished prediction from `model` (a completed job with `params`) and a DRAFT
 * pre-label in the first workflow step, as the inference worker does.
 */
export async function seedPredictions(
  db: Db,
  projectId: string,
  model: { id: string; name: string },
  rows: SeededRow[],
  options: { params?: GenerationParams; caption?: (row: SeededRow) => string } = {},
) {
  const params = GenerationParams.parse(options.params ?? {});
  const job = await db.captionJob.create({
    data: {
      projectId,
      modelName: model.name,
      modelVersionId: model.id,
      params,
      status: 'COMPLETED',
      totalRows: rows.length,
      doneRows: rows.length,
      startedAt: new Date(),
      finishedAt: new Date(),
    },
  });
  const batch = await db.captionJobBatch.create({
    data: { jobId: job.id, seq: 0, status: 'DONE' },
  });
  for (const row of rows) {
    const caption = options.caption?.(row) ?? `a picture called ${row.externalId}`;
    await db.captionJobRow.create({
      data: { jobId: job.id, dataRowId: row.id, batchId: batch.id, status: 'DONE' },
    });
    const prediction = await db.prediction.create({
      data: {
        jobId: job.id,
        dataRowId: row.id,
        modelVersionId: model.id,
        caption,
        score: -1.25,
        latencyMs: 42,
        params,
      },
    });
    const label = await db.label.create({
      data: { projectId, dataRowId: row.id, caption, sourcePredictionId: prediction.id },
    });
    await db.labelRevision.create({
      data: { labelId: label.id, action: 'PRELABEL', stepId: 'label', after: caption },
    });
    await db.workItem.create({ data: { projectId, dataRowId: row.id, stepId: 'label' } });
  }
  return job;
}

/** Moves a row's label to another status and workflow step, as reviews would. */
export async function setLabelState(
  db: Db,
  rowId: string,
  state: { status: LabelStatus; stepId: string; editedById?: string; caption?: string },
) {
  await db.label.update({
    where: { dataRowId: rowId },
    data: {
      status: state.status,
      ...(state.editedById ? { createdById: state.editedById } : {}),
      ...(state.caption ? { caption: state.caption } : {}),
    },
  });
  await db.workItem.update({ where: { dataRowId: rowId }, data: { stepId: state.stepId } });
}
