/**
 * The page's link to Teams: TeamsJS when the page runs inside Teams (a frame), nothing outside.
 * Inside Teams it gives the theme (and its changes), the SSO token and opening links in Teams.
 */
import { app, authentication } from '@microsoft/teams-js';

export type ThemeName = 'light' | 'dark' | 'contrast';

export interface Host {
  inTeams: boolean;
  theme: ThemeName;
  onThemeChange(listener: (theme: ThemeName) => void): void;
  token(): Promise<string>;
  openLink(url: string): void;
}

const themeOf = (name: string | undefined): ThemeName =>
  name === 'dark' ? 'dark' : name === 'contrast' ? 'contrast' : 'light';

/** Outside Teams: `?theme=dark` or the browser's own preference. */
function browserTheme(): ThemeName {
  const asked = new URLSearchParams(window.location.search).get('theme');
  if (asked) return themeOf(asked);
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

const INIT_TIMEOUT_MS = 8000;

export async function connectHost(): Promise<Host> {
  const framed = window.parent !== window;
  if (framed) {
    try {
      await Promise.race([
        app.initialize(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), INIT_TIMEOUT_MS)),
      ]);
      const context = await app.getContext();
      app.notifySuccess();
      return {
        inTeams: true,
        theme: themeOf(context.app.theme),
        onThemeChange: (listener) => app.registerOnThemeChangeHandler((theme) => listener(themeOf(theme))),
        token: () => authentication.getAuthToken(),
        openLink: (url) => void app.openLink(url),
      };
    } catch {
      // Framed by something other than Teams: behave as a plain page.
    }
  }
  return {
    inTeams: false,
    theme: browserTheme(),
    onThemeChange: () => undefined,
    token: () => Promise.reject(new Error('not in Teams')),
    openLink: (url) => void window.open(url, '_blank', 'noopener'),
  };
}
