import { describe, expect, it } from 'vitest';
import { SseParser } from './sseParser.model';

describe('SseParser', () => {
  it('parses id, event and multi-line data across chunks', () => {
    const parser = new SseParser();
    expect(parser.push('id: 7\nevent: job.completed\ndata: {"a":')).toEqual([]);
    const frames = parser.push('1}\ndata: {"b":2}\n\n');
    expect(frames).toEqual([{ id: '7', event: 'job.completed', data: '{"a":1}\n{"b":2}' }]);
    expect(parser.lastEventId).toBe('7');
  });

  it('skips comments, handles CRLF split between chunks and reports retry', () => {
    const retries: number[] = [];
    const parser = new SseParser((ms) => retries.push(ms));
    expect(parser.push(': heartbeat\r')).toEqual([]);
    expect(parser.push('\nretry: 3000\r\ndata: x\r')).toEqual([]);
    expect(parser.push('\n\r\n')).toEqual([{ id: undefined, event: 'message', data: 'x' }]);
    expect(retries).toEqual([3000]);
  });

  it('drops frames without data and keeps the last id', () => {
    const parser = new SseParser();
    expect(parser.push('id: 3\n\nevent: x\n\n')).toEqual([]);
    expect(parser.lastEventId).toBe('3');
  });
});
