// Turns an export's text pieces into a pull-based byte stream: nothing is read from the database
// until the consumer (an HTTP client, a file) asks for more, so a slow reader holds back the
// cursor instead of filling memory.
export interface ByteStreamTotals {
  bytes: number;
}

export interface ByteStreamHooks {
  /** After the last byte was handed over. */
  onFinish(totals: ByteStreamTotals): Promise<void>;
  /** When the source failed or the consumer went away; `reason` is for the record. */
  onAbort(reason: string, totals: ByteStreamTotals): Promise<void>;
}

/** Bytes collected before a chunk is handed over: one syscall-sized write, not one per row. */
const CHUNK_BYTES = 64 * 1024;

export function textToByteStream(
  pieces: AsyncIterable<string>,
  hooks: ByteStreamHooks,
): ReadableStream<Uint8Array<ArrayBuffer>> {
  const iterator = pieces[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const totals: ByteStreamTotals = { bytes: 0 };
  let settled = false;
  const settle = async (action: () => Promise<void>) => {
    if (settled) return;
    settled = true;
    await action();
  };
  return new ReadableStream<Uint8Array<ArrayBuffer>>(
    {
      async pull(controller) {
        try {
          let text = '';
          while (text.length < CHUNK_BYTES) {
            const next = await iterator.next();
            if (next.done) {
              if (text) {
                const bytes = encoder.encode(text);
                totals.bytes += bytes.byteLength;
                controller.enqueue(bytes);
              }
              await settle(() => hooks.onFinish(totals));
              controller.close();
              return;
            }
            text += next.value;
          }
          const bytes = encoder.encode(text);
          totals.bytes += bytes.byteLength;
          controller.enqueue(bytes);
        } catch (error) {
          await settle(() =>
            hooks.onAbort(error instanceof Error ? error.message : String(error), totals),
          );
          controller.error(error);
        }
      },
      async cancel() {
        // Ends the generators, whose `finally` closes the database cursor.
        await iterator.return?.();
        await settle(() => hooks.onAbort('the download was cancelled', totals));
      },
    },
    // One chunk ahead: enough to overlap the next database fetch with the network write.
    { highWaterMark: 1 },
  );
}
