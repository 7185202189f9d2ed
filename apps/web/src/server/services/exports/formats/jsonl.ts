import { captionEditDistance } from '@captionary/shared';
import type { ExportRow } from '../export-query';
import { jsonNumber, jsonString } from './json-text';
import { PIECE_CHARS } from './text-pieces';

/**
 * A label as one training line (JsonlRow: image, final caption, and the pre-label it started
 * from), without its newline.
 */
export function jsonlLine(row: ExportRow): string {
  const prelabel = row.prelabel?.caption ?? null;
  const model = row.prelabel
    ? `${row.prelabel.modelVersion.name}@${row.prelabel.modelVersion.checksum}`
    : null;
  return (
    `{"image":${jsonString(row.dataRow.sourceUri)},"caption":${jsonString(row.caption)},` +
    `"prelabel":${jsonString(prelabel)},"model":${jsonString(model)},` +
    `"edit_distance":${jsonNumber(captionEditDistance(prelabel, row.caption))}}`
  );
}

/** The JSONL text: one line per row, in pieces of about PIECE_CHARS. */
export async function* jsonlText(batches: AsyncIterable<ExportRow[]>): AsyncGenerator<string> {
  let text = '';
  for await (const rows of batches) {
    for (const row of rows) {
      text += `${jsonlLine(row)}\n`;
      if (text.length >= PIECE_CHARS) {
        yield text;
        text = '';
      }
    }
  }
  if (text) yield text;
}
