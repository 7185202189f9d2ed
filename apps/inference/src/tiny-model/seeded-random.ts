/**
 * A small seeded PRNG (mulberry32) so the tiny model's weights are the same on every machine.
 * Normal-ish samples use the Irwin–Hall sum of uniforms instead of Box–Muller: only +, - and *
 * are involved, which IEEE 754 defines exactly, so checksums cannot drift with a platform's
 * Math.log / Math.cos implementation.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Approximately N(0, 1): the sum of 12 uniforms minus 6 has mean 0 and variance 1. */
  normal(): number {
    let sum = 0;
    for (let i = 0; i < 12; i++) sum += this.uniform();
    return sum - 6;
  }

  /** `count` samples of N(mean, std²) as float32. */
  normals(count: number, std: number, mean = 0): Float32Array {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = mean + std * this.normal();
    return out;
  }
}
