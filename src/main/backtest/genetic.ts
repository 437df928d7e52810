import type { GeneticOptions } from '../../shared/ipc/backtest';
import { gridIndices, gridSize, type Axis } from './param-space';

/** A small, seedable random number generator (mulberry32): the same seed gives the same search. */
export function randomSource(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Scored {
  readonly genes: readonly number[];
  readonly value: number;
}

/**
 * A genetic search over the grid of the axes: each individual is one value index per axis. A generation keeps its
 * best (the elite), then breeds the rest by tournament selection, uniform crossover and mutation (a gene moves to a
 * neighbouring value or, now and then, anywhere). Each point is evaluated once; `evaluate` runs a whole generation
 * at a time, on every core. Stops after the generations, when the grid is exhausted, or when `evaluate` says so.
 */
export async function geneticSearch(
  axes: readonly Axis[],
  opts: GeneticOptions,
  evaluate: (batch: readonly (readonly number[])[]) => Promise<readonly number[] | undefined>,
): Promise<Scored[]> {
  const random = randomSource(opts.seed);
  const size = gridSize(axes);
  const seen = new Map<string, number>();
  const key = (g: readonly number[]): string => g.join(',');
  const randomGenes = (): number[] => axes.map((a) => Math.floor(random() * a.values.length));

  async function score(genes: readonly (readonly number[])[]): Promise<boolean> {
    const fresh: (readonly number[])[] = [];
    const keys = new Set<string>();
    for (const g of genes) {
      const k = key(g);
      if (!seen.has(k) && !keys.has(k)) {
        keys.add(k);
        fresh.push(g);
      }
    }
    if (fresh.length === 0) return true;
    const values = await evaluate(fresh);
    if (values === undefined) return false;
    fresh.forEach((g, i) => seen.set(key(g), values[i]!));
    return true;
  }

  // The first generation: random points (all of them when the grid is no larger than the population).
  let population: number[][] = [];
  if (size <= opts.population) {
    for (let i = 0; i < size; i++) population.push(gridIndices(axes, i));
  } else {
    const keys = new Set<string>();
    while (population.length < opts.population) {
      const g = randomGenes();
      if (!keys.has(key(g))) {
        keys.add(key(g));
        population.push(g);
      }
    }
  }
  if (!(await score(population))) return ranked();

  for (let gen = 1; gen < opts.generations && seen.size < size; gen++) {
    const scored = population.map((g) => ({ genes: g, value: seen.get(key(g))! })).sort((x, y) => y.value - x.value);
    const next: number[][] = scored.slice(0, Math.min(opts.elite, scored.length)).map((s) => [...s.genes]);
    const pick = (): number[] => {
      // Tournament of three.
      let best = scored[Math.floor(random() * scored.length)]!;
      for (let k = 0; k < 2; k++) {
        const c = scored[Math.floor(random() * scored.length)]!;
        if (c.value > best.value) best = c;
      }
      return [...best.genes];
    };
    let attempts = 0;
    const nextKeys = new Set(next.map(key));
    while (next.length < opts.population && attempts++ < opts.population * 50) {
      let child = pick();
      if (random() < opts.crossoverRate) {
        const other = pick();
        child = child.map((g, k) => (random() < 0.5 ? g : other[k]!));
      }
      child = child.map((g, k) => {
        if (random() >= opts.mutationRate) return g;
        const n = axes[k]!.values.length;
        if (random() < 0.25) return Math.floor(random() * n);
        return Math.min(n - 1, Math.max(0, g + (random() < 0.5 ? -1 : 1)));
      });
      // Prefer points not yet seen, so each generation explores.
      const k = key(child);
      if (nextKeys.has(k) || (seen.has(k) && attempts < opts.population * 25)) continue;
      nextKeys.add(k);
      next.push(child);
    }
    population = next;
    if (!(await score(population))) break;
  }
  return ranked();

  function ranked(): Scored[] {
    return [...seen.entries()].map(([k, value]) => ({ genes: k.split(',').map(Number), value })).sort((x, y) => y.value - x.value);
  }
}
