import { describe, expect, it } from 'vitest';
import { LiveIndex, SCAN_LIMIT } from '../../src/main/trading/live-index';

const entry = (id: string): { id: string } => ({ id });

describe('the live index of holds and stops', () => {
  it('finds each live entry by id while older and newer ones end in any order', () => {
    const index = new LiveIndex<{ id: string }>();
    const es = Array.from({ length: 10 }, (_, k) => entry(`E${k}`));
    for (const e of es) index.add(e);
    for (const k of [0, 3, 9, 4, 5]) index.remove(es[k]!);
    expect(index.size).toBe(5);
    for (const [k, e] of es.entries()) expect(index.get(e.id)).toBe([0, 3, 4, 5, 9].includes(k) ? undefined : e);
    expect(index.entries().map((e) => e.id)).toEqual(['E1', 'E2', 'E6', 'E7', 'E8']);
    // Removing twice, or what was never added, changes nothing.
    index.remove(es[3]!);
    index.remove(entry('E1'));
    expect(index.size).toBe(5);
    for (const k of [8, 1, 7, 2, 6]) index.remove(es[k]!);
    expect([index.size, index.entries(), index.get('E6')]).toEqual([0, [], undefined]);
  });

  it('keeps finding entries when many come and go, past the point where it keeps a map', () => {
    const index = new LiveIndex<{ id: string }>();
    const all: { id: string }[] = [];
    // A long-lived grid of entries, and short-lived ones added and ended beside them.
    for (let k = 0; k < SCAN_LIMIT + 8; k++) {
      const e = entry(`G${k}`);
      all.push(e);
      index.add(e);
    }
    for (let k = 0; k < 500; k++) {
      const e = entry(`S${k}`);
      index.add(e);
      if (k % 3 !== 0) index.remove(e);
    }
    for (let k = 0; k < SCAN_LIMIT + 8; k += 2) index.remove(all[k]!);
    const kept = [...all.filter((_, k) => k % 2 === 1).map((e) => e.id), ...Array.from({ length: 167 }, (_, j) => `S${j * 3}`)];
    expect(index.size).toBe(kept.length);
    for (const id of kept) expect(index.get(id)?.id).toBe(id);
    expect(index.get('G0')).toBeUndefined();
    expect(index.get('S1')).toBeUndefined();
    expect(new Set(index.entries().map((e) => e.id))).toEqual(new Set(kept));
  });
});
