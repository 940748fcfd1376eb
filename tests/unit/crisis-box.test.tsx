// The crisis box (components/CrisisResources.tsx) with the real data, and the
// region picker on the options page (fake storage deps).
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CrisisResources } from '../../components/CrisisResources';
import { App } from '../../entrypoints/options/App';
import type { OptionsDeps } from '../../entrypoints/options/options-deps';
import { CRISIS_RESOURCES, crisisLocales } from '../../lib/glossary/crisis-resources';
import { defaultSettings, type Settings } from '../../lib/settings/settings';
import { flush, type Mounted, mount } from './react-harness';

let m: Mounted | undefined;
afterEach(async () => {
  await m?.unmount();
  m = undefined;
});

const box = () => m?.container.querySelector('.kl-crisis') as HTMLElement;
const primary = () => box().querySelector(':scope > .kl-region') as HTMLElement;
const hrefs = (el: Element, prefix: string) =>
  [...el.querySelectorAll(`a[href^="${prefix}"]`)].map((a) => [a.getAttribute('href'), a.textContent]);

async function choose(select: HTMLSelectElement | null, value: string) {
  if (!select) throw new Error('no select');
  await act(async () => {
    const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set;
    setter?.call(select, value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function show(locales: string[]) {
  m = await mount(<CrisisResources locales={locales} />);
}

describe('crisis box: a reader whose region is unknown or not listed', () => {
  it.each([
    ['a browser language without a region', ['en', 'fr']],
    ['an unlisted country in the browser language', ['pt-BR']],
    ['an unlisted country chosen in settings (not the browser guess)', crisisLocales('BR', ['en-US'])],
    ['"my country is not listed" chosen in settings', crisisLocales('ZZ', ['en-GB'])],
  ])('%s: no number at all, only "your local emergency number" and the directory', async (_, locales) => {
    await show(locales);
    expect(primary().getAttribute('data-region')).toBe('fallback');
    expect(primary().textContent).toContain('call your local emergency number');
    expect(primary().querySelector('a[href="https://findahelpline.com"]')).not.toBeNull();
    expect(box().querySelector('a[href^="tel:"], a[href^="sms:"]')).toBeNull();
    expect(box().textContent).not.toMatch(/\d/);
  });

  it('without data, still the fallback with the directory', async () => {
    m = await mount(<CrisisResources data={null} locales={['en-US']} />);
    expect(primary().textContent).toContain('call your local emergency number');
    expect(box().querySelector('a[href="https://findahelpline.com"]')).not.toBeNull();
    expect(box().textContent).not.toMatch(/\d/);
  });
});

describe('crisis box: listed regions', () => {
  it('Australia: 000 from any phone, 112 from mobiles, Lifeline by call and text; says it is a suggestion', async () => {
    await show(['en-AU']);
    expect(primary().getAttribute('data-region')).toBe('AU');
    expect(primary().querySelector('.kl-emergency')?.textContent).toBe(
      'In an emergency, call 000 (from any phone) or 112 (from mobile phones).',
    );
    expect(hrefs(primary(), 'tel:')).toEqual(
      expect.arrayContaining([
        ['tel:000', '000'],
        ['tel:131114', '13 11 14'],
      ]),
    );
    expect(hrefs(primary(), 'sms:')).toEqual([['sms:+61477131114', '0477 13 11 14']]);
    expect(box().textContent).toContain("suggested from your browser's language");
    // Travellers: the local-number line and the directory are on every region's panel.
    expect(primary().querySelector('.kl-elsewhere')?.textContent).toContain(
      'Call the local emergency number',
    );
    expect(primary().querySelector('.kl-elsewhere a')?.getAttribute('href')).toBe(
      'https://findahelpline.com',
    );
  });

  it('New Zealand chosen in settings: 111 and no 112', async () => {
    await show(crisisLocales('NZ', ['en-US']));
    expect(hrefs(primary().querySelector('.kl-emergency') as Element, 'tel:')).toEqual([['tel:111', '111']]);
    expect(box().querySelector('a[href="tel:112"]')).toBeNull();
    expect(box().textContent).toContain('the country chosen in settings');
  });

  it('UK: keyword printed for Shout, and one disclosure per nation with its own route', async () => {
    await show(['en-GB']);
    const dial = [...primary().querySelectorAll('.kl-dial')].map((d) => d.textContent);
    expect(dial).toContain('Text SHOUT to 85258');
    expect(dial).toContain('Call 116 123');
    const nations = [...primary().querySelectorAll('details.kl-nation')];
    expect(nations.map((n) => n.querySelector('summary')?.textContent)).toEqual([
      'England',
      'Scotland',
      'Wales',
      'Northern Ireland',
    ]);
    const ni = nations[3] as HTMLElement;
    expect(ni.textContent).toContain('no general NHS 111');
    expect(hrefs(ni, 'tel:')).toEqual([['tel:08088088000', '0808 808 8000']]);
    expect(nations[1]?.textContent).toContain('NHS 24');
  });

  it('the hours and sources are shown; sources are https and open in a new tab', async () => {
    await show(['en-IE']);
    expect(primary().textContent).toContain('Open: 8am to 10pm, every day');
    const sources = [...box().querySelectorAll('.kl-crisis-sources a')];
    expect(sources.length).toBeGreaterThan(0);
    for (const a of sources) {
      expect(a.getAttribute('href')).toMatch(/^https:\/\//);
      expect(a.getAttribute('target')).toBe('_blank');
    }
  });

  it('every region: each tel/sms link prints the number it dials', async () => {
    const data = CRISIS_RESOURCES;
    if (!data) throw new Error('no data');
    await show(['en-US']);
    const select = box().querySelector('select') as HTMLSelectElement;
    for (const r of data.regions) {
      await choose(select, r.code);
      expect(primary().getAttribute('data-region')).toBe(r.code);
      const links = [...box().querySelectorAll('a[href^="tel:"], a[href^="sms:"]')];
      expect(links.length, r.code).toBeGreaterThan(0);
      for (const a of links) {
        const href = a.getAttribute('href') ?? '';
        const dialled = href.replace(/^(tel|sms):/, '');
        const printed = (a.textContent ?? '').replace(/\D/g, '');
        const why = `${r.code}: ${href} printed as ${a.textContent}`;
        expect(printed.length, why).toBeGreaterThan(1);
        // E.164 drops the trunk 0 of the printed national number; short and national forms are dialled as printed.
        if (dialled.startsWith('+')) expect(dialled.endsWith(printed.replace(/^0/, '')), why).toBe(true);
        else expect(dialled, why).toBe(printed);
      }
    }
  });

  it('the picker in the box shows another region, or the fallback', async () => {
    await show(['en-US']);
    const select = box().querySelector('select') as HTMLSelectElement;
    expect(select.value).toBe('US');
    await choose(select, 'JP');
    expect(primary().querySelector('.kl-emergency')?.textContent).toContain('119');
    expect(box().textContent).toContain('Numbers for Japan, chosen here');
    await choose(select, 'other');
    expect(primary().getAttribute('data-region')).toBe('fallback');
    expect(box().querySelector('a[href^="tel:"]')).toBeNull();
  });
});

function fakeDeps(initial: Settings, locales: string[]) {
  let settings = initial;
  const watchers = new Set<(s: Settings) => void>();
  const deps: OptionsDeps = {
    loadSettings: async () => settings,
    updateSettings: vi.fn(async (change: (s: Settings) => Settings) => {
      settings = change(settings);
      for (const w of watchers) w(settings);
      return settings;
    }),
    saveSettings: vi.fn(async () => undefined),
    watchSettings: (cb) => {
      watchers.add(cb);
      return () => watchers.delete(cb);
    },
    getCommands: async () => [],
    openShortcutSettings: null,
    isFirefox: false,
    version: '1.2.3',
    locales,
  };
  return { deps, current: () => settings };
}

describe('options: region picker', () => {
  const picker = () => {
    const label = [...(m?.container.querySelectorAll('label') ?? [])].find(
      (l) => l.textContent === 'Country for crisis and support numbers',
    );
    return m?.container.querySelector<HTMLSelectElement>(`[id="${label?.getAttribute('for')}"]`) ?? null;
  };
  const about = () => m?.container.querySelector('.kl-about .kl-crisis') as HTMLElement;

  it('lists Automatic, every region in the data and "not listed"; says automatic is only a suggestion', async () => {
    const f = fakeDeps(defaultSettings(), ['en-GB']);
    m = await mount(<App deps={f.deps} />);
    await flush();
    const select = picker();
    expect(select?.value).toBe('auto');
    const options = [...(select?.options ?? [])].map((o) => o.textContent);
    expect(options[0]).toBe("Automatic (from your browser's language)");
    expect(options).toEqual(expect.arrayContaining(['Australia', 'New Zealand', 'United Kingdom', 'Japan']));
    expect(options.at(-1)).toBe('My country is not listed');
    expect(options).toHaveLength((CRISIS_RESOURCES?.regions.length ?? 0) + 2);
    const hint = m.container.querySelector(`[id="${select?.getAttribute('aria-describedby')}"]`);
    expect(hint?.textContent).toContain('only a suggestion');
    expect(hint?.textContent).toContain('Right now it suggests United Kingdom.');
  });

  it('a choice is stored and the crisis box follows it', async () => {
    const f = fakeDeps(defaultSettings(), ['en-US']);
    m = await mount(<App deps={f.deps} />);
    await flush();
    expect(about().getAttribute('data-showing')).toBe('US');
    await choose(picker(), 'AU');
    await flush();
    expect(f.current().crisisRegion).toBe('AU');
    expect(about().querySelector('a[href="tel:000"]')).not.toBeNull();
    await choose(picker(), 'ZZ');
    await flush();
    expect(f.current().crisisRegion).toBe('ZZ');
    expect(about().getAttribute('data-showing')).toBe('fallback');
    expect(about().querySelector('a[href^="tel:"]')).toBeNull();
    await choose(picker(), 'auto');
    await flush();
    expect(f.current().crisisRegion).toBe('auto');
  });

  it('keeps a stored code this build does not list visible, and shows no number for it', async () => {
    const f = fakeDeps({ ...defaultSettings(), crisisRegion: 'BR' }, ['en-US']);
    m = await mount(<App deps={f.deps} />);
    await flush();
    expect(picker()?.value).toBe('BR');
    expect(picker()?.selectedOptions[0]?.textContent).toBe('BR (not listed: no numbers shown)');
    expect(about().getAttribute('data-showing')).toBe('fallback');
  });
});
