// URL lists live in the platform's storage (a list can hold 100k+ URLs, too big for a JSON
// column): one per URL-list connection, and one per REST import that runs in the background.
import type { ObjectStorage } from '@captionary/db';
import { UrlListEntry } from '@captionary/shared';
import { z } from 'zod';
import { ImportSourceError } from './import-item-error';

const StoredUrlList = z.array(UrlListEntry);

export function connectionUrlListKey(projectId: string, connectionId: string): string {
  return `projects/${projectId}/connections/${connectionId}/urls.json`;
}

export function importRunUrlListKey(projectId: string, importRunId: string): string {
  return `projects/${projectId}/imports/${importRunId}/urls.json`;
}

export async function writeUrlList(
  storage: ObjectStorage,
  key: string,
  entries: UrlListEntry[],
): Promise<void> {
  await storage.write(key, JSON.stringify(entries));
}

/** Reads a stored list back; the file is validated like any other input from disk. */
export async function readUrlList(storage: ObjectStorage, key: string): Promise<UrlListEntry[]> {
  let text: Buffer;
  try {
    text = await storage.read(key);
  } catch {
    throw new ImportSourceError('The URL list of this import is missing from storage');
  }
  const parsed = StoredUrlList.safeParse(JSON.parse(text.toString('utf8')));
  if (!parsed.success) throw new ImportSourceError('The stored URL list is corrupt');
  return parsed.data;
}
