export interface SseFrame {
  id: string | undefined;
  event: string;
  data: string;
}

/**
 * Parses complete SSE frames from text (comments and `retry:` lines skipped). Returns the frames and
 * the unparsed remainder. Used by tests and by the benchmark client; the OJS client has its own reader.
 */
export function parseSseChunk(text: string): { frames: SseFrame[]; rest: string } {
  const frames: SseFrame[] = [];
  const normalized = text.replace(/\r\n?/g, '\n');
  const blocks = normalized.split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) frames.push({ id, event, data: data.join('\n') });
  }
  return { frames, rest };
}

export function parseSseFrames(text: string): SseFrame[] {
  return parseSseChunk(text).frames;
}
