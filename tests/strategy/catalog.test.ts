import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStrategyFile } from '../../src/main/strategy/loader';

const dir = path.resolve(__dirname, '../../strategies');
const names = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();
const testSources = fs
  .readdirSync(__dirname)
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => fs.readFileSync(path.join(__dirname, f), 'utf8'))
  .join('\n');

describe('the strategies that ship (strategies/)', () => {
  it('are at least 20, WaveTrend among them', () => {
    expect(names.length).toBeGreaterThanOrEqual(20);
    expect(names).toContain('wavetrend');
  });

  it.each(names)('%s loads and declares a readable form: names and labels in Chinese and English, numbers with a range and step', (name) => {
    const { cls } = loadStrategyFile(path.join(dir, `${name}.ts`));
    expect(cls.meta.name.zh).toMatch(/\S/);
    expect(cls.meta.name.en).toMatch(/\S/);
    expect(cls.meta.description?.zh).toMatch(/\S/);
    expect(cls.meta.description?.en).toMatch(/\S/);
    expect(cls.params.length).toBeGreaterThan(0);
    for (const p of cls.params) {
      expect(p.label.zh, `${p.name} has a Chinese label`).toMatch(/[\u4e00-\u9fff]/);
      expect(p.label.en, `${p.name} has an English label`).toMatch(/^[A-Z]/);
      if (p.type === 'int' || p.type === 'float') {
        expect([p.min, p.max, p.step].every((v) => typeof v === 'number'), `${p.name} has min, max and step`).toBe(true);
        expect(p.default as number).toBeGreaterThanOrEqual(p.min!);
        expect(p.default as number).toBeLessThanOrEqual(p.max!);
      }
    }
  });

  it.each(names)('%s is run on the sample data by a test here', (name) => {
    expect(testSources).toContain(`runShipped('${name}'`);
  });
});
