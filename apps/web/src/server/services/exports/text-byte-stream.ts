// Turns an export's text pieces into a pull-based byte stream: nothing is read from the database
// until the consumer (an HTTP client, a file) asks for more, so a slow reader holds back the
// database reads instead of filling memory. A consumer that goes away (the stream is cancelled, or the
// request's signal aborts before anyone read the body) ends the source and settles the export.
export interface ByteStreamTotals {
  bytes: number;
}

export interface ByteStreamHooks {
  /** After the last byte was handed over. */
  onFinish(totals: ByteStreamTotals): Promise<void>;
  /** When the source failed or the consumer went away; `reason` is for the record. */
  onAbort(reason: string, totals: ByteStreamTotals): Promise<void>;
}

export interface ByteStreamOptions {
  /**
   * Aborts when the consumer is gone, e.g. the HTTP request's signal: a client that disconnects
   * before the server starts sending the body never reads (nor cancels) the stream.
   */
  signal?: AbortSignal;
}

/** Bytes collected before a chunk is handed over: one syscall-sized write, not one per row. */
const CHUNK_BYTES = 64 * 1024;

/** The reason recorded for an export whose client went away. */
export const CLIENT_GONE_REASON = 'the client disconnected before the download finished';

export function textToByteStream(
  pieces: AsyncIterable<string>,
  hooks: ByteStreamHooks,
  { signal }: ByteStreamOptions = {},
): ReadableStream<Uint8Array<ArrayBuffer>> {
  const iterator = pieces[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const totals: ByteStreamTotals = { bytes: 0 };
  let settled = false;
  // Claimed synchronously, so a pull that is still running cannot also record a finish.
  const claim = () => {
    if (settled) return false;
    settled = true;
    return true;
  };
  const abandon = async (reason: string) => {
    if (!claim()) return;
    signal?.removeEventListener('abort', onSignal);
    try {
      // Ends the generators, whose `finally` waits for the database reads still running.
      await iterator.return?.();
    } catch {
      // The source already failed; the hook below releases what it held.
    }
    await hooks.onAbort(reason, totals);
  };
  const onSignal = () => {
    abandon(CLIENT_GONE_REASON).catch((error: Error) =>
      console.error('ending an abandoned export failed', error),
    );
  };
  if (signal?.aborted) onSignal();
  else signal?.addEventListener('abort', onSignal, { once: true });

  return new ReadableStream<Uint8Array<ArrayBuffer>>(
    {
      async pull(controller) {
        try {
          let text = '';
          while (text.length < CHUNK_BYTES) {
            const next = await iterator.next();
            // Abandoned meanwhile: nothing more goes to a consumer that is gone.
            if (settled) return;
            if (next.done) {
              if (text) {
                const bytes = encoder.encode(text);
                totals.bytes += bytes.byteLength;
                controller.enqueue(bytes);
              }
              claim();
              signal?.removeEventListener('abort', onSignal);
              await hooks.onFinish(totals);
              controller.close();
              return;
            }
            text += next.value;
          }
          const bytes = encoder.encode(text);
          totals.bytes += bytes.byteLength;
          controller.enqueue(bytes);
        } catch (error) {
          if (claim()) {
            signal?.removeEventListener('abort', onSignal);
            await hooks.onAbort(error instanceof Error ? error.message : String(error), totals);
          }
          controller.error(error);
        }
      },
      async cancel() {
        await abandon(CLIENT_GONE_REASON);
      },
    },
    // One chunk ahead: enough to overlap the next database fetch with the network write.
    { highWaterMark: 1 },
  );
}
