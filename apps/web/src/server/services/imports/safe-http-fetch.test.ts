import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrlBytes, type SafeFetchOptions } from './safe-http-fetch';
import { startLoopbackServer, type LoopbackServer } from './testing/loopback-server';
import type { ResolveHost } from './vetted-address';

let server: LoopbackServer;
const body = Buffer.from('pretend image bytes');

beforeAll(async () => {
  server = await startLoopbackServer((path) => {
    if (path === '/image') return { body };
    if (path === '/big') return { body: Buffer.alloc(2048) };
    if (path === '/to-image') return { redirect: '/image' };
    if (path === '/loop') return { redirect: '/loop' };
    if (path === '/to-metadata') return { redirect: 'http://169.254.169.254/latest/meta-data/' };
    if (path === '/to-file') return { redirect: 'file:///etc/passwd' };
    return undefined;
  });
});
afterAll(() => server.close());

const closed: SafeFetchOptions = { allowHosts: new Set(), maxBytes: 1024, timeoutMs: 5_000 };
const opened = (): SafeFetchOptions => ({ ...closed, allowHosts: new Set([server.hostPort]) });

describe('fetchUrlBytes without an allow-list', () => {
  it.each([
    ['loopback', () => server.url('/image')],
    ['localhost', () => `http://localhost:${server.port}/image`],
    ['[::1]', () => `http://[::1]:${server.port}/image`],
    ['0.0.0.0', () => `http://0.0.0.0:${server.port}/image`],
    ['a decimal loopback host', () => `http://2130706433:${server.port}/image`],
    ['an octal/hex loopback host', () => `http://0x7f.0.0.01:${server.port}/image`],
    ['an IPv4-mapped loopback', () => `http://[::ffff:127.0.0.1]:${server.port}/image`],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
    ['a private range', () => 'http://10.0.0.1/x.jpg'],
  ])('refuses %s', async (_name, url) => {
    await expect(fetchUrlBytes(url(), closed)).rejects.toThrow(/private or reserved address/);
  });

  it.each(['file:///etc/passwd', 'gopher://example.com/', 'ftp://example.com/a.jpg'])(
    'refuses the scheme of %s',
    async (url) => {
      await expect(fetchUrlBytes(url, closed)).rejects.toThrow(/Only http and https/);
    },
  );

  it('refuses a public-looking name that resolves to a private address', async () => {
    const lyingDns: ResolveHost = async () => [{ address: '10.0.0.7', family: 4 }];
    await expect(
      fetchUrlBytes('http://images.example.com/cat.jpg', { ...closed, resolve: lyingDns }),
    ).rejects.toThrow(
      /images\.example\.com resolves to a private or reserved address \(10\.0\.0\.7\)/,
    );
  });

  it('refuses a name with one public and one private answer', async () => {
    const splitDns: ResolveHost = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    await expect(
      fetchUrlBytes('http://rebind.example.com/', { ...closed, resolve: splitDns }),
    ).rejects.toThrow(/private or reserved/);
  });
});

describe('fetchUrlBytes with the loopback server allowed', () => {
  it('downloads and follows relative redirects', async () => {
    expect(await fetchUrlBytes(server.url('/image'), opened())).toEqual(body);
    expect(await fetchUrlBytes(server.url('/to-image'), opened())).toEqual(body);
  });

  it('checks every redirect hop: metadata and file: targets are refused', async () => {
    await expect(fetchUrlBytes(server.url('/to-metadata'), opened())).rejects.toThrow(
      /169\.254\.169\.254 resolves to a private/,
    );
    await expect(fetchUrlBytes(server.url('/to-file'), opened())).rejects.toThrow(
      /Only http and https/,
    );
  });

  it('stops after 5 redirects, over the size limit, and on HTTP errors', async () => {
    await expect(fetchUrlBytes(server.url('/loop'), opened())).rejects.toThrow(/More than 5/);
    await expect(fetchUrlBytes(server.url('/big'), opened())).rejects.toThrow(/larger than/);
    await expect(fetchUrlBytes(server.url('/missing'), opened())).rejects.toThrow(/HTTP 404/);
  });

  it('an allow-list entry opens only its exact port', async () => {
    const otherPort = { ...closed, allowHosts: new Set([`127.0.0.1:${server.port + 1}`]) };
    await expect(fetchUrlBytes(server.url('/image'), otherPort)).rejects.toThrow(/private/);
  });
});
