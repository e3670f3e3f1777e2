import { describe, expect, it } from 'vitest';
import { formatQueryValue, needsJobDetail, needsResidualMatching, parseJobQuery } from './parseJobQuery';
import { matchesJobQuery, type MatchableJob } from './matchJobQuery';

function parse(input: string) {
  const result = parseJobQuery(input);
  if (!result.ok) throw new Error(`unexpected syntax error: ${result.error.message}`);
  return result.query;
}

describe('parseJobQuery', () => {
  it('parses the documented example', () => {
    const q = parse('type:email.send queue:critical state:retryable args.user_id:42 error:timeout free text');
    expect(q.type).toEqual(['email.send']);
    expect(q.queue).toEqual(['critical']);
    expect(q.state).toEqual(['retryable']);
    expect(q.args).toEqual([{ path: 'user_id', values: ['42'], negated: false }]);
    expect(q.error).toEqual(['timeout']);
    expect(q.text).toEqual(['free', 'text']);
    expect(q.tokens.map((t) => t.kind)).toEqual([
      'qualifier',
      'qualifier',
      'qualifier',
      'qualifier',
      'qualifier',
      'text',
      'text',
    ]);
  });

  it('keeps source spans for highlighting', () => {
    const input = '  queue:critical  "two words"';
    const q = parse(input);
    const [first, second] = q.tokens;
    expect(first).toMatchObject({ kind: 'qualifier', start: 2, end: 16 });
    if (first?.kind !== 'qualifier') throw new Error('expected qualifier');
    expect(input.slice(first.keySpan.start, first.keySpan.end)).toBe('queue');
    expect(input.slice(first.valueSpan.start, first.valueSpan.end)).toBe('critical');
    expect(second).toMatchObject({ kind: 'text', value: 'two words', start: 18, end: 29 });
  });

  it('supports lists, quotes with escapes, negation and priority comparisons', () => {
    const q = parse(
      'state:retryable,discarded error:"connection \\"refused\\"" -queue:low priority:>=5 -flaky',
    );
    expect(q.state).toEqual(['retryable', 'discarded']);
    expect(q.error).toEqual(['connection "refused"']);
    expect(q.exclude.queue).toEqual(['low']);
    expect(q.priority).toEqual([{ op: '>=', value: 5 }]);
    expect(q.exclude.text).toEqual(['flaky']);
  });

  it('treats an empty input as an empty query', () => {
    const q = parse('   ');
    expect(q.tokens).toEqual([]);
    expect(needsResidualMatching(q)).toBe(false);
  });

  it.each([
    ['bogus:1', 'unknown qualifier', 0],
    ['queue: x', 'missing value', 6],
    ['state:running', 'unknown state', 6],
    ['error:"open', 'unterminated quote', 6],
    ['priority:high', 'invalid priority', 9],
    ['args..x:1', 'invalid field path', 0],
    ['queue:a,,b', 'empty value', 6],
    ['abc"def', 'unexpected quote', 3],
    ['queue:"a"b', 'unexpected character', 9],
  ])('reports %s with its position', (input, message, position) => {
    const result = parseJobQuery(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain(message);
    expect(result.error.position).toBe(position);
  });

  it('rejects overlong input', () => {
    const result = parseJobQuery('x'.repeat(2001));
    expect(result.ok).toBe(false);
  });

  it('says when BFF-side matching and job details are needed', () => {
    expect(needsResidualMatching(parse('queue:a state:retryable type:x'))).toBe(false);
    expect(needsResidualMatching(parse('queue:a,b'))).toBe(true);
    expect(needsJobDetail(parse('args.user_id:1'))).toBe(true);
    expect(needsJobDetail(parse('priority:>1'))).toBe(false);
  });

  it('formats values that need quoting', () => {
    expect(formatQueryValue('plain')).toBe('plain');
    expect(formatQueryValue('two words')).toBe('"two words"');
    expect(formatQueryValue('a"b')).toBe('"a\\"b"');
  });
});

describe('matchesJobQuery', () => {
  const job: MatchableJob = {
    cluster: 'prod',
    id: '019a0000-0000-7000-8000-000000000001',
    type: 'email.send',
    queue: 'critical',
    state: 'retryable',
    priority: 5,
    worker_id: 'w-1',
    tags: ['billing'],
    args: [{ user_id: 42, email: 'a@example.com' }, 'welcome'],
    meta: { tenant: { id: 'acme' } },
    error: { code: 'handler_error', message: 'SMTP timeout after 30s' },
  };

  it.each([
    ['type:email.send', true],
    ['type:email.*', true],
    ['type:sms.*', false],
    ['queue:critical,low', true],
    ['state:completed', false],
    ['args.user_id:42', true],
    ['args.0.user_id:42', true],
    ['args.1:welcome', true],
    ['args.user_id:43', false],
    ['-args.user_id:43', true],
    ['meta.tenant.id:acme', true],
    ['meta.tenant.id:other', false],
    ['error:timeout', true],
    ['error:refused', false],
    ['priority:>4', true],
    ['priority:<5', false],
    ['tag:billing', true],
    ['id:019a0000', true],
    ['worker:w-1', true],
    ['cluster:prod', true],
    ['-cluster:prod', false],
    ['smtp', true],
    ['example.com', true],
    ['-smtp', false],
    ['"SMTP timeout"', true],
    ['nothing-like-this', false],
  ])('%s -> %s', (input, expected) => {
    expect(matchesJobQuery(job, parse(input))).toBe(expected);
  });
});
