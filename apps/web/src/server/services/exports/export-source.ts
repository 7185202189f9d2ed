// An export's text read from one snapshot, with its row count: shared by direct downloads and
// background jobs.
import type { ExportFilters, ExportFormatName } from '@captionary/shared';
import { readExportRowBatches, type ExportReaders, type ExportRow } from './export-query';
import { exportText } from './formats/export-text';

export interface ExportSourceInput {
  /** The snapshot's connections (see openExportSnapshot). */
  readers: ExportReaders;
  projectId: string;
  format: ExportFormatName;
  filters: ExportFilters;
  takenAt: Date;
  /** Called after each batch of the first pass (COCO reads the rows twice). */
  onRows?: (rowsSoFar: number) => void;
}

export interface ExportSource {
  pieces: AsyncIterable<string>;
  /** Rows written so far (labels, whatever the format's layout). */
  rowCount(): number;
}

export function exportSource(input: ExportSourceInput): ExportSource {
  let rowCount = 0;
  let passes = 0;
  async function* countedRows(): AsyncGenerator<ExportRow[]> {
    const firstPass = passes++ === 0;
    for await (const rows of readExportRowBatches(input.readers, input.projectId, input.filters)) {
      if (firstPass) {
        rowCount += rows.length;
        input.onRows?.(rowCount);
      }
      yield rows;
    }
  }
  return {
    pieces: exportText(input.format, {
      projectId: input.projectId,
      readRows: countedRows,
      takenAt: input.takenAt,
    }),
    rowCount: () => rowCount,
  };
}
