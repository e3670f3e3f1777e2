import { describe, expect, test } from 'vitest';
import {
  hasTemplate,
  interpolateTemplates,
  resolveTemplateString,
  resolveTemplates,
  type StepResponse,
  type TemplateScope,
} from './templates';

const enqueue: StepResponse = {
  status: 201,
  headers: { 'content-type': 'application/openjobspec+json', 'ojs-version': '1.0' },
  body: {
    job: {
      id: '019461a8-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
      attempt: 2,
      ratio: 0.25,
      meta: { k: 'v' },
      gone: null,
    },
  },
  text: '',
};
const fetched: StepResponse = {
  status: 200,
  headers: {},
  body: { jobs: [{ id: 'a' }, { id: 'b' }] },
  text: '',
};
const scope: TemplateScope = {
  steps: new Map([
    ['step-1', enqueue],
    ['fetch', fetched],
  ]),
  vars: new Map<string, unknown>([
    ['job_id', 'captured-id'],
    ['count', 3],
  ]),
};

describe('resolveTemplateString', () => {
  test('a whole-string template keeps the JSON type of what it references', () => {
    expect(resolveTemplateString('{{steps.step-1.response.body.job.id}}', scope)).toEqual({
      value: '019461a8-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
      unresolved: [],
    });
    expect(resolveTemplateString('{{steps.step-1.response.body.job.attempt}}', scope).value).toBe(2);
    expect(resolveTemplateString('{{steps.fetch.response.body.jobs}}', scope).value).toEqual([
      { id: 'a' },
      { id: 'b' },
    ]);
    expect(resolveTemplateString('{{steps.fetch.response.body}}', scope).value).toEqual(fetched.body);
    expect(resolveTemplateString('{{steps.fetch.response.body.jobs[1].id}}', scope).value).toBe('b');
    expect(resolveTemplateString('{{steps.step-1.response.status}}', scope).value).toBe(201);
    expect(resolveTemplateString('{{steps.step-1.response.headers.OJS-Version}}', scope).value).toBe('1.0');
  });

  test('variables from captures, in both spellings', () => {
    expect(resolveTemplateString('{{job_id}}', scope).value).toBe('captured-id');
    expect(resolveTemplateString('${count}', scope).value).toBe(3);
    expect(resolveTemplateString('/ojs/v1/jobs/${job_id}/checkpoint', scope).value).toBe(
      '/ojs/v1/jobs/captured-id/checkpoint',
    );
  });

  test('embedded templates are interpolated like the reference runner formats them', () => {
    expect(
      resolveTemplateString(
        '/ojs/v1/jobs/{{steps.step-1.response.body.job.id}}?attempt={{steps.step-1.response.body.job.attempt}}&r={{steps.step-1.response.body.job.ratio}}',
        scope,
      ).value,
    ).toBe('/ojs/v1/jobs/019461a8-1a2b-7c3d-8e4f-5a6b7c8d9e0f?attempt=2&r=0.25');
    expect(resolveTemplateString('meta={{steps.step-1.response.body.job.meta}}', scope).value).toBe(
      'meta={"k":"v"}',
    );
  });

  test('what does not resolve stays literal and is reported', () => {
    for (const ref of [
      '{{steps.nope.response.body.job.id}}',
      '{{steps.step-1.response.body.job.missing}}',
      '{{steps.step-1.response.body.job.gone}}',
      '{{unknown_var}}',
    ]) {
      expect(resolveTemplateString(ref, scope)).toEqual({ value: ref, unresolved: [ref] });
    }
    expect(resolveTemplateString('a {{nope}} b {{job_id}}', scope)).toEqual({
      value: 'a {{nope}} b captured-id',
      unresolved: ['{{nope}}'],
    });
  });

  test('hasTemplate and interpolateTemplates', () => {
    expect(hasTemplate('plain')).toBe(false);
    expect(hasTemplate('x {{job_id}}')).toBe(true);
    expect(hasTemplate('x ${job_id}')).toBe(true);
    expect(interpolateTemplates('{{steps.step-1.response.body.job.attempt}}', scope)).toEqual({
      value: '2',
      unresolved: [],
    });
  });
});

describe('resolveTemplates', () => {
  test('resolves values and keys anywhere in a JSON value', () => {
    const input = {
      job_id: '{{steps.step-1.response.body.job.id}}',
      fetches: ['{{steps.fetch.response.body.jobs}}'],
      "$.dead_letter[?(@.id=='{{job_id}}')].state": 'discarded',
      n: 1,
      nested: { list: [true, null, '${count}'] },
    };
    expect(resolveTemplates(input, scope)).toEqual({
      value: {
        job_id: '019461a8-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
        fetches: [[{ id: 'a' }, { id: 'b' }]],
        "$.dead_letter[?(@.id=='captured-id')].state": 'discarded',
        n: 1,
        nested: { list: [true, null, 3] },
      },
      unresolved: [],
    });
  });
});
