// COCO captions is one JSON document whose images and annotations are two separate arrays. To
// keep memory flat it is written in two passes over the same snapshot: images, then annotations,
// both numbered by the row's position, so that `image_id` matches without holding a map.
import type { CocoCaptions } from '@captionary/shared';
import type { ExportRow } from '../export-query';
import { jsonNumber, jsonString } from './json-text';
import { PIECE_CHARS } from './text-pieces';

/** The image entry (CocoCaptions' images[]) of the row at `position`. */
export function cocoImageText(position: number, row: ExportRow): string {
  return (
    `{"id":${position},"file_name":${jsonString(row.dataRow.externalId)},` +
    `"width":${jsonNumber(row.dataRow.width)},"height":${jsonNumber(row.dataRow.height)}}`
  );
}

/** The annotation entry (CocoCaptions' annotations[]) of the row at `position`. */
export function cocoAnnotationText(position: number, row: ExportRow): string {
  return `{"id":${position},"image_id":${position},"caption":${jsonString(row.caption)}}`;
}

/**
 * The COCO document as text, in pieces of about PIECE_CHARS. `readRows` is called twice and must
 * yield the same rows in the same order both times (the export's snapshot and its total order
 * guarantee it).
 */
export async function* cocoCaptionsText(
  readRows: () => AsyncIterable<ExportRow[]>,
  info: CocoCaptions['info'],
): AsyncGenerator<string> {
  let text = `{"info":${JSON.stringify(info)},"images":[`;
  let position = 0;
  for await (const rows of readRows()) {
    for (const row of rows) {
      position++;
      text += `${position > 1 ? ',' : ''}${cocoImageText(position, row)}`;
      if (text.length >= PIECE_CHARS) {
        yield text;
        text = '';
      }
    }
  }
  text += '],"annotations":[';
  position = 0;
  for await (const rows of readRows()) {
    for (const row of rows) {
      position++;
      text += `${position > 1 ? ',' : ''}${cocoAnnotationText(position, row)}`;
      if (text.length >= PIECE_CHARS) {
        yield text;
        text = '';
      }
    }
  }
  yield `${text}]}\n`;
}
