import { describe, expect, it } from 'vitest';
import { interpretKey, SEQUENCE_TIMEOUT_MS, visiblePages, type KeyInput } from './keyboard.model';

const key = (k: string, extra: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  inTextField: false,
  now: 1000,
  ...extra,
});

describe('interpretKey', () => {
  it('goes to a page with g then a letter', () => {
    const first = interpretKey({ pendingGAt: undefined }, key('g'));
    expect(first.action).toEqual({ type: 'none' });
    expect(interpretKey(first.state, key('q', { now: 1200 })).action).toEqual({
      type: 'goto',
      path: '/queues',
    });
    expect(interpretKey(first.state, key('d', { now: 1200 })).action).toEqual({
      type: 'goto',
      path: '/dead-letter',
    });
  });

  it('forgets g after the timeout and treats the key on its own', () => {
    const first = interpretKey({ pendingGAt: undefined }, key('g'));
    const late = interpretKey(first.state, key('j', { now: 1000 + SEQUENCE_TIMEOUT_MS + 1 }));
    expect(late.action).toEqual({ type: 'move', delta: 1 });
  });

  it('maps single keys and the palette chord', () => {
    expect(interpretKey({ pendingGAt: undefined }, key('/')).action).toEqual({ type: 'search' });
    expect(interpretKey({ pendingGAt: undefined }, key('?')).action).toEqual({ type: 'help' });
    expect(interpretKey({ pendingGAt: undefined }, key('k')).action).toEqual({ type: 'move', delta: -1 });
    expect(interpretKey({ pendingGAt: undefined }, key('k', { ctrlKey: true })).action).toEqual({
      type: 'palette',
    });
    expect(interpretKey({ pendingGAt: undefined }, key('K', { metaKey: true })).action).toEqual({
      type: 'palette',
    });
  });

  it('ignores plain keys while typing, but not the palette chord', () => {
    expect(interpretKey({ pendingGAt: undefined }, key('j', { inTextField: true })).action).toEqual({
      type: 'none',
    });
    expect(
      interpretKey({ pendingGAt: undefined }, key('k', { inTextField: true, ctrlKey: true })).action,
    ).toEqual({
      type: 'palette',
    });
  });
});

describe('visiblePages', () => {
  it('shows the audit log to admins only', () => {
    expect(visiblePages('admin').map((p) => p.id)).toContain('audit');
    expect(visiblePages('operator').map((p) => p.id)).not.toContain('audit');
    expect(visiblePages(undefined).map((p) => p.id)).not.toContain('audit');
    expect(visiblePages('viewer').map((p) => p.id)).toContain('jobs');
  });
});
