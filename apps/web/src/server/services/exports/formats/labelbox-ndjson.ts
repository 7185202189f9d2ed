import { CAPTION_CLASSIFICATION_NAME } from '@captionary/shared';
import type { ExportReview, ExportRow } from '../export-query';
import { jsonNumber, jsonPlain, jsonString } from './json-text';
import { PIECE_CHARS } from './text-pieces';

function reviewText(review: ExportReview): string {
  return (
    `{"reviewer":${jsonString(review.reviewer?.email ?? null)},` +
    `"action":${jsonPlain(review.action)},"at":${jsonPlain(review.at)},` +
    `"comment":${jsonString(review.comment)}}`
  );
}

function prelabelText(prelabel: ExportRow['prelabel']): string {
  if (prelabel === null) return 'null';
  return (
    `{"content":${jsonString(prelabel.caption)},` +
    `"model_name":${jsonString(prelabel.modelVersion.name)},` +
    `"model_checksum":${jsonString(prelabel.modelVersion.checksum)},` +
    `"score":${jsonNumber(prelabel.score)}}`
  );
}

/**
 * Writes a label as one line of Labelbox's NDJSON export (LabelboxNdjsonRow, keys in the schema's
 * order) under the project's id, without its newline.
 */
export function labelboxNdjsonLines(projectId: string): (row: ExportRow) => string {
  const projectKey = jsonString(projectId);
  const classificationName = jsonString(CAPTION_CLASSIFICATION_NAME);
  return (row) =>
    `{"data_row":{"id":${jsonPlain(row.dataRow.id)},` +
    `"external_id":${jsonString(row.dataRow.externalId)},` +
    `"row_data":${jsonString(row.dataRow.sourceUri)}},` +
    `"media_attributes":{"width":${jsonNumber(row.dataRow.width)},` +
    `"height":${jsonNumber(row.dataRow.height)}},` +
    `"projects":{${projectKey}:{"labels":[{"id":${jsonPlain(row.labelId)},` +
    `"annotations":{"objects":[],"classifications":[{"name":${classificationName},` +
    `"text_answer":{"content":${jsonString(row.caption)}}}],"relationships":[]},` +
    `"label_details":{"created_by":${jsonString(row.author?.email ?? null)},` +
    `"created_at":${jsonPlain(row.createdAt)},"updated_at":${jsonPlain(row.updatedAt)},` +
    `"reviews":[${row.reviews.map(reviewText).join(',')}],` +
    `"workflow_status":${jsonPlain(row.status)},"workflow_step":${jsonString(row.stepId)},` +
    `"prelabel":${prelabelText(row.prelabel)}}}]}}}`;
}

/** The NDJSON text: one line per row, in pieces of about PIECE_CHARS. */
export async function* labelboxNdjsonText(
  projectId: string,
  batches: AsyncIterable<ExportRow[]>,
): AsyncGenerator<string> {
  const line = labelboxNdjsonLines(projectId);
  let text = '';
  for await (const rows of batches) {
    for (const row of rows) {
      text += `${line(row)}\n`;
      if (text.length >= PIECE_CHARS) {
        yield text;
        text = '';
      }
    }
  }
  if (text) yield text;
}
