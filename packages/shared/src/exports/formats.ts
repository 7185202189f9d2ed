import { z } from 'zod';

/** The export formats, by the names the REST API and the UI use. */
export const EXPORT_FORMATS = ['labelbox-ndjson', 'coco-captions', 'jsonl'] as const;
export const ExportFormatName = z.enum(EXPORT_FORMATS, {
  error: `format must be one of ${EXPORT_FORMATS.join(', ')}`,
});
export type ExportFormatName = z.infer<typeof ExportFormatName>;

/** The database's name for each format (the Export table's `format` column). */
export const EXPORT_FORMAT_DB_NAMES = {
  'labelbox-ndjson': 'LABELBOX_NDJSON',
  'coco-captions': 'COCO_CAPTIONS',
  jsonl: 'JSONL',
} as const satisfies Record<ExportFormatName, string>;
export type ExportFormatDbName = (typeof EXPORT_FORMAT_DB_NAMES)[ExportFormatName];

/** The API name for a database format name. */
export function exportFormatFromDb(dbName: ExportFormatDbName): ExportFormatName {
  const entry = Object.entries(EXPORT_FORMAT_DB_NAMES).find(([, value]) => value === dbName);
  if (!entry) throw new Error(`unknown export format ${dbName}`);
  return entry[0] as ExportFormatName;
}

/**
 * How each format is sent and named: media type, file extension, and a label for people. The
 * line-delimited formats have no registered media type; `text/` ones are used because the web
 * server gzips only types it knows to be compressible (and JSON Lines is text).
 */
export const EXPORT_FORMAT_DETAILS = {
  'labelbox-ndjson': {
    contentType: 'text/x-ndjson; charset=utf-8',
    extension: 'ndjson',
    label: 'Labelbox NDJSON',
  },
  'coco-captions': {
    contentType: 'application/json; charset=utf-8',
    extension: 'json',
    label: 'COCO captions',
  },
  jsonl: {
    contentType: 'text/jsonl; charset=utf-8',
    extension: 'jsonl',
    label: 'JSONL (training)',
  },
} as const satisfies Record<
  ExportFormatName,
  { contentType: string; extension: string; label: string }
>;
