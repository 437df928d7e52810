import os from 'node:os';
import v8 from 'node:v8';

/*
 * A backtest makes short-lived objects at a high rate (an order, its fill, the strategy's requests, a bar view a
 * row), nearly all garbage within a bar. V8 starts a thread's young generation at 1 MB a semi-space and grows it only
 * when much survives, which here little does: it stays small and is collected every few milliseconds, each collection
 * with a fixed cost of its own. A backtest thread started with a 64 MB semi-space is collected a tenth as often and
 * ran the benchmark's dual MA 10-15% faster (bench/backtest-speed.ts), with 128 MB some 3% faster again; two threads
 * of an optimisation ran 5% faster with 64 MB each than with 128. Sized so that the young generations of all the
 * threads of a job together take at most an eighth of the machine's memory: a lone backtest gets 128 MB on any PC
 * with 3 GB or more, an optimisation 64 MB or less, never less than V8's own 16 MB.
 */

const MB = 1024 * 1024;
/** A lone backtest's; threads side by side share the caches and the memory bus, and ran faster with less. */
const MAX_ALONE_MB = 128;
const MAX_SHARED_MB = 64;
const MIN_SEMI_SPACE_MB = 16;

/** The semi-space (MB, a power of two) each of `threads` backtest threads gets on a machine with `totalMemory` bytes. */
export function nurseryMb(threads: number, totalMemory: number = os.totalmem()): number {
  // A young generation is three semi-spaces: the two it copies between and the one for large objects.
  const budget = totalMemory / 8 / Math.max(1, threads) / 3 / MB;
  let mb = threads > 1 ? MAX_SHARED_MB : MAX_ALONE_MB;
  while (mb > MIN_SEMI_SPACE_MB && mb > budget) mb /= 2;
  return mb;
}

/**
 * Gives the backtest threads started from now on their young generation. V8 reads these settings when it creates a
 * thread's heap, not later: threads already running, the main one included, keep theirs.
 */
export function sizeNursery(threads: number): number {
  const mb = nurseryMb(threads);
  v8.setFlagsFromString(`--max-semi-space-size=${mb}`);
  v8.setFlagsFromString(`--min-semi-space-size=${mb}`);
  return mb;
}
