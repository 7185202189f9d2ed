/** One image at a source: the id it keeps in the project, and how people and readers find it. */
export interface SourceItem {
  /** Unique per project: the URL (or given id), the path below the folder, the object key. */
  externalId: string;
  /** Shown to people and stored on the row: URL, folder path, s3://bucket/key. */
  sourceUri: string;
}

/** Where an import reads from. Every kind of data connection provides one. */
export interface ImportSource {
  /** Everything at the source now; a listing that cannot be made throws ImportSourceError. */
  list(signal: AbortSignal): Promise<SourceItem[]>;
  /** The item's bytes within the size and time limits; a bad item throws ImportItemError. */
  read(item: SourceItem, signal: AbortSignal): Promise<Buffer>;
  /** Releases connections the source holds open (S3 clients keep sockets alive). */
  close?(): void;
}
