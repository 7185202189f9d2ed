// Names and paths that try to leave where files belong: upload names (kept as text ids, never
// used as paths), server-folder connection paths below DATA_ROOT, and the files a sync writes.
import { ADVISORY_CLASSES, type BadInputCase } from './bad-input-case';

const traversal = ADVISORY_CLASSES.pathTraversal;

export interface UploadNameCase extends BadInputCase {
  name: string;
  /** The external id the row gets (the name as text), or why the upload is refused. */
  outcome: { externalId: string } | { refused: RegExp };
}

export const uploadNameCases: UploadNameCase[] = [
  {
    title: 'Upload named ../../x.jpg',
    advisoryClass: traversal,
    name: '../../x.jpg',
    outcome: { externalId: '../../x.jpg' },
  },
  {
    title: 'Upload named with an absolute path (/etc/cron.d/x.jpg)',
    advisoryClass: traversal,
    name: '/etc/cron.d/x.jpg',
    outcome: { externalId: '/etc/cron.d/x.jpg' },
  },
  {
    title: 'Upload named with Windows separators (..\\..\\x.jpg)',
    advisoryClass: traversal,
    name: '..\\..\\win.jpg',
    outcome: { externalId: '../../win.jpg' },
  },
  {
    title: 'Upload name with a NUL byte (nul.jpg\\0.html)',
    advisoryClass: traversal,
    name: 'nul.jpg\u0000.html',
    outcome: { refused: /not valid multipart data/ },
  },
];

export interface FolderPathCase extends BadInputCase {
  path: string;
  error: RegExp;
}

export const folderConnectionCases: FolderPathCase[] = [
  {
    title: 'Folder connection path with ..',
    advisoryClass: traversal,
    path: 'photos/../../outside',
    error: /may not contain "\.\."/,
  },
  {
    title: 'Folder connection with an absolute path',
    advisoryClass: traversal,
    path: '/etc',
    error: /relative to the data root, not absolute/,
  },
  {
    title: 'Folder connection with a Windows drive path',
    advisoryClass: traversal,
    path: 'C:\\Windows',
    error: /relative to the data root, not absolute/,
  },
  {
    title: 'Folder connection through a symlink that leaves DATA_ROOT',
    advisoryClass: traversal,
    path: 'escape-link',
    error: /link that leaves the data root/,
  },
  {
    title: 'Folder connection path with a NUL byte',
    advisoryClass: traversal,
    path: 'photos\u0000/../../etc',
    error: /NUL byte/,
  },
];

export interface SyncPathCase extends BadInputCase {
  /** The image path of a row of the synced folder connection. */
  imagePath: string;
  error: RegExp;
}

export const syncTargetCases: SyncPathCase[] = [
  {
    title: 'Sync of an image path that climbs out of the folder root',
    advisoryClass: traversal,
    imagePath: '../escape.jpg',
    error: /The image path leaves the folder root/,
  },
  {
    title: 'Sync of an image whose folder is a symlink leaving the folder root',
    advisoryClass: traversal,
    imagePath: 'linked/x.jpg',
    error: /The image's folder is a link that leaves the folder root/,
  },
  {
    title: 'Sync of an image whose caption sidecar path exists as a directory',
    advisoryClass: traversal,
    imagePath: 'blocked.jpg',
    error: /A folder is in the way of the caption file/,
  },
];
