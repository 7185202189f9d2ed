// Opaque keyset cursors for the dataset browser. The grid is ordered by external id (unique per
// project, so a total order, and the order people recognise from their file names); a cursor is
// the last external id of the previous page, so a deep page costs the same as the first.
import { AppError } from '../../errors';

export function encodeRowCursor(externalId: string): string {
  return Buffer.from(externalId, 'utf8').toString('base64url');
}

export function decodeRowCursor(cursor: string): string {
  const externalId = Buffer.from(cursor, 'base64url').toString('utf8');
  if (externalId.length === 0 || encodeRowCursor(externalId) !== cursor) {
    throw new AppError('INVALID_INPUT', 'Invalid page cursor');
  }
  return externalId;
}
