import { describe, expect, it } from 'vitest';
import { isRedacted, splitRedacted } from './redaction.model';

describe('isRedacted', () => {
  it('recognises exactly the marker string', () => {
    expect(isRedacted('[redacted]')).toBe(true);
    expect(isRedacted('[REDACTED]')).toBe(false);
    expect(isRedacted(' [redacted]')).toBe(false);
    expect(isRedacted(null)).toBe(false);
  });
});

describe('splitRedacted', () => {
  it('cuts a JSON preview around quoted markers', () => {
    expect(splitRedacted('{"password":"[redacted]","user":"ann"}')).toEqual([
      { text: '{"password":', redacted: false },
      { text: '"[redacted]"', redacted: true },
      { text: ',"user":"ann"}', redacted: false },
    ]);
  });

  it('handles several markers, bare markers and markers at the edges', () => {
    expect(splitRedacted('[redacted] and "[redacted]"')).toEqual([
      { text: '[redacted]', redacted: true },
      { text: ' and ', redacted: false },
      { text: '"[redacted]"', redacted: true },
    ]);
  });

  it('returns text without a marker as one plain segment', () => {
    expect(splitRedacted('{"user":"ann"}')).toEqual([{ text: '{"user":"ann"}', redacted: false }]);
    expect(splitRedacted('')).toEqual([{ text: '', redacted: false }]);
  });
});
