import { nextThemePreference } from './theme.model';
import { themeStore, useThemePreference } from './themeStore';

const LABEL = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' } as const;

export function ThemeToggle() {
  const preference = useThemePreference();
  return (
    <button
      type="button"
      className="ghost"
      data-testid="theme-toggle"
      aria-label={`${LABEL[preference]} (change)`}
      onClick={() => themeStore.set(nextThemePreference(preference))}
    >
      {preference === 'dark' ? '☾' : preference === 'light' ? '☀' : '◐'} {preference}
    </button>
  );
}
