import { QUERY_QUALIFIER_HELP, QUERY_QUALIFIERS } from '@lookout/bff/query';
import { JOB_STATES } from '../../api/wireCommon';

export interface Vocabulary {
  clusters: readonly string[];
  queues: readonly string[];
  types: readonly string[];
}

export interface Suggestion {
  /** Text that replaces [start, end) of the input. */
  insert: string;
  label: string;
  hint: string;
}

export interface Suggestions {
  start: number;
  end: number;
  items: Suggestion[];
}

const MAX_ITEMS = 8;
const KEYS: readonly string[] = [...QUERY_QUALIFIERS, 'args.', 'meta.'];

function wordBounds(input: string, cursor: number): { start: number; end: number } {
  let start = cursor;
  while (start > 0 && !/\s/.test(input[start - 1] ?? '')) start--;
  let end = cursor;
  while (end < input.length && !/\s/.test(input[end] ?? '')) end++;
  return { start, end };
}

function valuesFor(key: string, vocab: Vocabulary): readonly string[] {
  switch (key) {
    case 'state':
      return JOB_STATES;
    case 'queue':
      return vocab.queues;
    case 'type':
      return vocab.types;
    case 'cluster':
      return vocab.clusters;
    case 'priority':
      return ['>0', '<0', '>=10', '0'];
    default:
      return [];
  }
}

/** Autocomplete for the qualifier search box at the cursor: qualifier names, then values for the known ones. */
export function suggest(input: string, cursor: number, vocab: Vocabulary): Suggestions {
  const { start, end } = wordBounds(input, cursor);
  const word = input.slice(start, cursor);
  const negated = word.startsWith('-');
  const body = negated ? word.slice(1) : word;
  const colon = body.indexOf(':');
  if (colon === -1) {
    const prefix = body.toLowerCase();
    const items = KEYS.filter((k) => k.startsWith(prefix) && k !== prefix)
      .slice(0, MAX_ITEMS)
      .map((k) => ({
        insert: `${negated ? '-' : ''}${k}${k.endsWith('.') ? '' : ':'}`,
        label: k.endsWith('.') ? `${k}<field>:` : `${k}:`,
        hint: QUERY_QUALIFIER_HELP[k as keyof typeof QUERY_QUALIFIER_HELP] ?? '',
      }));
    return { start, end, items };
  }
  const key = body.slice(0, colon);
  const valueText = body.slice(colon + 1);
  const lastComma = valueText.lastIndexOf(',');
  const partial = valueText.slice(lastComma + 1).toLowerCase();
  const chosen = new Set(valueText.split(',').slice(0, -1));
  const valueStart = start + (negated ? 1 : 0) + colon + 1 + lastComma + 1;
  const items = valuesFor(key, vocab)
    .filter((v) => v.toLowerCase().startsWith(partial) && v.toLowerCase() !== partial && !chosen.has(v))
    .slice(0, MAX_ITEMS)
    .map((v) => ({ insert: /[\s,"]/.test(v) ? `"${v}"` : v, label: v, hint: key }));
  return { start: valueStart, end, items };
}

/** Applies a suggestion; the cursor lands after it (plus a space after a finished value). */
export function applySuggestion(
  input: string,
  range: { start: number; end: number },
  item: Suggestion,
): { value: string; cursor: number } {
  const before = input.slice(0, range.start);
  const after = input.slice(range.end);
  const finished = !item.insert.endsWith(':') && !item.insert.endsWith('.');
  const glue = finished && !after.startsWith(' ') ? ' ' : '';
  const value = `${before}${item.insert}${glue}${after}`;
  return { value, cursor: before.length + item.insert.length + glue.length };
}
