import { describe, expect, it } from 'vitest';
import { applySuggestion, suggest } from './querySuggest.model';

const vocab = {
  clusters: ['local'],
  queues: ['critical', 'default', 'emails'],
  types: ['email.send', 'email.digest'],
};

describe('suggest', () => {
  it('offers qualifiers for a bare prefix', () => {
    const s = suggest('sta', 3, vocab);
    expect(s).toMatchObject({ start: 0, end: 3 });
    expect(s.items.map((i) => i.insert)).toEqual(['state:']);
  });

  it('offers every qualifier on an empty word, args./meta. included', () => {
    const items = suggest('queue:x ', 8, vocab).items.map((i) => i.insert);
    expect(items).toContain('type:');
    expect(items.length).toBeLessThanOrEqual(8);
    expect(suggest('ar', 2, vocab).items.map((i) => i.insert)).toEqual(['args.']);
  });

  it('offers values for known qualifiers, after the last comma, skipping chosen ones', () => {
    const s = suggest('state:retryable,d', 17, vocab);
    expect(s.start).toBe(16);
    expect(s.items.map((i) => i.insert)).toEqual(['discarded']);
    expect(suggest('queue:', 6, vocab).items.map((i) => i.insert)).toEqual(['critical', 'default', 'emails']);
    expect(suggest('-type:email.s', 13, vocab).items.map((i) => i.insert)).toEqual(['email.send']);
  });

  it('keeps negation when completing a qualifier', () => {
    expect(suggest('-qu', 3, vocab).items.map((i) => i.insert)).toEqual(['-queue:']);
  });
});

describe('applySuggestion', () => {
  it('replaces the word and adds a space after a finished value', () => {
    const s = suggest('type:email.s queue:x', 12, vocab);
    const first = s.items[0];
    if (!first) throw new Error('no suggestion');
    expect(applySuggestion('type:email.s queue:x', s, first)).toEqual({
      value: 'type:email.send queue:x',
      cursor: 15,
    });
  });

  it('leaves the cursor after the colon of a qualifier', () => {
    const s = suggest('sta', 3, vocab);
    const first = s.items[0];
    if (!first) throw new Error('no suggestion');
    expect(applySuggestion('sta', s, first)).toEqual({ value: 'state:', cursor: 6 });
  });
});
