export interface Command {
  id: string;
  label: string;
  hint?: string;
}

/**
 * Ranks commands for the palette: every query word must appear in the label (case-insensitive);
 * labels starting with the query come first, then by where the first word matches.
 */
export function filterCommands<T extends Command>(commands: readonly T[], query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...commands];
  const scored: { command: T; score: number; index: number }[] = [];
  commands.forEach((command, index) => {
    const label = command.label.toLowerCase();
    if (!words.every((w) => label.includes(w))) return;
    const first = label.indexOf(words[0] ?? '');
    const score = label.startsWith(query.toLowerCase()) ? -1 : first;
    scored.push({ command, score, index });
  });
  return scored.sort((a, b) => a.score - b.score || a.index - b.index).map((s) => s.command);
}
