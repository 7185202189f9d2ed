import { EXPORT_FORMAT_DETAILS, type ExportFormatName } from '@captionary/shared';

/** A readable, header-safe file name: `<project>-<format>-<yyyymmdd-hhmmss>.<ext>` (UTC). */
export function exportFileName(projectName: string, format: ExportFormatName, takenAt: Date) {
  const project =
    projectName
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'project';
  const stamp = takenAt
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/[-:]/g, '')
    .replace('T', '-');
  return `${project}-${format}-${stamp}.${EXPORT_FORMAT_DETAILS[format].extension}`;
}

/** `Content-Disposition` for a download; the name is ASCII by construction. */
export function attachmentHeader(fileName: string): string {
  return `attachment; filename="${fileName}"`;
}
