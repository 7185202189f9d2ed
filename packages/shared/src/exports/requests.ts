// Inputs of the exports page's procedures.
import { z } from 'zod';
import { ObjectId } from '../api/common';
import { ExportFilters } from './filters';
import { ExportFormatName } from './formats';

/** Starts a background export whose file the history then offers for download. */
export const StartExportRequest = z.object({
  projectId: ObjectId,
  format: ExportFormatName,
  filters: ExportFilters.default({ status: ['APPROVED'] }),
});
export type StartExportRequest = z.input<typeof StartExportRequest>;

/** A project's exports, newest first, by pages. */
export const ListExportsRequest = z.object({
  projectId: ObjectId,
  cursor: ObjectId.nullish(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type ListExportsRequest = z.input<typeof ListExportsRequest>;

export const ExportRef = z.object({ exportId: ObjectId });
export type ExportRef = z.infer<typeof ExportRef>;
