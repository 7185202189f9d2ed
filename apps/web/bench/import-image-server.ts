// The benchmark's image server, run as a child process so that its CPU and memory are not
// counted as the importer's: every /img/<n>.jpg is the same small JPEG with `n` written into a
// comment segment, so each URL has distinct bytes (and sha256) but costs nothing to generate.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { withJpegComment } from '../src/server/services/imports/testing/image-fixtures';

const width = 320;
const height = 240;
const pixels = Buffer.alloc(width * height * 3);
for (let i = 0; i < pixels.length; i += 1) pixels[i] = (i * 31 + (i >> 7) * 17) & 255;
const base = await sharp(pixels, { raw: { width, height, channels: 3 } })
  .jpeg({ quality: 85 })
  .toBuffer();

const server = http.createServer((request, response) => {
  const match = /^\/img\/(\d+)\.jpg$/.exec(request.url ?? '');
  if (!match) {
    response.writeHead(404).end();
    return;
  }
  const body = withJpegComment(base, `image ${match[1]}`);
  response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': body.length });
  response.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ port, imageBytes: base.length });
});
