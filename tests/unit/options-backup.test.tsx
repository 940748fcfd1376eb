// Options page: export and import of settings files (fake storage deps).
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackupSection } from '../../entrypoints/options/BackupSection';
import { exportSettingsFile } from '../../lib/settings/import';
import { defaultSettings, type Settings } from '../../lib/settings/settings';
import { click, flush, type Mounted, mount } from './react-harness';

let m: Mounted | undefined;
afterEach(async () => {
  await m?.unmount();
  m = undefined;
  vi.restoreAllMocks();
});

function Harness({ initial, save }: { initial: Settings; save: (s: Settings) => Promise<unknown> }) {
  return <BackupSection settings={initial} saveSettings={save} />;
}

async function open(initial: Settings = defaultSettings()) {
  const saved: Settings[] = [];
  const save = vi.fn(async (s: Settings) => {
    saved.push(s);
  });
  m = await mount(<Harness initial={initial} save={save} />);
  return { saved, save };
}

const fileInput = () =>
  m?.container.querySelector<HTMLInputElement>('input[type="file"]') as HTMLInputElement;
const alerts = () =>
  [...(m?.container.querySelectorAll('[role="alert"]') ?? [])].map((a) => a.textContent ?? '');
const statusText = () => m?.container.querySelector('[role="status"]')?.textContent ?? '';

async function choose(text: string, name = 'settings.json') {
  const input = fileInput();
  const file = new File([text], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await flush(10);
}

describe('options: import', () => {
  it('reports a file that is not JSON clearly, and changes nothing', async () => {
    const { save } = await open();
    await choose('{ "app": "ketamine-lens", oops', 'broken.json');
    expect(save).not.toHaveBeenCalled();
    const [alert] = alerts();
    expect(alert).toContain('Could not import broken.json');
    expect(alert).toContain('not valid JSON');
    expect(alert).toContain('Your settings were not changed');
  });

  it('reports other malformed files without crashing', async () => {
    const { save } = await open();
    for (const [text, expected] of [
      ['', 'The file is empty'],
      ['[1, 2, 3]', 'should contain a JSON object'],
      ['{"app":"other-extension","settings":{}}', 'not Ketamine Lens'],
      ['{"app":"ketamine-lens","version":"two","settings":{}}', 'invalid "version"'],
      ['{"app":"ketamine-lens","version":2,"settings":[]}', 'should be an object'],
      ['\u0000\u0001binary', 'not valid JSON'],
    ] as const) {
      await choose(text);
      expect(alerts().join(' ')).toContain(expected);
    }
    expect(save).not.toHaveBeenCalled();
  });

  it('imports a valid file, names what was rejected, and can undo', async () => {
    const before = { ...defaultSettings(), sites: { 'before.example': 'off' as const } };
    const { saved } = await open(before);
    const file = {
      app: 'ketamine-lens',
      version: 2,
      settings: {
        enabled: false,
        sites: { 'example.com': 'off', 'not a host!': 'off' },
        highlightStyle: 'sparkles',
        categories: { slang: false },
        extra: 1,
      },
    };
    await choose(JSON.stringify(file), 'mine.json');
    expect(saved).toHaveLength(1);
    expect(saved[0]?.enabled).toBe(false);
    expect(saved[0]?.sites).toEqual({ 'example.com': 'off' });
    expect(saved[0]?.highlightStyle).toBe('underline');
    expect(saved[0]?.categories.slang).toBe(false);
    const report = alerts().join(' ');
    expect(report).toContain('Imported mine.json');
    const rejected = [...(m?.container.querySelectorAll('.kl-rejected li') ?? [])].map(
      (li) => li.textContent,
    );
    expect(rejected).toEqual(expect.arrayContaining(['sites["not a host!"]', 'highlightStyle', 'extra']));
    await click(
      [...(m?.container.querySelectorAll('button') ?? [])].find((b) => b.textContent === 'Undo import'),
    );
    expect(saved[1]).toEqual(before);
    expect(statusText()).toContain('import was undone');
  });

  it('says so when every setting in the file was used', async () => {
    const { saved } = await open();
    const settings = { ...defaultSettings(), highlightStyle: 'background' as const };
    await choose(exportSettingsFile(settings));
    expect(saved[0]).toEqual(settings);
    expect(alerts()).toEqual([]);
    expect(statusText()).toContain('Every setting in it was used');
  });
});

describe('options: export', () => {
  it('downloads the settings file through a Blob URL and <a download>', async () => {
    const settings = { ...defaultSettings(), sites: { 'example.com': 'off' as const } };
    await open(settings);
    let blob: Blob | undefined;
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blob = b as Blob;
      return 'blob:fake';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: HTMLAnchorElement[] = [];
    const clickSpy = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });
    await click(
      [...(m?.container.querySelectorAll('button') ?? [])].find((b) => b.textContent === 'Export settings'),
    );
    expect(create).toHaveBeenCalledOnce();
    expect(clickSpy).toHaveBeenCalledOnce();
    expect(clicked[0]?.download).toMatch(/^ketamine-lens-settings-\d{4}-\d{2}-\d{2}\.json$/);
    expect(clicked[0]?.getAttribute('href')).toBe('blob:fake');
    expect(await blob?.text()).toBe(exportSettingsFile(settings));
    expect(statusText()).toContain('Exported as ketamine-lens-settings-');
  });
});
