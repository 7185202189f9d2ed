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
 * The export file's text in the requested format, one piece per batch of rows: serializing a
 * batch in one synchronous step keeps the per-row cost to the row's own work (no promise and
 * generator step per row).
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
