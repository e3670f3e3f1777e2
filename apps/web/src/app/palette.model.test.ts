import { describe, expect, it } from 'vitest';
import { filterCommands } from './palette.model';

const commands = [
  { id: 'q', label: 'Go to Queues' },
  { id: 'j', label: 'Go to Jobs' },
  { id: 'd', label: 'Go to Dead letter' },
  { id: 't', label: 'Toggle theme' },
];

describe('filterCommands', () => {
  it('returns everything for an empty query', () => {
    expect(filterCommands(commands, '  ')).toHaveLength(4);
  });
  it('needs every word and ranks prefix matches first', () => {
    expect(filterCommands(commands, 'dead').map((c) => c.id)).toEqual(['d']);
    expect(filterCommands(commands, 'go j').map((c) => c.id)).toEqual(['j']);
    expect(filterCommands(commands, 't').map((c) => c.id)).toEqual(['t', 'q', 'j', 'd']);
  });
});
