import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { forEachLimited } from './for-each-limited';

describe('forEachLimited', () => {
  it('runs every index once, never more than the limit at a time', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await forEachLimited(9, 2, async (index) => {
      running++;
      most = Math.max(most, running);
      seen.push(index);
      await sleep(index % 3);
      running--;
    });
    expect(most).toBe(2);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('handles fewer tasks than the limit, and none', async () => {
    const seen: number[] = [];
    await forEachLimited(2, 8, async (index) => void seen.push(index));
    await forEachLimited(0, 8, async () => void seen.push(-1));
    expect(seen).toEqual([0, 1]);
  });

  it('refuses a limit below one', async () => {
    await expect(forEachLimited(3, 0, async () => {})).rejects.toThrow(/positive integer/);
  });
});
