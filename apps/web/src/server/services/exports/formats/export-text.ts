import type { ExportFormatName } from '@captionary/shared';
import type { ExportRow } from '../export-query';
import { cocoCaptionsText } from './coco-captions';
import { jsonlText } from './jsonl';
import { labelboxNdjsonText } from './labelbox-ndjson';

export interface ExportTextSource {
  projectId: string;
  /** Reads the export's rows from the start, in batches; COCO calls it twice. */
  readRows: () => AsyncIterable<ExportRow[]>;
  /** When the export was taken (COCO's `info.date_created`). */
  takenAt: Date;
}

/**
 * The export file's text in the requested format, in pieces of about PIECE_CHARS: rows come in
 * batches and are serialized synchronously, so a row costs its own work and no promise or
 * generator step of its own.
 */
export function exportText(
  format: ExportFormatName,
  source: ExportTextSource,
): AsyncIterable<string> {
  switch (format) {
    case 'labelbox-ndjson':
      return labelboxNdjsonText(source.projectId, source.readRows());
    case 'jsonl':
      return jsonlText(source.readRows());
    case 'coco-captions':
      return cocoCaptionsText(source.readRows, {
        description: `Captionary export of project ${source.projectId}`,
        date_created: source.takenAt.toISOString(),
      });
  }
}
