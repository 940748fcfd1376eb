// Helpers for the settings model's unit tests (lib/settings/settings.ts).
import { defaultSettings, type Settings } from '../../lib/settings/settings';

export function valid(overrides: Partial<Settings> = {}): Settings {
  return { ...defaultSettings(), ...overrides };
}

export function paths(r: { issues: { path: string }[] }): string[] {
  return r.issues.map((i) => i.path);
}
