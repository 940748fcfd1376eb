// Options page: the global switch and the per-site list (fake storage deps).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../entrypoints/options/App';
import type { OptionsDeps } from '../../entrypoints/options/options-deps';
import { defaultSettings, type Settings } from '../../lib/settings/settings';
import { click, flush, key, type Mounted, mount, typeInto } from './react-harness';

function fakeDeps(initial: Settings = defaultSettings(), over: Partial<OptionsDeps> = {}) {
  let settings = initial;
  const watchers = new Set<(s: Settings) => void>();
  const set = (next: Settings) => {
    settings = next;
    for (const w of watchers) w(settings);
  };
  const deps: OptionsDeps = {
    loadSettings: async () => settings,
    updateSettings: vi.fn(async (change: (s: Settings) => Settings) => {
      set(change(settings));
      return settings;
    }),
    saveSettings: vi.fn(async (next: Settings) => set(next)),
    watchSettings: (cb) => {
      watchers.add(cb);
      return () => watchers.delete(cb);
    },
    getCommands: async () => [
      { name: 'next-term', description: 'Explain the next marked term on the page', shortcut: 'Alt+Shift+K' },
      { name: 'toggle-site', description: 'Turn Ketamine Lens on or off for this site', shortcut: '' },
    ],
    openShortcutSettings: vi.fn(async () => undefined),
    isFirefox: false,
    version: '1.2.3',
    locales: ['en-US'],
    ...over,
  };
  return { deps, current: () => settings, set };
}

let m: Mounted | undefined;
afterEach(async () => {
  await m?.unmount();
  m = undefined;
});

const byLabel = (text: string) => {
  const label = [...(m?.container.querySelectorAll('label') ?? [])].find(
    (l) => l.textContent?.trim() === text,
  );
  const id = label?.getAttribute('for');
  return id ? (m?.container.querySelector<HTMLInputElement>(`[id="${id}"]`) ?? null) : null;
};
const siteInput = () => byLabel('Add a site where Ketamine Lens stays off') as HTMLInputElement;
const buttonNamed = (name: string) =>
  [...(m?.container.querySelectorAll('button') ?? [])].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
  ) ?? null;
const alerts = () =>
  [...(m?.container.querySelectorAll('[role="alert"]') ?? [])].map((a) => a.textContent ?? '');

async function open(initial?: Settings, over?: Partial<OptionsDeps>) {
  const f = fakeDeps(initial, over);
  m = await mount(<App deps={f.deps} />);
  await flush();
  return f;
}

describe('options: sites where the lens stays off', () => {
  it('adds a typed host on Enter, normalised to its site key', async () => {
    const f = await open();
    const input = siteInput();
    expect(input).toBeTruthy();
    await typeInto(input, '  https://WWW.Example.COM:8080/some/page?q=1 ');
    await key(input, 'Enter');
    await flush();
    expect(f.current().sites).toEqual({ 'example.com': 'off' });
    expect(input.value).toBe('');
    expect(buttonNamed('Remove example.com')).toBeTruthy();
    expect(m?.container.textContent).toContain('saved as example.com');
    expect(alerts()).toEqual([]);
  });

  it('adds an IP address and an IDN by Enter', async () => {
    const f = await open();
    await typeInto(siteInput(), '127.0.0.1');
    await key(siteInput(), 'Enter');
    await typeInto(siteInput(), 'bücher.de');
    await key(siteInput(), 'Enter');
    await flush();
    expect(f.current().sites).toEqual({ '127.0.0.1': 'off', 'xn--bcher-kva.de': 'off' });
  });

  it('shows an inline alert for input that is not a host, and saves nothing', async () => {
    const f = await open();
    const input = siteInput();
    await typeInto(input, 'not a host!');
    await key(input, 'Enter');
    await flush();
    expect(f.deps.updateSettings).not.toHaveBeenCalled();
    const [alert] = alerts();
    expect(alert).toContain('"not a host!" is not a site address');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const errorEl = m?.container.querySelector('[role="alert"]');
    expect(input.getAttribute('aria-describedby')).toContain(errorEl?.id ?? '???');
    // Typing again clears the error.
    await typeInto(input, 'example.org');
    expect(alerts()).toEqual([]);
    expect(input.getAttribute('aria-invalid')).toBe('false');
  });

  it('rejects an empty entry and other schemes', async () => {
    const f = await open();
    await key(siteInput(), 'Enter');
    expect(alerts()[0]).toContain('Type a site first');
    await typeInto(siteInput(), 'ftp://example.com');
    await key(siteInput(), 'Enter');
    expect(alerts()[0]).toContain('is not a site address');
    expect(f.deps.updateSettings).not.toHaveBeenCalled();
  });

  it('gives each site a remove button named "Remove <site>" that removes it', async () => {
    const initial = {
      ...defaultSettings(),
      sites: { 'example.com': 'off', 'news.example.org': 'off' } as const,
    };
    const f = await open({ ...initial, sites: { ...initial.sites } });
    const names = [...(m?.container.querySelectorAll('.kl-site-item button') ?? [])].map((b) =>
      b.getAttribute('aria-label'),
    );
    expect(names).toEqual(['Remove example.com', 'Remove news.example.org']);
    await click(buttonNamed('Remove example.com'));
    await flush();
    expect(f.current().sites).toEqual({ 'news.example.org': 'off' });
    expect(buttonNamed('Remove example.com')).toBeNull();
    // Focus moves to the next site's button, not to the page body.
    expect(document.activeElement).toBe(buttonNamed('Remove news.example.org'));
    await click(buttonNamed('Remove news.example.org'));
    await flush();
    expect(f.current().sites).toEqual({});
    expect(document.activeElement).toBe(siteInput());
  });

  it('lists sites turned on explicitly separately, each removable', async () => {
    const f = await open({ ...defaultSettings(), sites: { 'always.example': 'on', 'example.com': 'off' } });
    expect(m?.container.textContent).toContain('Sites turned on explicitly (1)');
    await click(buttonNamed('Remove always.example'));
    await flush();
    expect(f.current().sites).toEqual({ 'example.com': 'off' });
  });

  it('follows storage live: a change made elsewhere (the popup) shows at once', async () => {
    const f = await open();
    expect(buttonNamed('Remove elsewhere.example')).toBeNull();
    const sw = m?.container.querySelector('[role="switch"]');
    expect(sw?.getAttribute('aria-checked')).toBe('true');
    await flush();
    const { act } = await import('react');
    await act(async () =>
      f.set({ ...defaultSettings(), enabled: false, sites: { 'elsewhere.example': 'off' } }),
    );
    expect(buttonNamed('Remove elsewhere.example')).toBeTruthy();
    expect(sw?.getAttribute('aria-checked')).toBe('false');
  });

  it('the global switch is an accessible switch that writes `enabled`', async () => {
    const f = await open();
    const sw = m?.container.querySelector('[role="switch"]') as HTMLButtonElement;
    const labelId = sw.getAttribute('aria-labelledby') ?? '';
    expect(m?.container.querySelector(`[id="${labelId}"]`)?.textContent).toBe('Mark terms on all sites');
    await click(sw);
    await flush();
    expect(f.current().enabled).toBe(false);
    expect(sw.getAttribute('aria-checked')).toBe('false');
  });
  it('when storage refuses a change, says so and shows the stored value again', async () => {
    const f = await open(undefined, {
      updateSettings: vi.fn(async () => {
        throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
      }),
    });
    const sw = m?.container.querySelector('[role="switch"]') as HTMLButtonElement;
    await click(sw);
    await flush();
    expect(f.current().enabled).toBe(true);
    expect(sw.getAttribute('aria-checked')).toBe('true');
    expect(alerts().join(' ')).toContain('could not be saved');
    await typeInto(siteInput(), 'example.com');
    await key(siteInput(), 'Enter');
    await flush();
    expect(alerts().join(' ')).toContain('Could not save example.com');
    expect(buttonNamed('Remove example.com')).toBeNull();
  });
});

describe('options: marks and shortcuts', () => {
  it('writes the highlight style and categories', async () => {
    const f = await open();
    const background = byLabel('Soft background') as HTMLInputElement;
    expect(background.type).toBe('radio');
    await click(background);
    await flush();
    expect(f.current().highlightStyle).toBe('background');
    const slang = byLabel('Slang and street terms') as HTMLInputElement;
    expect(slang.checked).toBe(true);
    await click(slang);
    await flush();
    expect(f.current().categories.slang).toBe(false);
    expect(f.current().categories.risks).toBe(true);
  });

  it('lists commands with their shortcut or "not set", and opens the shortcut page', async () => {
    const f = await open();
    const rows = [...(m?.container.querySelectorAll('.kl-table tbody tr') ?? [])].map((r) => r.textContent);
    expect(rows).toEqual([
      'Explain the next marked term on the pageAlt+Shift+K',
      'Turn Ketamine Lens on or off for this sitenot set',
    ]);
    await click(buttonNamed('Change shortcuts'));
    expect(f.deps.openShortcutSettings).toHaveBeenCalledOnce();
  });

  it('on Firefox explains the way to the shortcut page instead', async () => {
    await open(undefined, { isFirefox: true, openShortcutSettings: null });
    expect(buttonNamed('Change shortcuts')).toBeNull();
    expect(m?.container.textContent).toContain('Manage Extension Shortcuts');
    expect(m?.container.textContent).toContain('about:addons');
  });

  it('shows the version and the privacy and not-medical-advice notices', async () => {
    await open();
    const text = m?.container.textContent ?? '';
    expect(text).toContain('version 1.2.3');
    expect(text).toContain('No data leaves your browser');
    expect(text).toContain('no network requests');
    expect(text).toContain('not medical advice');
    expect(text).toContain('Every glossary entry cites its sources');
    expect(text).toContain('Need help now?');
  });
});
