import { describe, expect, it } from 'vitest';
import { EventBus } from '../../src/main/engine/bus';

interface Events {
  tick: number;
  order: string;
}

describe('event bus', () => {
  it('calls handlers synchronously, in the order they were added, with the payload', () => {
    const bus = new EventBus<Events>();
    const seen: string[] = [];
    bus.on('tick', (n) => seen.push(`a${n}`));
    bus.on('tick', (n) => seen.push(`b${n}`));
    bus.on('order', (s) => seen.push(`o${s}`));
    bus.emit('tick', 1);
    seen.push('after');
    bus.emit('order', 'x');
    expect(seen).toEqual(['a1', 'b1', 'after', 'ox']);
  });

  it('a throwing handler is reported and the others still run', () => {
    const errors: [string, unknown][] = [];
    const bus = new EventBus<Events>((type, e) => errors.push([String(type), e]));
    const seen: number[] = [];
    bus.on('tick', () => {
      throw new Error('boom');
    });
    bus.on('tick', (n) => seen.push(n));
    bus.emit('tick', 7);
    expect(seen).toEqual([7]);
    expect(errors).toHaveLength(1);
    expect(errors[0]![0]).toBe('tick');
    expect((errors[0]![1] as Error).message).toBe('boom');
  });

  it('unsubscribes, also from inside a handler, without skipping the next handler', () => {
    const bus = new EventBus<Events>();
    const seen: string[] = [];
    const offA = bus.on('tick', () => {
      seen.push('a');
      offA();
    });
    bus.on('tick', () => seen.push('b'));
    bus.emit('tick', 1);
    bus.emit('tick', 2);
    expect(seen).toEqual(['a', 'b', 'b']);
    expect(bus.hasHandlers('order')).toBe(false);
    expect(bus.hasHandlers('tick')).toBe(true);
  });

  it('a handler added during an emit is called from the next emit on', () => {
    const bus = new EventBus<Events>();
    const seen: string[] = [];
    bus.on('tick', (n) => {
      seen.push(`a${n}`);
      if (n === 1) bus.on('tick', (m) => seen.push(`late${m}`));
    });
    bus.emit('tick', 1);
    bus.emit('tick', 2);
    expect(seen).toEqual(['a1', 'a2', 'late2']);
  });

  it('emits nested events in order (a handler that emits)', () => {
    const bus = new EventBus<Events>();
    const seen: string[] = [];
    bus.on('order', (s) => {
      seen.push(`order ${s}`);
      if (s === 'first') bus.emit('tick', 1);
    });
    bus.on('tick', (n) => seen.push(`tick ${n}`));
    bus.emit('order', 'first');
    expect(seen).toEqual(['order first', 'tick 1']);
  });
});
