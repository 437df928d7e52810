import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Terminal } from '../../src/main/engine/terminal';
import { terminals } from '../helpers/terminals';

const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures', 'strategies');
const terminal = terminals({ demoStrategy: false });

/** Plays the replay for `minutes` of market time (four ticks a minute per contract). */
function play(t: Terminal, minutes: number): void {
  for (let i = 0; i < minutes * 4 * t.replay.symbols.length; i++) t.replay.step();
}

describe('strategies on the simulated account', () => {
  it('a dropped strategy file trades on live bars built from the replay, and comes back after a restart', () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-strat-'));
    const t = terminal(profile);
    const file = t.strategies.upload('my-ma.ts', fs.readFileSync(path.join(FIXTURES, 'reference-dual-ma.ts'), 'utf8'));
    expect(file.error).toBeUndefined();
    expect(file.className).toBe('ReferenceDualMa');
    const added = t.strategies.add('ma1', file.id, ['rb2605']);
    expect(added.symbols).toEqual(['SHFE.rb2605']);
    expect(t.strategies.start('ma1').status).toBe('running');
    play(t, 240);
    const info = t.strategies.instances()[0]!;
    expect(info.tradeCount).toBeGreaterThan(0);
    const trades = t.store.tradesSince(0).filter((x) => x.source === 'ma1');
    expect(trades.length).toBe(info.tradeCount);
    // Its own position is what its trades add up to, and it is always within one lot of flat.
    const net = trades.reduce((s, x) => s + (x.side === 'buy' ? x.volume : -x.volume), 0);
    expect(info.positions['SHFE.rb2605']).toBe(net);
    // Always in the market after its first cross: it holds a lot when the terminal closes.
    expect(Math.abs(net)).toBe(1);
    expect(info.lastSignal?.strategy).toBe('ma1');
    t.close();

    const again = terminal(profile);
    const restored = again.strategies.instances();
    expect(restored.map((i) => [i.name, i.status])).toEqual([['ma1', 'running']]);
    expect(again.strategies.listFiles().some((f) => f.id === 'user:my-ma.ts' && f.error === undefined)).toBe(true);
    // It knows what it holds: a restart does not make it open the same lot a second time.
    const back = restored[0]!;
    expect(back.positions).toEqual(info.positions);
    expect([back.tradeCount, back.realizedPnl, back.commission]).toEqual([info.tradeCount, info.realizedPnl, info.commission]);
    // Its last signal is shown again until it sends another.
    const { id: _id, ...signal } = info.lastSignal!;
    expect(back.lastSignal).toMatchObject(signal);
    play(again, 240);
    const all = again.store.tradesSince(0).filter((x) => x.source === 'ma1');
    expect(all.length).toBeGreaterThan(trades.length);
    const netAfter = all.reduce((s, x) => s + (x.side === 'buy' ? x.volume : -x.volume), 0);
    expect(Math.abs(netAfter)).toBeLessThanOrEqual(1);
    expect(again.strategies.instances()[0]!.positions['SHFE.rb2605']).toBe(netAfter);
    const pair = again.engine.portfolio.find('SHFE.rb2605');
    expect((pair?.long.volume ?? 0) - (pair?.short.volume ?? 0)).toBe(netAfter);
  });

  it('finds its book in its trades on a profile from before books were kept, and a new instance under a removed one\'s name starts flat', () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-strat-'));
    const t = terminal(profile);
    t.strategies.add('ma1', 'builtin:dual-ma.ts', ['rb2605'], { fast: 5, slow: 20 });
    t.strategies.start('ma1');
    play(t, 240);
    const held = t.strategies.instances().find((i) => i.name === 'ma1')!;
    expect(Math.abs(held.positions['SHFE.rb2605'] ?? 0)).toBe(1);
    t.db.prepare('UPDATE strategy SET state = NULL').run();
    t.close();

    const again = terminal(profile);
    const back = again.strategies.instances().find((i) => i.name === 'ma1')!;
    expect([back.positions, back.tradeCount, back.realizedPnl, back.commission]).toEqual([held.positions, held.tradeCount, held.realizedPnl, held.commission]);

    again.strategies.remove('ma1');
    again.strategies.add('ma1', 'builtin:dual-ma.ts', ['rb2605']);
    again.close();
    const third = terminal(profile);
    const fresh = third.strategies.start('ma1');
    expect([fresh.positions, fresh.tradeCount]).toEqual([{}, 0]);
  });

  it('keeps what a stopped instance holds when its parameters are changed, and all of it when a change is refused', () => {
    const t = terminal(fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-strat-')));
    t.strategies.add('ma1', 'builtin:dual-ma.ts', ['rb2605'], { fast: 5, slow: 20 });
    t.strategies.start('ma1');
    play(t, 240);
    const held = t.strategies.stop('ma1');
    expect(Math.abs(held.positions['SHFE.rb2605'] ?? 0)).toBe(1);
    const book = (i: { positions: unknown; tradeCount: number; realizedPnl: number; commission: number }) => [i.positions, i.tradeCount, i.realizedPnl, i.commission];

    const changed = t.strategies.update('ma1', undefined, { fast: 8, slow: 20 });
    expect(changed.params).toMatchObject({ fast: 8, slow: 20 });
    expect(book(changed)).toEqual(book(held));

    expect(() => t.strategies.update('ma1', undefined, { fast: 1 })).toThrow(/fast/);
    const after = t.strategies.instances().find((i) => i.name === 'ma1');
    expect(after?.params).toMatchObject({ fast: 8, slow: 20 });
    expect(book(after!)).toEqual(book(held));
    // And it trades on from there once started again.
    expect(t.strategies.start('ma1').status).toBe('running');
  });

  it('a broken file is listed with its file, line and message; a throwing strategy stops alone', () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-strat-'));
    const t = terminal(profile);
    const bad = t.strategies.upload('broken.ts', "import { Strategy } from '@qihuo/strategy';\nexport default class B extends Strategy {\n  override onBar(): void { const x = ; }\n}\n");
    expect(bad.error?.line).toBe(3);
    expect(bad.error?.message).toMatch(/syntax error/);
    expect(() => t.strategies.add('b1', bad.id, ['rb2605'])).toThrow(/does not load/);

    const thrower = t.strategies.upload(
      'thrower.ts',
      [
        "import { Strategy, type Bar } from '@qihuo/strategy';",
        'export default class Thrower extends Strategy {',
        '  private n = 0;',
        '  override onBar(bar: Bar): void {',
        '    if (++this.n === 3) throw new Error(`bad bar ${bar.close}`);',
        '  }',
        '}',
      ].join('\n'),
    );
    const good = t.strategies.upload('ma.ts', fs.readFileSync(path.join(FIXTURES, 'reference-dual-ma.ts'), 'utf8'));
    t.strategies.add('thrower', thrower.id, ['rb2605']);
    t.strategies.add('ma', good.id, ['rb2605']);
    t.strategies.start('thrower');
    t.strategies.start('ma');
    play(t, 120);
    const [th, ma] = t.strategies.instances();
    expect(th!.status).toBe('error');
    expect(th!.error?.line).toBe(5);
    expect(th!.error?.message).toMatch(/bad bar/);
    expect(ma!.status).toBe('running');
    expect(ma!.tradeCount).toBeGreaterThan(0);
  });

  it('refuses parameters that do not fit the declared schema, naming the parameter', () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-strat-'));
    const t = terminal(profile);
    const f = t.strategies.upload(
      'p.ts',
      [
        "import { Strategy } from '@qihuo/strategy';",
        'export default class P extends Strategy {',
        "  static override params = [{ name: 'fast', type: 'int', default: 10, min: 2, max: 50, label: { zh: '快线', en: 'Fast' } }] as const;",
        '}',
      ].join('\n'),
    );
    expect(f.params?.[0]?.name).toBe('fast');
    expect(() => t.strategies.add('p1', f.id, ['rb2605'], { fast: 99 })).toThrow(/parameter fast must be at most 50/);
    expect(() => t.strategies.add('p2', f.id, ['rb2605'], { slow: 5 })).toThrow(/unknown parameter "slow"/);
    expect(t.strategies.add('p3', f.id, ['rb2605'], { fast: 20 }).params).toEqual({ fast: 20 });
  });
});
