import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings, type Settings, setSite } from '../../lib/settings/settings';
import { loadSettings, saveSettings, updateSettings, watchSettings } from '../../lib/settings/store';

// Raw access to the fake storage areas, bypassing the code under test.
const sync = () => fakeBrowser.storage.sync;
const local = () => fakeBrowser.storage.local;

async function raw(area: 'sync' | 'local', key: string): Promise<unknown> {
  return (await fakeBrowser.storage[area].get(key))[key];
}

function custom(): Settings {
  const s = setSite(defaultSettings(), 'example.com', false);
  s.highlightStyle = 'background';
  return s;
}

/** Let storage events and the watcher's re-read settle. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('loadSettings', () => {
  it('gives defaults, and writes nothing, when nothing is stored', async () => {
    expect(await loadSettings()).toEqual(defaultSettings());
    expect(await raw('sync', 'settings')).toBeUndefined();
    expect(await raw('local', 'settings')).toBeUndefined();
  });

  it('reads what saveSettings wrote', async () => {
    expect(await saveSettings(custom())).toBe('sync');
    expect(await loadSettings()).toEqual(custom());
    expect(await raw('sync', 'settings$')).toMatchObject({ v: 2, savedAt: expect.any(Number) });
  });

  it.each([
    ['a string', 'garbage'],
    ['a number', 42],
    ['an array', [1, 2, 3]],
    ['a boolean', false],
  ])('gives defaults for a corrupt stored value (%s) and repairs storage', async (_name, value) => {
    await sync().set({ settings: value, settings$: { v: 2 } });
    expect(await loadSettings()).toEqual(defaultSettings());
    expect(await raw('sync', 'settings')).toEqual(defaultSettings());
  });

  it('repairs field by field, keeping the valid fields', async () => {
    await sync().set({
      settings: {
        enabled: false,
        sites: { 'WWW.A.com': 'off', 'bad host': 'off' },
        highlightStyle: 9,
      },
      settings$: { v: 2 },
    });
    const expected = { ...defaultSettings(), enabled: false, sites: { 'a.com': 'off' } };
    expect(await loadSettings()).toEqual(expected);
    expect(await raw('sync', 'settings')).toEqual(expected);
  });

  it('does not write back when asked not to (content scripts)', async () => {
    await sync().set({ settings: 'garbage', settings$: { v: 2 } });
    expect(await loadSettings({ writeBack: false })).toEqual(defaultSettings());
    expect(await raw('sync', 'settings')).toBe('garbage');
  });

  it('migrates a v1 value (no version metadata) and stores it as v2', async () => {
    await sync().set({
      settings: { enabled: false, disabledSites: ['WWW.Example.com', 'nope nope'] },
    });
    const expected = { ...defaultSettings(), enabled: false, sites: { 'example.com': 'off' } };
    expect(await loadSettings()).toEqual(expected);
    expect(await raw('sync', 'settings')).toEqual(expected);
    expect(await raw('sync', 'settings$')).toMatchObject({ v: 2 });
  });

  it("migrates v1 through WXT's own migration when the module loads", async () => {
    await sync().set({ settings: { enabled: true, disabledSites: ['a.com'] } });
    vi.resetModules();
    const fresh = await import('../../lib/settings/store');
    expect(await fresh.loadSettings({ writeBack: false })).toEqual({
      ...defaultSettings(),
      sites: { 'a.com': 'off' },
    });
    // WXT's migration wrote the v2 value, with v: 2 metadata.
    expect(await raw('sync', 'settings')).toMatchObject({ sites: { 'a.com': 'off' } });
    expect(await raw('sync', 'settings$')).toMatchObject({ v: 2 });
  });

  it('never overwrites settings written by a newer version', async () => {
    await sync().set({ settings: { ...custom(), future: true }, settings$: { v: 3 } });
    expect(await loadSettings()).toEqual(custom());
    expect(await raw('sync', 'settings')).toMatchObject({ future: true });
  });
});

describe('sync → local fallback', () => {
  it('falls back to local storage when a sync write fails', async () => {
    vi.spyOn(sync(), 'set').mockRejectedValue(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'));
    expect(await saveSettings(custom())).toBe('local');
    expect(await raw('local', 'settings')).toEqual(custom());
    expect(await raw('sync', 'settings')).toBeUndefined();
    expect(await loadSettings()).toEqual(custom());
  });

  it('prefers the newer local copy over an older sync copy, until sync works again', async () => {
    await saveSettings(defaultSettings());
    const spy = vi.spyOn(sync(), 'set').mockRejectedValueOnce(new Error('MAX_WRITE_OPERATIONS_PER_MINUTE'));
    await new Promise((r) => setTimeout(r, 2));
    expect(await saveSettings(custom())).toBe('local');
    expect(await loadSettings()).toEqual(custom());

    spy.mockRestore();
    const next = { ...custom(), enabled: false };
    expect(await saveSettings(next)).toBe('sync');
    expect(await raw('local', 'settings')).toBeUndefined();
    expect(await raw('local', 'settings$')).toBeUndefined();
    expect(await loadSettings()).toEqual(next);
  });

  it('takes a later sync change (another device) over an older local copy', async () => {
    vi.spyOn(sync(), 'set').mockRejectedValueOnce(new Error('quota'));
    await saveSettings(custom());
    await sync().set({
      settings: defaultSettings(),
      settings$: { v: 2, savedAt: Date.now() + 1000 },
    });
    expect(await loadSettings()).toEqual(defaultSettings());
  });

  it('works when storage.sync does not exist at all', async () => {
    const storageApi = fakeBrowser.storage as unknown as Record<string, unknown>;
    const realSync = storageApi.sync;
    storageApi.sync = undefined;
    try {
      expect(await loadSettings()).toEqual(defaultSettings());
      expect(await saveSettings(custom())).toBe('local');
      expect(await loadSettings()).toEqual(custom());
    } finally {
      storageApi.sync = realSync;
    }
  });

  it('reports failure when no storage accepts the write', async () => {
    vi.spyOn(sync(), 'set').mockRejectedValue(new Error('sync down'));
    vi.spyOn(local(), 'set').mockRejectedValue(new Error('disk full'));
    await expect(saveSettings(custom())).rejects.toThrow('disk full');
  });

  it('still loads when the repair write fails', async () => {
    await sync().set({ settings: 'garbage', settings$: { v: 2 } });
    vi.spyOn(sync(), 'set').mockRejectedValue(new Error('sync down'));
    vi.spyOn(local(), 'set').mockRejectedValue(new Error('disk full'));
    expect(await loadSettings()).toEqual(defaultSettings());
  });
});

describe('saveSettings / updateSettings', () => {
  it('validates before storing', async () => {
    const bad = { ...custom(), highlightStyle: 'neon', junk: 1 } as unknown as Settings;
    await saveSettings(bad);
    expect(await raw('sync', 'settings')).toEqual({ ...custom(), highlightStyle: 'underline' });
  });

  it('applies updates in order without losing any', async () => {
    const keys = ['a.com', 'b.com', 'c.com', 'd.com', 'e.com'];
    await Promise.all(keys.map((k) => updateSettings((s) => setSite(s, k, false))));
    const s = await loadSettings();
    expect(Object.keys(s.sites).sort()).toEqual(keys);
  });

  it('resolves with the new settings and skips writing when nothing changed', async () => {
    await saveSettings(custom());
    const spy = vi.spyOn(sync(), 'set');
    expect(await updateSettings((s) => ({ ...s }))).toEqual(custom());
    expect(spy).not.toHaveBeenCalled();
    const next = await updateSettings((s) => ({ ...s, enabled: false }));
    expect(next.enabled).toBe(false);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('rejects (and keeps working) when the change function throws', async () => {
    await expect(
      updateSettings(() => {
        throw new Error('bug');
      }),
    ).rejects.toThrow('bug');
    expect((await updateSettings((s) => ({ ...s, enabled: false }))).enabled).toBe(false);
  });
});

describe('watchSettings', () => {
  it('reports parsed settings on each change, from any writer', async () => {
    const seen: Settings[] = [];
    const stop = watchSettings((s) => seen.push(s));
    await saveSettings(custom());
    await settle();
    expect(seen.at(-1)).toEqual(custom());

    // Another context writes directly, even a corrupt value: the watcher parses it.
    await sync().set({ settings: { ...custom(), enabled: 'nope', highlightStyle: 'hover-only' } });
    await settle();
    expect(seen.at(-1)).toEqual({ ...custom(), highlightStyle: 'hover-only' });

    await sync().remove('settings');
    await settle();
    expect(seen.at(-1)).toEqual(defaultSettings());
    stop();
  });

  it('sees changes that land in local storage after a sync failure', async () => {
    const seen: Settings[] = [];
    const stop = watchSettings((s) => seen.push(s));
    vi.spyOn(sync(), 'set').mockRejectedValue(new Error('quota'));
    await saveSettings(custom());
    await settle();
    expect(seen.at(-1)).toEqual(custom());
    stop();
  });

  it('reports identical values once, and nothing after stop()', async () => {
    const cb = vi.fn();
    const stop = watchSettings(cb);
    await saveSettings(custom());
    await settle();
    await saveSettings(custom());
    await settle();
    expect(cb).toHaveBeenCalledTimes(1);
    stop();
    await saveSettings(defaultSettings());
    await settle();
    expect(cb).toHaveBeenCalledTimes(1);
  });

  it('never writes to storage itself', async () => {
    const stop = watchSettings(() => {});
    await sync().set({ settings: 'garbage' });
    const spy = vi.spyOn(sync(), 'set');
    await settle();
    expect(spy).not.toHaveBeenCalled();
    expect(await raw('sync', 'settings')).toBe('garbage');
    stop();
  });
});
