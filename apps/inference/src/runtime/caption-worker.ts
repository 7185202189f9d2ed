// Entry point of a pool thread: owns one CaptionModel (its onnxruntime sessions block this thread,
// never the main one) and answers caption requests one message at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { ModelFolderError } from '../model/model-folder-error';
import type { CaptionModel } from './caption-model';
import { createCaptionModel } from './caption-model-spec';
import type { CaptionWorkerData, FromWorkerMessage, ToWorkerMessage } from './worker-messages';

const port = parentPort;
if (!port) throw new Error('caption-worker.ts must run as a worker thread');
const send = (message: FromWorkerMessage) => port.postMessage(message);
const { spec } = workerData as CaptionWorkerData;

let model: CaptionModel;
try {
  model = await createCaptionModel(spec);
  send({ type: 'ready', info: model.info });
} catch (error) {
  const { message } = error as Error;
  const modelFolder =
    error instanceof ModelFolderError
      ? { dir: error.dir, file: error.file, problem: error.problem }
      : undefined;
  send({ type: 'startup-failed', message, ...(modelFolder ? { modelFolder } : {}) });
  process.exit(1);
}

port.on('message', (message: ToWorkerMessage) => {
  // Structured clone turns Buffers into plain Uint8Arrays; sharp wants Buffers.
  const images = message.images.map((image) =>
    typeof image === 'string'
      ? image
      : Buffer.from(image.buffer, image.byteOffset, image.byteLength),
  );
  model.captionBatch(images, message.params).then(
    (results) => send({ type: 'result', id: message.id, results }),
    (error: Error) => send({ type: 'failed', id: message.id, message: error.message }),
  );
});
