import { CAPTION_CLASSIFICATION_NAME, type LabelboxNdjsonRow } from '@captionary/shared';
import type { ExportRow } from '../export-query';
import { PIECE_CHARS } from './text-pieces';

/** A label as one line of Labelbox's NDJSON export, under its project's id. */
export function toLabelboxNdjsonRow(projectId: string, row: ExportRow): LabelboxNdjsonRow {
  return {
    data_row: {
      id: row.dataRow.id,
      external_id: row.dataRow.externalId,
      row_data: row.dataRow.sourceUri,
    },
    media_attributes: { width: row.dataRow.width, height: row.dataRow.height },
    projects: {
      [projectId]: {
        labels: [
          {
            id: row.labelId,
            annotations: {
              objects: [],
              classifications: [
                { name: CAPTION_CLASSIFICATION_NAME, text_answer: { content: row.caption } },
              ],
              relationships: [],
            },
            label_details: {
              created_by: row.author?.email ?? null,
              created_at: row.createdAt,
              updated_at: row.updatedAt,
              reviews: row.reviews.map((review) => ({
                reviewer: review.reviewer?.email ?? null,
                action: review.action,
                at: review.at,
                comment: review.comment,
              })),
              workflow_status: row.status,
              workflow_step: row.stepId,
              prelabel: row.prelabel && {
                content: row.prelabel.caption,
                model_name: row.prelabel.modelVersion.name,
                model_checksum: row.prelabel.modelVersion.checksum,
                score: row.prelabel.score,
              },
            },
          },
        ],
      },
    },
  };
}

/** The NDJSON text: one line per row, in pieces of about PIECE_CHARS. */
export async function* labelboxNdjsonText(
  projectId: string,
  batches: AsyncIterable<ExportRow[]>,
): AsyncGenerator<string> {
  let text = '';
  for await (const rows of batches) {
    for (const row of rows) {
      text += `${JSON.stringify(toLabelboxNdjsonRow(projectId, row))}\n`;
      if (text.length >= PIECE_CHARS) {
        yield text;
        text = '';
      }
    }
  }
  if (text) yield text;
}
