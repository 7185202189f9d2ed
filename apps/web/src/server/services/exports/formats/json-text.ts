// JSON text of single values, for formats that write their lines with templates: building a
// nested object per row only to hand it to JSON.stringify costs about twice as much.

/** A string (escaped as JSON.stringify does) or null. */
export function jsonString(value: string | null): string {
  return value === null ? 'null' : JSON.stringify(value);
}

/** A number or null; JSON has no NaN or Infinity, so those become null as in JSON.stringify. */
export function jsonNumber(value: number | null): string {
  return value !== null && Number.isFinite(value) ? String(value) : 'null';
}

/**
 * A string known to need no escaping (a uuid, an ISO timestamp, an enum name): quoted as is,
 * which saves JSON.stringify's scan on the many such fields of every line.
 */
export function jsonPlain(value: string): string {
  return `"${value}"`;
}
