import { describe, expect, test } from 'vitest';
import { type JsonPathResult } from './jsonPath';
import { firstDifference, found, jsonEqual, matchValue } from './matchers';

const MISSING: JsonPathResult = { found: false, value: undefined };
const ok = (matcher: unknown, value: unknown) => expect(matchValue(matcher, found(value))).toBeNull();
const bad = (matcher: unknown, value: unknown, reason?: string | RegExp) => {
  const result = value === MISSING ? MISSING : found(value);
  const r = matchValue(matcher, result);
  expect(r).not.toBeNull();
  if (reason) expect(r).toMatch(reason);
};

describe('literal matchers', () => {
  test('strings, numbers, booleans and null', () => {
    ok('available', 'available');
    bad('available', 'active', 'expected "available", got "active"');
    bad('42', 42, /expected the string "42", got number/);
    ok(0, 0);
    ok(3.14, 3.14);
    ok(1, 1.0);
    bad(1, 2, 'expected 1, got 2');
    bad(1, '1', /expected number 1/);
    bad(0, MISSING, 'expected 0, field is missing');
    ok(true, true);
    bad(false, true, 'expected false, got true');
    ok(null, null);
    expect(matchValue(null, MISSING)).toBeNull();
    bad(null, 0, /expected null or missing/);
  });

  test('an array literal matches positionally, with the same length', () => {
    ok(['hello', 42, { key: 'value' }], ['hello', 42, { key: 'value', extra: 1 }]);
    ok(['string:nonempty', 'number:positive'], ['x', 2]);
    bad(['a', 'b'], ['a'], /expected an array of 2 element\(s\), got 1/);
    bad(['a', 'b'], ['a', 'c'], '[1]: expected "b", got "c"');
  });

  test('an object without operators matches a subset of keys, recursively', () => {
    ok({ nested: 'value' }, { nested: 'value', other: true });
    ok({ a: { b: 'absent' } }, { a: {} });
    bad({ nested: 'value' }, { nested: 'other' }, '.nested: expected "value", got "other"');
    bad({ nested: 'value' }, 'nested', /expected an object/);
  });
});

describe('presence', () => {
  test('null counts as missing, as in the reference runner', () => {
    ok('absent', null);
    expect(matchValue('absent', MISSING)).toBeNull();
    bad('absent', 0, /to be absent/);
    ok('exists', 0);
    ok('any', false);
    bad('exists', null, 'expected a value, got null');
    bad('any', MISSING, 'expected a value, got missing');
    ok({ $exists: true }, '');
    bad({ $exists: true }, null);
    ok({ $exists: false }, null);
    expect(matchValue({ $exists: false }, MISSING)).toBeNull();
    bad({ $exists: false }, 'x', /not to exist/);
    ok({ $exists: true, $type: 'string' }, 'x');
    bad({ $exists: true, $type: 'string' }, 5, 'expected type string, got number 5');
  });
});

describe('string matchers', () => {
  test('formats', () => {
    ok('string:nonempty', 'x');
    ok('string:non_empty', 'x');
    bad('string:nonempty', '', 'expected a non-empty string, got ""');
    ok('string:uuid', '123e4567-e89b-12d3-a456-426614174000');
    ok('string:uuidv7', '019461a8-1a2b-7c3d-8e4f-5a6b7c8d9e0f');
    bad('string:uuidv7', '123e4567-e89b-42d3-a456-426614174000', /UUIDv7/);
    bad('string:uuidv7', '019461A8-1A2B-7C3D-8E4F-5A6B7C8D9E0F', /UUIDv7/);
    ok('string:datetime', '2026-02-12T10:30:00.123Z');
    ok('string:datetime', '2026-02-12T10:30:00+05:30');
    bad('string:datetime', '2026-02-12 10:30:00', /RFC 3339/);
    bad('string:datetime', '2026-02-12T10:30:00', /RFC 3339/);
    ok('string:contains:not found', 'job not found');
    bad('string:contains:not found', 'gone', /containing "not found"/);
    ok('string:pattern(^test\\..*)', 'test.echo');
    bad('string:pattern(^test\\..*)', 'prod.echo', /matching/);
    ok({ $match: '^[0-9a-f]{8}-' }, '019461a8-1a2b');
    bad({ $match: '^a' }, 5, /expected a string matching/);
  });
});

describe('number matchers', () => {
  test('signs, ranges and approximations', () => {
    ok('number:positive', 1);
    bad('number:positive', 0, 'expected a positive number, got 0');
    ok('number:non_negative', 0);
    bad('number:non_negative', -1);
    ok('number:range(400,422)', 422);
    bad('number:range(400,422)', 500, 'expected a number in [400, 422], got 500');
    ok('~2000', 1000);
    ok('~2000', 3000);
    bad('~2000', 3001, 'expected 2000 ± 1000, got 3001');
    expect(matchValue('~2000', found(2900), { tolerancePct: 10 })).toMatch(/± 200/);
    ok({ range: { min: 1000, max: 3000 } }, 2000);
    bad({ range: { min: 1000 } }, 999, 'expected >= 1000, got 999');
    bad({ range: { max: 5 } }, 6, 'expected <= 5, got 6');
    ok({ $gte: 1 }, 1);
    bad({ $gte: 1 }, 0, 'expected $gte 1, got 0');
    ok({ $gt: 1, $lt: 3 }, 2);
    bad({ $gt: 1, $lt: 3 }, 3, 'expected $lt 3, got 3');
    ok({ $ne: 1 }, 2);
    bad({ $gte: 1 }, 'x', /expected a number/);
  });
});

describe('array matchers', () => {
  test('length rules', () => {
    ok('array:empty', []);
    bad('array:empty', [1], 'expected an empty array, got 1 element(s)');
    ok('array:nonempty', [1]);
    bad('array:nonempty', [], 'expected a non-empty array, got []');
    ok('array:length:2', [1, 2]);
    ok('array:length(0)', []);
    bad('array:length(1)', [], 'expected an array of length 1, got length 0');
    ok('array:min_length:2', [1, 2, 3]);
    ok('array:min:2', [1, 2]);
    bad('array:min:2', [1], 'expected an array of at least 2, got length 1');
    bad('array:nonempty', MISSING, /got missing/);
    ok({ $size: 0 }, []);
    ok({ $size: { $gte: 1 } }, [1, 2]);
    bad({ $size: { $gte: 1 } }, [], 'array size: expected $gte 1, got 0');
    bad({ $size: 2 }, 'ab', /expected an array for \$size/);
  });

  test('contains compares elements in Go %v form', () => {
    ok('contains:cron-list-test-beta', ['alpha', 'cron-list-test-beta']);
    ok('contains:42', [1, 42]);
    ok('contains:3.14', [3.14]);
    ok('contains:true', [true]);
    bad('contains:x', ['y'], /to contain "x"/);
    ok('not_contains:x', ['y']);
    bad('not_contains:x', ['x'], /not to contain "x"/);
  });
});

describe('operators', () => {
  test('$in and $or take matchers as alternatives', () => {
    ok({ $in: ['available', 'active'] }, 'active');
    ok({ $in: [200, 409] }, 409);
    bad({ $in: ['available'] }, 'completed', '"completed" matches none of $in ["available"]');
    ok({ $or: ['string:nonempty', { $exists: false }] }, null);
    ok({ $or: ['string:nonempty', { $exists: false }] }, 'x');
    bad({ $or: ['string:nonempty', { $exists: false }] }, 5, /none of \$or/);
  });

  test('$type alone needs a present value of that type', () => {
    ok({ $type: 'array' }, []);
    ok({ $type: 'number' }, 1.5);
    ok({ $type: 'integer' }, 2);
    ok({ $type: 'null' }, null);
    ok({ $type: 'object' }, {});
    bad({ $type: 'array' }, {}, 'expected type array, got object {}');
    bad({ $type: 'integer' }, 1.5, /expected type integer/);
    bad({ $type: 'number' }, MISSING, 'expected a value of type number, field is missing');
  });

  test('$empty', () => {
    ok({ $empty: true }, []);
    ok({ $empty: true }, null);
    ok({ $empty: true }, '');
    bad({ $empty: true }, [1], /expected an empty value/);
    ok({ $empty: false }, { a: 1 });
  });

  test('unknown operators and mixed objects fail loudly instead of passing', () => {
    bad({ $regex: 'x' }, 'x', 'unknown matcher operator(s) $regex');
    bad({ $exists: true, key: 1 }, { key: 1 }, /mixes operators and plain keys/);
    bad({ $exists: 'yes' }, 1, /\$exists needs true or false/);
  });
});

describe('jsonEqual and firstDifference', () => {
  test('compare structurally', () => {
    expect(jsonEqual({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(firstDifference({ job: { id: 'x', attempt: 0 } }, { job: { id: 'x', attempt: 1 } })).toEqual({
      path: '.job.attempt',
      expected: 0,
      actual: 1,
    });
    expect(firstDifference({ a: [1, 2] }, { a: [1] })).toEqual({ path: '.a.length', expected: 2, actual: 1 });
    expect(firstDifference({ a: 1 }, { a: 1, b: 2 })).toEqual({ path: '.b', expected: undefined, actual: 2 });
    expect(firstDifference('x', 'x')).toBeNull();
  });
});
