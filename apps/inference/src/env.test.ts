import { describe, expect, it } from 'vitest';
import { readEnv } from './env';

const REQUIRED = {
  DATABASE_URL: 'postgresql://localhost:5432/captionary',
  REDIS_URL: 'redis://127.0.0.1:6379',
};

describe('the worker configuration', () => {
  it('fills the defaults and splits the provider list', () => {
    const env = readEnv({ ...REQUIRED, EXECUTION_PROVIDERS: 'cuda, cpu' });
    expect(env.EXECUTION_PROVIDERS).toEqual(['cuda', 'cpu']);
    expect(env.RESIZE_MODE).toBe('fast');
    // What libuv uses when the variable is unset.
    expect(env.UV_THREADPOOL_SIZE).toBe(4);
    expect(readEnv({ ...REQUIRED, UV_THREADPOOL_SIZE: '32' }).UV_THREADPOOL_SIZE).toBe(32);
  });

  it.each([
    [{ DATABASE_URL: undefined }, 'DATABASE_URL'],
    [{ EXECUTION_PROVIDERS: 'tpu,cpu' }, 'EXECUTION_PROVIDERS'],
    [{ RESIZE_MODE: 'nearest' }, 'RESIZE_MODE'],
    [{ UV_THREADPOOL_SIZE: '0' }, 'UV_THREADPOOL_SIZE'],
    [{ UV_THREADPOOL_SIZE: '2000' }, 'UV_THREADPOOL_SIZE'],
    [{ INFERENCE_THREADS: 'two' }, 'INFERENCE_THREADS'],
  ])('refuses %o, naming the variable', (override, name) => {
    expect(() => readEnv({ ...REQUIRED, ...override })).toThrow(
      new RegExp(`Invalid inference worker configuration:[\\s\\S]*${name}`),
    );
  });
});
