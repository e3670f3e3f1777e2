/** The value the BFF puts in place of a secret for the viewer role. */
export const REDACTED = '[redacted]';

export const REDACTED_TITLE = 'hidden for the viewer role';

export function isRedacted(value: unknown): value is typeof REDACTED {
  return value === REDACTED;
}

export interface TextSegment {
  text: string;
  redacted: boolean;
}

const MARKER = /"\[redacted\]"|\[redacted\]/g;

/**
 * Splits a one-line preview (e.g. the args preview `{"password":"[redacted]","user":"ann"}`) into plain and
 * redacted parts, so the redacted ones can be styled apart. Adjacent plain text stays one segment.
 */
export function splitRedacted(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(MARKER)) {
    const at = match.index;
    if (at > last) segments.push({ text: text.slice(last, at), redacted: false });
    segments.push({ text: match[0], redacted: true });
    last = at + match[0].length;
  }
  if (last < text.length || segments.length === 0) segments.push({ text: text.slice(last), redacted: false });
  return segments;
}
