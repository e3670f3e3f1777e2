import { createRng, type Rng } from './createRng';

const DOMAINS = [
  'email',
  'report',
  'billing',
  'image',
  'webhook',
  'export',
  'search',
  'notification',
] as const;
const ACTIONS = ['send', 'generate', 'charge', 'resize', 'deliver', 'run', 'index', 'sync'] as const;

const defaultRng = createRng('lookout-test-kit');
let counter = 0;
const processTag = process.pid.toString(36);

/** A valid OJS job type (`domain.action`, lowercase segments), e.g. "email.send". */
export function makeJobType(rng: Rng = defaultRng): string {
  return `${rng.pick(DOMAINS)}.${rng.pick(ACTIONS)}`;
}

function slug(prefix: string): string {
  const s = prefix
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '');
  return s === '' ? 'q' : s.slice(0, 80);
}

/**
 * A queue name unique within the process (and, through the pid, across parallel test workers), valid for OJS
 * (`^[a-z0-9][a-z0-9\-\.]*$`, at most 128 characters), e.g. "orders-k3x-7".
 */
export function uniqueQueueName(prefix = 'q'): string {
  counter += 1;
  return `${slug(prefix)}-${processTag}-${counter.toString(36)}`;
}

/** A worker id unique within the process, e.g. "worker-k3x-8". */
export function uniqueWorkerId(prefix = 'worker'): string {
  counter += 1;
  return `${slug(prefix)}-${processTag}-${counter.toString(36)}`;
}
