// Reads a pasted or uploaded URL list: one URL per line, or CSV whose header names a `url` column
// and optionally an `external_id` (or `externalId`, `id`) column.
import type { UrlListEntry } from '@captionary/shared';

/** Splits one CSV line, honouring double-quoted fields with "" escapes. */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields.map((value) => value.trim());
}

const URL_HEADERS = new Set(['url', 'image_url', 'image', 'uri']);
const ID_HEADERS = new Set(['external_id', 'externalid', 'id']);

/** The entries of a list; blank lines and `#` comments are ignored. */
export function parseUrlListText(text: string): UrlListEntry[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const header = lines[0] ? splitCsvLine(lines[0]).map((name) => name.toLowerCase()) : [];
  const urlColumn = header.findIndex((name) => URL_HEADERS.has(name));
  if (urlColumn === -1) return lines.map((url) => ({ url }));
  const idColumn = header.findIndex((name) => ID_HEADERS.has(name));
  return lines.slice(1).map((line) => {
    const fields = splitCsvLine(line);
    const externalId = idColumn === -1 ? '' : (fields[idColumn] ?? '');
    return { url: fields[urlColumn] ?? '', ...(externalId ? { externalId } : {}) };
  });
}
