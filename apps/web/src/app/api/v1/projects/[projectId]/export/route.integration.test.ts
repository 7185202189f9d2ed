import type { Db } from '@captionary/db';
import {
  CAPTION_CLASSIFICATION_NAME,
  CocoCaptions,
  JsonlRow,
  LabelboxNdjsonRow,
  wordEditDistance,
} from '@captionary/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createModelVersion,
  createProjectWithRows,
  seedPredictions,
} from '../../../../../../server/testing/caption-fixtures';
import { callerFor, createTestTeam, testDb } from '../../../../../../server/testing/fixtures';
import {
  approveCaption,
  rejectCaption,
  submitCaption,
} from '../../../../../../server/services/exports/testing/export-fixtures';
import { stubExportEnv } from '../../../../../../server/services/exports/testing/export-test-env';
import {
  expectedLabels,
  type ExpectedLabel,
} from '../../../../../../server/services/exports/testing/expected-export';
import { GET } from './route';

let db: Db;
let projectId: string;
let foreignProjectId: string;
let keys: Record<'reviewer' | 'labeler', string>;
let expected: ExpectedLabel[];

beforeAll(async () => {
  await stubExportEnv();
  db = testDb();
  const team = await createTestTeam(db);
  const owner = callerFor(db, team.members.OWNER, team.teamId);
  keys = {
    reviewer: (await owner.apiKeys.create({ name: 'r', role: 'REVIEWER' })).key,
    labeler: (await owner.apiKeys.create({ name: 'l', role: 'LABELER' })).key,
  };
  const { projectId: id, rows } = await createProjectWithRows(db, team.teamId, 5, {
    name: 'Export "formats" & names',
  });
  projectId = id;
  await seedPredictions(db, projectId, await createModelVersion(db), rows, {
    caption: (row) => `a small photo of ${row.externalId}`,
  });
  const people = { labelerId: team.members.LABELER.id, reviewerId: team.members.REVIEWER.id };
  const first = await submitCaption(db, rows[0]!, people, 'a red kite over a green hill 🪁');
  await approveCaption(db, first, people.reviewerId, { comment: 'good "quotes"\nand lines' });
  const second = await submitCaption(db, rows[1]!, people, 'two dogs');
  await rejectCaption(db, second, people.reviewerId, 'say what the dogs do');
  await approveCaption(db, second, team.members.ADMIN.id);
  const third = await submitCaption(db, rows[2]!, people, 'a small photo of img-002.jpg');
  await approveCaption(db, third, people.reviewerId);
  await submitCaption(db, rows[3]!, people, 'still waiting for review');
  expected = await expectedLabels(db, projectId);
  const other = await createTestTeam(db, ['OWNER']);
  foreignProjectId = (
    await callerFor(db, other.members.OWNER, other.teamId).projects.create({ name: 'Theirs' })
  ).id;
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await db.$disconnect();
});

function exportRequest(
  query: string,
  { key = keys.reviewer, project = projectId, encoding = 'identity' } = {},
) {
  const request = new Request(`http://localhost/api/v1/projects/${project}/export?${query}`, {
    headers: { authorization: `Bearer ${key}`, 'accept-encoding': encoding },
  });
  return GET(request, { params: Promise.resolve({ projectId: project }) });
}

async function exportText(query: string): Promise<string> {
  const response = await exportRequest(query);
  expect(response.status).toBe(200);
  return response.text();
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe('GET /api/v1/projects/:projectId/export', () => {
  it('streams labelbox-ndjson lines that match the schema and the approved labels', async () => {
    const response = await exportRequest('format=labelbox-ndjson');
    expect(response.headers.get('content-type')).toMatch(/^text\/x-ndjson/);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="export-formats-names-labelbox-ndjson-\d{8}-\d{6}\.ndjson"$/,
    );
    const lines = (await response.text()).trimEnd().split('\n');
    const parsed = lines.map((line) => LabelboxNdjsonRow.parse(JSON.parse(line)));
    expect(parsed).toHaveLength(3);
    expect(
      parsed.map((row) => {
        const label = row.projects[projectId]!.labels[0]!;
        return {
          labelId: label.id,
          dataRowId: row.data_row.id,
          externalId: row.data_row.external_id,
          sourceUri: row.data_row.row_data,
          width: row.media_attributes.width,
          height: row.media_attributes.height,
          caption: label.annotations.classifications[0]!.text_answer.content,
          status: label.label_details.workflow_status,
          stepId: label.label_details.workflow_step,
          authorEmail: label.label_details.created_by,
          reviews: label.label_details.reviews,
          prelabel: label.label_details.prelabel && {
            caption: label.label_details.prelabel.content,
            modelName: label.label_details.prelabel.model_name,
            modelChecksum: label.label_details.prelabel.model_checksum,
            score: label.label_details.prelabel.score,
          },
          updatedAt: new Date(label.label_details.updated_at),
        };
      }),
    ).toEqual(expected);
    expect(parsed[0]!.projects[projectId]!.labels[0]!.annotations.classifications[0]!.name).toBe(
      CAPTION_CLASSIFICATION_NAME,
    );
  });

  it('streams coco-captions whose images and annotations pair up with the labels', async () => {
    const coco = CocoCaptions.parse(JSON.parse(await exportText('format=coco-captions')));
    expect(coco.images.map((image) => image.file_name)).toEqual(
      expected.map((label) => label.externalId),
    );
    const byImage = new Map(coco.annotations.map((a) => [a.image_id, a.caption]));
    expect(coco.images.map((image) => byImage.get(image.id))).toEqual(
      expected.map((label) => label.caption),
    );
    expect(coco.images[0]).toMatchObject({ width: 64, height: 48 });
  });

  it('streams jsonl pairs with the pre-label, model and word edit distance', async () => {
    const lines = (await exportText('format=jsonl')).trimEnd().split('\n');
    const rows = lines.map((line) => JsonlRow.parse(JSON.parse(line)));
    expect(rows.map((row) => [row.image, row.caption, row.prelabel])).toEqual(
      expected.map((label) => [label.sourceUri, label.caption, label.prelabel?.caption ?? null]),
    );
    expect(rows[0]!.model).toBe(
      `${expected[0]!.prelabel!.modelName}@${expected[0]!.prelabel!.modelChecksum}`,
    );
    expect(rows.map((row) => row.edit_distance)).toEqual(
      expected.map((label) => wordEditDistance(label.prelabel!.caption, label.caption)),
    );
    // The third caption kept the pre-label word for word.
    expect(rows[2]!.edit_distance).toBe(0);
  });

  it('leaves compression to the web server, which drops a handler-set Content-Encoding', async () => {
    const plain = await exportText('format=jsonl');
    const response = await exportRequest('format=jsonl', { encoding: 'gzip, deflate, br' });
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(await response.text()).toBe(plain);
  });

  it('records who exported what, with the filters, row count and size', async () => {
    const response = await exportRequest('format=labelbox-ndjson&status=APPROVED,SUBMITTED');
    const body = await response.text();
    const record = await db.export.findUniqueOrThrow({
      where: { id: response.headers.get('x-export-id')! },
      include: { apiKey: true },
    });
    expect(record).toMatchObject({
      projectId,
      format: 'LABELBOX_NDJSON',
      status: 'SUCCEEDED',
      rowCount: 4,
      filters: { status: ['APPROVED', 'SUBMITTED'] },
      createdById: null,
      storageKey: null,
    });
    expect(record.apiKey?.name).toBe('r');
    expect(Number(record.byteSize)).toBe(Buffer.byteLength(body));
  });

  it('answers 404 for another team’s project and for ids that are not ids', async () => {
    for (const project of [foreignProjectId, 'not-a-uuid']) {
      const response = await exportRequest('format=jsonl', { project });
      expect(response.status).toBe(404);
      expect((await errorOf(response)).code).toBe('NOT_FOUND');
    }
  });

  it('refuses an unknown format, listing the valid ones', async () => {
    for (const query of ['format=csv', '']) {
      const response = await exportRequest(query);
      expect(response.status).toBe(400);
      expect((await errorOf(response)).message).toContain('labelbox-ndjson, coco-captions, jsonl');
    }
  });

  it('refuses unknown filter fields, listing the valid ones', async () => {
    for (const field of ['caption', 'User.email', 'l.status', 'status;--']) {
      const response = await exportRequest(`format=jsonl&${encodeURIComponent(field)}=x`);
      expect(response.status).toBe(400);
      expect((await errorOf(response)).message).toContain(
        'format, status, step, since, until, reviewer, job, model',
      );
    }
  });

  it('refuses filter values that are not a status, step id, date or uuid', async () => {
    const attempts = [
      'status=APPROVED) OR (1=1',
      'status=APPROVED,\'; DROP TABLE "Label"; --',
      "step=review' OR '1'='1",
      'since=yesterday',
      'until=2025-02-30',
      'reviewer=(SELECT id FROM "User" LIMIT 1)',
      'job=1 OR 1=1',
      'model=*',
      'format=jsonl',
      'since=2025-03-01&until=2025-01-01',
    ];
    for (const filter of attempts) {
      const response = await exportRequest(`format=jsonl&${filter}`);
      expect(response.status, filter).toBe(400);
      expect((await errorOf(response)).code).toBe('INVALID_INPUT');
    }
    expect(await db.label.count({ where: { projectId } })).toBe(5);
  });

  it('needs a key with the reviewer role', async () => {
    const response = await exportRequest('format=jsonl', { key: keys.labeler });
    expect(response.status).toBe(403);
  });
});
