'use client';

import { useState } from 'react';
import styles from './rows.module.css';

/**
 * A row's thumbnail from the image route. Rows whose original cannot be decoded (the route
 * answers 404) show a text placeholder instead of the browser's broken-image icon.
 */
export function RowThumbnail({ rowId, name }: { rowId: string; name: string }) {
  const [failed, setFailed] = useState(false);
  if (failed) return <span className={styles.noPreview}>No preview</span>;
  return (
    // Thumbnails are already small WebPs from our own route; next/image would re-encode them.
    <img
      src={`/api/images/${rowId}?variant=thumb`}
      alt={name}
      loading="lazy"
      className={styles.thumb}
      onError={() => setFailed(true)}
    />
  );
}
