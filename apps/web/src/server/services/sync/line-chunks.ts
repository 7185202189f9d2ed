/** Bytes gathered before one write, so a million short lines are not a million writes. */
const CHUNK_BYTES = 256 * 1024;

/** `lines` as UTF-8 chunks of about CHUNK_BYTES each; stops at once when `signal` aborts. */
export async function* utf8Chunks(
  lines: AsyncIterable<string>,
  signal: AbortSignal,
): AsyncIterable<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const line of lines) {
    signal.throwIfAborted();
    const bytes = Buffer.from(line, 'utf8');
    pending.push(bytes);
    pendingBytes += bytes.length;
    if (pendingBytes >= CHUNK_BYTES) {
      yield Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
    }
  }
  if (pending.length) yield Buffer.concat(pending);
}

/** Splits streamed text into lines (without their newlines); a last unterminated line counts. */
export async function* splitLines(chunks: AsyncIterable<string>): AsyncIterable<string> {
  let rest = '';
  for await (const chunk of chunks) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    yield* lines;
  }
  if (rest) yield rest;
}
