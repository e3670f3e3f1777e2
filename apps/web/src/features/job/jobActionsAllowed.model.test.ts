import { describe, expect, it } from 'vitest';
import { allowedJobActions } from './jobActionsAllowed.model';

describe('allowedJobActions', () => {
  it('retries failed jobs, cancels waiting or running ones, never deletes a running one', () => {
    expect(allowedJobActions('discarded')).toEqual({ retry: true, cancel: false, delete: true });
    expect(allowedJobActions('scheduled')).toEqual({ retry: false, cancel: true, delete: true });
    expect(allowedJobActions('active')).toEqual({ retry: false, cancel: true, delete: false });
    expect(allowedJobActions('completed')).toEqual({ retry: false, cancel: false, delete: true });
  });
});
