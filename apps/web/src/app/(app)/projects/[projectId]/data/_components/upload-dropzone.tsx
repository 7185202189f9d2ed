'use client';

import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type DragEvent } from 'react';
import { useTRPC } from '../../../../../../trpc/client';
import { errorMessage } from '../../../../../../trpc/errors';
import { FormError } from '../../../../../../ui/field';
import styles from './data.module.css';

/** Files per request (the server takes up to 1000) and bytes per request, so one request stays modest. */
const BATCH_FILES = 200;
const BATCH_BYTES = 256 * 1024 * 1024;

interface UploadResult {
  created: number;
  skipped: number;
  failed: { input: string; error: string }[];
}

function batches(files: File[]): File[][] {
  const result: File[][] = [];
  let current: File[] = [];
  let bytes = 0;
  for (const file of files) {
    if (current.length && (current.length >= BATCH_FILES || bytes + file.size > BATCH_BYTES)) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.size;
  }
  if (current.length) result.push(current);
  return result;
}

/** Sends one batch with XHR, which (unlike fetch) reports upload progress. */
function sendBatch(
  importRunId: string,
  files: File[],
  onProgress: (loaded: number) => void,
): Promise<UploadResult> {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.webkitRelativePath || file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/import-runs/${importRunId}/files`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      const body = xhr.response as (UploadResult & { error?: { message: string } }) | null;
      if (xhr.status === 200 && body) resolve(body);
      else reject(new Error(body?.error?.message ?? `Upload failed (HTTP ${xhr.status})`));
    };
    xhr.onerror = () => reject(new Error('The upload was interrupted'));
    xhr.send(form);
  });
}

export function UploadDropzone({
  id,
  connectionId,
  connectionName,
  onFinished,
}: {
  id: string;
  projectId: string;
  connectionId: string;
  connectionName: string;
  onFinished: () => void;
}) {
  const trpc = useTRPC();
  const beginUpload = useMutation(trpc.dataConnections.beginUpload.mutationOptions());
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [sent, setSent] = useState<{ loaded: number; total: number } | null>(null);
  const [result, setResult] = useState<UploadResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const busy = sent !== null;

  async function upload(files: File[]) {
    // One upload at a time: its progress and summary would mix with another's.
    if (!files.length || busy) return;
    setError(null);
    setResult(null);
    const total = files.reduce((sum, file) => sum + file.size, 0);
    let done = 0;
    const summary: UploadResult = { created: 0, skipped: 0, failed: [] };
    setSent({ loaded: 0, total });
    try {
      for (const batch of batches(files)) {
        const run = await beginUpload.mutateAsync({ connectionId });
        onFinished();
        const outcome = await sendBatch(run.id, batch, (loaded) =>
          setSent({ loaded: done + loaded, total }),
        );
        done += batch.reduce((sum, file) => sum + file.size, 0);
        summary.created += outcome.created;
        summary.skipped += outcome.skipped;
        summary.failed.push(...outcome.failed);
      }
      setResult(summary);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSent(null);
      onFinished();
    }
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    void upload([...event.dataTransfer.files]);
  }

  return (
    <section id={id} className="panel" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Upload to {connectionName}</h3>
      <div
        className={styles.dropzone}
        data-active={dragging}
        role="button"
        tabIndex={0}
        aria-disabled={busy}
        onClick={() => {
          if (!busy) input.current?.click();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            // Space would otherwise also scroll the page.
            event.preventDefault();
            if (!busy) input.current?.click();
          }
        }}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        Drop images here, or click to choose files (JPEG, PNG, WebP, GIF, TIFF, AVIF, HEIF).
      </div>
      <input
        ref={input}
        type="file"
        multiple
        accept="image/*"
        hidden
        aria-label="Choose images to upload"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          // Cleared, so that choosing the same files again is noticed.
          event.target.value = '';
          void upload(files);
        }}
      />
      {sent ? (
        <div className={styles.progress}>
          <span>
            {sent.loaded < sent.total
              ? `Uploading ${Math.round((sent.loaded / Math.max(sent.total, 1)) * 100)}%`
              : 'Checking images and making thumbnails…'}
          </span>
          <progress
            max={Math.max(sent.total, 1)}
            value={sent.loaded}
            aria-label="Upload progress"
          />
        </div>
      ) : null}
      <FormError message={error} />
      {result ? (
        <div role="status">
          <p>
            {result.created} new, {result.skipped} already present, {result.failed.length} failed.
          </p>
          {result.failed.length ? (
            <ul className={styles.failures}>
              {result.failed.map((failure, index) => (
                <li key={index}>
                  <code>{failure.input}</code>: {failure.error}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
