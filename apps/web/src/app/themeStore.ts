import { useSyncExternalStore } from 'react';
import { parseThemePreference, resolveTheme, type Theme, type ThemePreference } from './theme.model';

const KEY = 'lookout.theme';
const media = window.matchMedia('(prefers-color-scheme: dark)');
let preference: ThemePreference = (() => {
  try {
    return parseThemePreference(localStorage.getItem(KEY));
  } catch {
    return 'system';
  }
})();
const listeners = new Set<() => void>();

function apply() {
  const theme = resolveTheme(preference, media.matches);
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}

media.addEventListener('change', () => {
  apply();
  for (const l of listeners) l();
});

export const themeStore = {
  init: apply,
  preference: () => preference,
  theme: (): Theme => resolveTheme(preference, media.matches),
  set: (next: ThemePreference) => {
    preference = next;
    try {
      if (next === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, next);
    } catch {
      // storage unavailable: the choice lasts for this tab
    }
    apply();
    for (const l of listeners) l();
  },
  subscribe: (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useThemePreference(): ThemePreference {
  return useSyncExternalStore(themeStore.subscribe, themeStore.preference);
}

export function useTheme(): Theme {
  return useSyncExternalStore(themeStore.subscribe, themeStore.theme);
}
