import { captionEditDistance, type JsonlRow } from '@captionary/shared';
import type { ExportRow } from '../export-query';
import { PIECE_CHARS } from './text-pieces';

/** A label as one training line: image, final caption, and the pre-label it started from. */
export function toJsonlRow(row: ExportRow): JsonlRow {
  const prelabel = row.prelabel?.caption ?? null;
  return {
    image: row.dataRow.sourceUri,
    caption: row.caption,
    prelabel,
    model: row.prelabel
      ? `${row.prelabel.modelVersion.name}@${row.prelabel.modelVersion.checksum}`
      : null,
    edit_distance: captionEditDistance(prelabel, row.caption),
  };
}

/** The JSONL text: one line per row, in pieces of about PIECE_CHARS. */
export async function* jsonlText(batches: AsyncIterable<ExportRow[]>): AsyncGenerator<string> {
  let text = '';
  for await (const rows of batches) {
    for (const row of rows) {
      text += `${JSON.stringify(toJsonlRow(row))}\n`;
      if (text.length >= PIECE_CHARS) {
        yield text;
        text = '';
      }
    }
  }
  if (text) yield text;
}
