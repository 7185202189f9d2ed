import { describe, expect, it } from 'vitest';
import { attachmentHeader, exportFileName } from './export-file-name';

describe('exportFileName', () => {
  const takenAt = new Date('2025-03-04T05:06:07.890Z');

  it('names the project, format and UTC time with the format’s extension', () => {
    expect(exportFileName('Street scenes', 'labelbox-ndjson', takenAt)).toBe(
      'street-scenes-labelbox-ndjson-20250304-050607.ndjson',
    );
    expect(exportFileName('x', 'coco-captions', takenAt)).toMatch(/\.json$/);
    expect(exportFileName('x', 'jsonl', takenAt)).toMatch(/\.jsonl$/);
  });

  it('keeps header-breaking and non-ASCII characters out of the name', () => {
    const name = exportFileName('Café "quoted"\r\nSet-Cookie: a=b; 画像', 'jsonl', takenAt);
    expect(name).toBe('cafe-quoted-set-cookie-a-b-jsonl-20250304-050607.jsonl');
    expect(attachmentHeader(name)).toBe(`attachment; filename="${name}"`);
    expect(exportFileName('画像', 'jsonl', takenAt)).toBe('project-jsonl-20250304-050607.jsonl');
  });
});
