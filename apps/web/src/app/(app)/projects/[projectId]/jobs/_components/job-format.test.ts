import { describe, expect, it } from 'vitest';
import { formatDuration, formatRate, isActiveJobStatus } from './job-format';

describe('job wording', () => {
  it('formats durations for people', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(12.4)).toBe('12 s');
    expect(formatDuration(200)).toBe('3 min 20 s');
    expect(formatDuration(3900)).toBe('1 h 5 min');
  });

  it('formats rates', () => {
    expect(formatRate(2.345)).toBe('2.3');
    expect(formatRate(41.7)).toBe('42');
  });

  it('keeps polling only while workers may change the job', () => {
    expect(isActiveJobStatus('RUNNING')).toBe(true);
    expect(isActiveJobStatus('CANCELLING')).toBe(true);
    expect(isActiveJobStatus('COMPLETED')).toBe(false);
    expect(isActiveJobStatus(undefined)).toBe(false);
  });
});
