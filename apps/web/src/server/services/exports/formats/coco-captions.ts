// COCO captions is one JSON document whose images and annotations are two separate arrays. To
// keep memory flat it is written in two passes over the same snapshot: images, then annotations,
// both numbered by the row's position, so that `image_id` matches without holding a map.
import type { CocoCaptions } from '@captionary/shared';
import type { ExportRow } from '../export-query';
import { PIECE_CHARS } from './text-pieces';

type CocoImage = CocoCaptions['images'][number];
type CocoAnnotation = CocoCaptions['annotations'][number];

export function toCocoImage(position: number, row: ExportRow): CocoImage {
  return {
    id: position,
    file_name: row.dataRow.externalId,
    width: row.dataRow.width,
    height: row.dataRow.height,
  };
}

export function toCocoAnnotation(position: number, row: ExportRow): CocoAnnotation {
  return { id: position, image_id: position, caption: row.caption };
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
      text += `${position > 1 ? ',' : ''}${JSON.stringify(toCocoImage(position, row))}`;
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
      text += `${position > 1 ? ',' : ''}${JSON.stringify(toCocoAnnotation(position, row))}`;
      if (text.length >= PIECE_CHARS) {
        yield text;
        text = '';
      }
    }
  }
  yield `${text}]}\n`;
}
