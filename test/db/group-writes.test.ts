import { describe, expect, it } from 'vitest';
import { groupWrites } from '../../src/db/group-writes.js';

describe('groupWrites', () => {
  it('runs the first call at once and sends the calls made meanwhile together', async () => {
    const writes: number[][] = [];
    let release: () => void = () => {};
    const write = groupWrites<number>(async (batch) => {
      writes.push(batch);
      if (writes.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    const first = write([1]);
    const rest = [write([2]), write([3, 4])];
    expect(writes).toEqual([[1]]);
    release();
    await Promise.all([first, ...rest]);
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  it('fails every caller of a batch that failed, and goes on with the next', async () => {
    let calls = 0;
    const write = groupWrites<string>(async () => {
      calls++;
      if (calls === 1) throw new Error('down');
    });
    await expect(write(['a'])).rejects.toThrow('down');
    await expect(write(['b'])).resolves.toBeUndefined();
  });
});
