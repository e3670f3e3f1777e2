import { describe, expect, it } from 'vitest';
import { type SseItem, type SseMessage, SseParser } from './SseParser';

function messages(items: SseItem[]): SseMessage[] {
  return items.flatMap((item) => (item.kind === 'message' ? [item.message] : []));
}

/** Feeds the text one chunk at a time at every possible split point and checks the result is stable. */
function parseAllSplits(text: string): SseItem[] {
  const whole = new SseParser().feed(text);
  for (let cut = 1; cut < text.length; cut++) {
    const parser = new SseParser();
    const split = [...parser.feed(text.slice(0, cut)), ...parser.feed(text.slice(cut))];
    expect(split, `split at ${cut}`).toEqual(whole);
  }
  return whole;
}

describe('SseParser', () => {
  it('parses event, id and single-line data', () => {
    const items = parseAllSplits('event: job.state_changed\nid: evt_1\ndata: {"a":1}\n\n');
    expect(items).toEqual([
      { kind: 'message', message: { event: 'job.state_changed', data: '{"a":1}', id: 'evt_1' } },
    ]);
  });

  it('joins multi-line data with LF and defaults the type to message', () => {
    const items = parseAllSplits('data: first\ndata: second\ndata\ndata:  indented\n\n');
    expect(messages(items)).toEqual([{ event: 'message', data: 'first\nsecond\n\n indented', id: '' }]);
  });

  it('accepts CRLF, CR and LF line endings, mixed', () => {
    const items = parseAllSplits('data: a\r\n\r\ndata: b\r\rdata: c\n\ndata: d\r\n\n');
    expect(messages(items).map((m) => m.data)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('treats a CRLF split across two chunks as one line ending', () => {
    const parser = new SseParser();
    const first = parser.feed('data: x\r');
    const second = parser.feed('\n\r\n');
    expect(messages([...first, ...second])).toEqual([{ event: 'message', data: 'x', id: '' }]);
  });

  it('strips one leading BOM only at the start of the stream', () => {
    const parser = new SseParser();
    const items = [...parser.feed('\uFEFFdata: one\n\n'), ...parser.feed('\uFEFFdata: two\n\n')];
    // the second BOM is part of a field name ("\uFEFFdata"), which is unknown and ignored
    expect(messages(items).map((m) => m.data)).toEqual(['one']);
  });

  it('reports comments and ignores unknown fields', () => {
    const items = parseAllSplits(': heartbeat\n:no-space\nfoo: bar\ndata: x\n\n');
    expect(items).toEqual([
      { kind: 'comment', text: 'heartbeat' },
      { kind: 'comment', text: 'no-space' },
      { kind: 'message', message: { event: 'message', data: 'x', id: '' } },
    ]);
  });

  it('reports retry only when it is all digits', () => {
    const items = parseAllSplits('retry: 3000\nretry: 12a\nretry: -5\nretry:\n\n');
    expect(items).toEqual([{ kind: 'retry', retryMs: 3000 }]);
  });

  it('does not dispatch an event without data, but keeps its id and reports the change', () => {
    const parser = new SseParser();
    const items = parser.feed('id: 7\nevent: ping\n\ndata: after\n\n');
    expect(items).toEqual([
      { kind: 'id', id: '7' },
      { kind: 'message', message: { event: 'message', data: 'after', id: '7' } },
    ]);
    expect(parser.lastEventId).toBe('7');
  });

  it('dispatches empty data for a bare data field', () => {
    expect(messages(new SseParser().feed('data\n\n'))).toEqual([{ event: 'message', data: '', id: '' }]);
  });

  it('ignores an id containing NULL and lets an empty id reset the last id', () => {
    const parser = new SseParser();
    const items = parser.feed('id: 1\ndata: a\n\nid: x\u0000y\ndata: b\n\nid\ndata: c\n\n');
    expect(messages(items).map((m) => m.id)).toEqual(['1', '1', '']);
    expect(parser.lastEventId).toBe('');
  });

  it('keeps a value containing colons intact and removes exactly one leading space', () => {
    const items = new SseParser().feed('data:  two spaces: and colon\n\ndata:no-space\n\n');
    expect(messages(items).map((m) => m.data)).toEqual([' two spaces: and colon', 'no-space']);
  });

  it('discards an unterminated event at end of stream and starts the next connection clean', () => {
    const parser = new SseParser('evt_5');
    expect(parser.feed('id: evt_6\ndata: partial')).toEqual([]);
    parser.end();
    expect(parser.lastEventId).toBe('evt_5');
    expect(messages(parser.feed('id: evt_6\ndata: full\n\n'))).toEqual([
      { event: 'message', data: 'full', id: 'evt_6' },
    ]);
  });

  it('carries the last event id into a resumed connection, as browsers do', () => {
    const parser = new SseParser('evt_9');
    expect(parser.lastEventId).toBe('evt_9');
    // A resumed stream opens with a block that has no data and no id: the resume point stays.
    expect(parser.feed('retry: 3000\n: connected\n\n').filter((i) => i.kind === 'id')).toEqual([]);
    expect(parser.lastEventId).toBe('evt_9');
    expect(messages(parser.feed('data: no id\n\n'))).toEqual([
      { event: 'message', data: 'no id', id: 'evt_9' },
    ]);
    parser.end();
    expect(messages(parser.feed('data: after a drop\n\n'))).toEqual([
      { event: 'message', data: 'after a drop', id: 'evt_9' },
    ]);
    // Only an explicit empty id clears it.
    expect(messages(parser.feed('id\ndata: cleared\n\n'))).toEqual([
      { event: 'message', data: 'cleared', id: '' },
    ]);
    expect(parser.lastEventId).toBe('');
  });

  it('handles many events in one chunk and one event over many chunks', () => {
    const text = Array.from({ length: 50 }, (_, i) => `id: ${i}\nevent: e\ndata: {"n":${i}}\n\n`).join('');
    const parser = new SseParser();
    const items: SseItem[] = [];
    for (const ch of text) items.push(...parser.feed(ch));
    expect(messages(items).map((m) => Number(m.id))).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(messages(new SseParser().feed(text))).toHaveLength(50);
  });

  it('decodes UTF-8 split across chunks when fed through a streaming TextDecoder', () => {
    const bytes = new TextEncoder().encode('data: héllo ✓ 🚀\n\n');
    const decoder = new TextDecoder('utf-8');
    const parser = new SseParser();
    const items: SseItem[] = [];
    for (const byte of bytes)
      items.push(...parser.feed(decoder.decode(new Uint8Array([byte]), { stream: true })));
    expect(messages(items)).toEqual([{ event: 'message', data: 'héllo ✓ 🚀', id: '' }]);
  });
});
