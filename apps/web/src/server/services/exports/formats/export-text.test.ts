import { CocoCaptions, JsonlRow, LabelboxNdjsonRow } from '@captionary/shared';
import { describe, expect, it } from 'vitest';
import type { ExportRow } from '../export-query';
import { exportText } from './export-text';
import { PIECE_CHARS } from './text-pieces';

const PROJECT_ID = '7d1f3b9e-2c4a-4f6e-8a0b-1c2d3e4f5a6b';

function row(n: number, overrides: Partial<ExportRow> = {}): ExportRow {
  return {
    labelId: `label-${n}`,
    dataRow: {
      id: `row-${n}`,
      externalId: `img-${n}.jpg`,
      sourceUri: `https://images.example/img-${n}.jpg`,
      storageKey: `projects/p/rows/${n}.jpg`,
      width: 640,
      height: 480,
    },
    caption: `a photo number ${n}`,
    status: 'APPROVED',
    stepId: 'done',
    author: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-02T00:00:00.000Z',
    approvedAt: '2025-01-02T00:00:00.000Z',
    reviews: [],
    approval: null,
    prelabel: null,
    ...overrides,
  };
}

async function piecesOf(format: Parameters<typeof exportText>[0], rows: ExportRow[]) {
  const pieces: string[] = [];
  // Batches of two, so that pieces join rows within and across batches.
  const readRows = async function* () {
    for (let i = 0; i < rows.length; i += 2) yield rows.slice(i, i + 2);
  };
  for await (const piece of exportText(format, {
    projectId: PROJECT_ID,
    readRows,
    takenAt: new Date('2025-01-03T00:00:00Z'),
  })) {
    pieces.push(piece);
  }
  return pieces;
}

async function textOf(format: Parameters<typeof exportText>[0], rows: ExportRow[]) {
  return (await piecesOf(format, rows)).join('');
}

describe('export text', () => {
  it('writes a valid COCO document for no rows, one row and many rows', async () => {
    for (const count of [0, 1, 5]) {
      const rows = Array.from({ length: count }, (_, i) => row(i + 1));
      const coco = CocoCaptions.parse(JSON.parse(await textOf('coco-captions', rows)));
      expect(coco.images.map((image) => image.id)).toEqual(rows.map((_, i) => i + 1));
      expect(coco.annotations.map((a) => [a.image_id, a.caption])).toEqual(
        rows.map((r, i) => [i + 1, r.caption]),
      );
    }
  });

  it('keeps captions with quotes, newlines and emoji intact in every format', async () => {
    const caption = 'a "quoted"\nline\u2028with 🪁 and \\ backslash';
    const rows = [row(1, { caption })];
    const ndjson = (await textOf('labelbox-ndjson', rows)).split('\n');
    expect(ndjson).toHaveLength(2);
    const line = LabelboxNdjsonRow.parse(JSON.parse(ndjson[0]!));
    expect(
      line.projects[PROJECT_ID]!.labels[0]!.annotations.classifications[0]!.text_answer.content,
    ).toBe(caption);
    const jsonl = JsonlRow.parse(JSON.parse(await textOf('jsonl', rows)));
    expect(jsonl).toEqual({
      image: rows[0]!.dataRow.sourceUri,
      caption,
      prelabel: null,
      model: null,
      edit_distance: null,
    });
  });

  it('hands large exports on in bounded pieces that end between lines', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => row(i + 1));
    for (const format of ['labelbox-ndjson', 'jsonl'] as const) {
      const pieces = await piecesOf(format, rows);
      expect(pieces.length).toBeGreaterThan(1);
      expect(pieces.every((piece) => piece.endsWith('\n'))).toBe(true);
      expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(PIECE_CHARS * 2);
      expect(pieces.join('').split('\n')).toHaveLength(rows.length + 1);
    }
    const coco = await piecesOf('coco-captions', rows);
    expect(coco.length).toBeGreaterThan(1);
    expect(CocoCaptions.parse(JSON.parse(coco.join(''))).annotations).toHaveLength(rows.length);
  });
});
