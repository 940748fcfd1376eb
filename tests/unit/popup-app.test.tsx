import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../entrypoints/popup/App';
import type { PopupDeps } from '../../entrypoints/popup/popup-deps';
import { readReply } from '../../lib/background/send-to-tab';
import { GLOSSARY } from '../../lib/glossary/glossary';
import type { ContentMessage, Message } from '../../lib/messages';
import { defaultSettings, type Settings } from '../../lib/settings/settings';
import { click, flush, key, type Mounted, mount, typeInto } from './react-harness';

function fakeDeps(over: Partial<PopupDeps> & { reply?: unknown; settings?: Settings } = {}) {
  let settings = over.settings ?? defaultSettings();
  const watchers = new Set<(s: Settings) => void>();
  const sent: Message[] = [];
  const deps: PopupDeps = {
    entries: GLOSSARY,
    activeTab: async () => ({ id: 7, url: 'https://example.com/article' }),
    // Like the real one: the raw reply is read by the message's type (a malformed one gives null).
    sendToTab: vi.fn(async (_id: number, msg: ContentMessage) => {
      sent.push(msg);
      const raw = msg.type === 'kl:get-page-terms' ? (over.reply ?? { state: 'on', terms: [] }) : undefined;
      return readReply(msg.type, raw);
    }) as PopupDeps['sendToTab'],
    loadSettings: async () => settings,
    updateSettings: vi.fn(async (change: (s: Settings) => Settings) => {
      settings = change(settings);
      for (const w of watchers) w(settings);
      return settings;
    }),
    watchSettings: (cb) => {
      watchers.add(cb);
      return () => watchers.delete(cb);
    },
    close: vi.fn(),
    search: '',
    locales: ['en-US'],
    ...over,
  };
  return { deps, sent, current: () => settings };
}

let m: Mounted | undefined;
async function reset() {
  await m?.unmount();
  m = undefined;
}
afterEach(reset);

const $ = <T extends Element = HTMLElement>(sel: string) => m?.container.querySelector<T>(sel) ?? null;
const $$ = (sel: string) => [...(m?.container.querySelectorAll<HTMLElement>(sel) ?? [])];
const input = () => $<HTMLInputElement>('input[role="combobox"]') as HTMLInputElement;
const listbox = () => $('[role="listbox"]');
const options = () => $$('[role="option"]');

async function open(over: Parameters<typeof fakeDeps>[0] = {}) {
  const f = fakeDeps(over);
  m = await mount(<App deps={f.deps} />);
  await flush();
  return f;
}

describe('popup combobox', () => {
  it('focuses the search box on open and wires the ARIA combobox pattern', async () => {
    await open();
    const box = input();
    expect(document.activeElement).toBe(box);
    expect(box.getAttribute('aria-controls')).toBe(listbox()?.id);
    expect(box.getAttribute('aria-expanded')).toBe('true');
    expect(box.getAttribute('aria-autocomplete')).toBe('list');
    // Empty query: categories to browse, each A–Z.
    const groups = $$('[role="listbox"] [role="group"]');
    expect(groups.length).toBeGreaterThan(3);
    for (const g of groups) {
      const terms = [...g.querySelectorAll('[role="option"]')].map((o) => o.textContent ?? '');
      expect(terms).toEqual([...terms].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    }
  });

  it('typing filters, arrows move aria-activedescendant, Enter opens, Esc returns', async () => {
    await open();
    await typeInto(input(), 'khole');
    expect(options()[0]?.id).toBe('kl-opt-k-hole');
    await typeInto(input(), 'keta');
    expect(options().length).toBeGreaterThan(1);
    expect(options()[0]?.id).toBe('kl-opt-ketamine');
    expect(input().getAttribute('aria-activedescendant')).toBe('kl-opt-ketamine');
    expect(options()[0]?.getAttribute('aria-selected')).toBe('true');
    await key(input(), 'ArrowDown');
    const second = options()[1]?.id;
    expect(input().getAttribute('aria-activedescendant')).toBe(second);
    await key(input(), 'ArrowUp');
    await key(input(), 'Enter');
    expect($('article.kl-card')?.getAttribute('data-entry-id')).toBe('ketamine');
    expect(input().getAttribute('aria-expanded')).toBe('false');
    expect(input().hasAttribute('aria-activedescendant')).toBe(false);
    // The listbox stays in the DOM (hidden) so aria-controls always resolves.
    expect(listbox()).not.toBeNull();
    await key(input(), 'Escape');
    expect($('article.kl-card')).toBeNull();
    expect(input().value).toBe('keta');
    expect(document.activeElement).toBe(input());
  });

  it('Backspace on an empty box returns from an entry to the list', async () => {
    await open();
    await key(input(), 'ArrowDown');
    await key(input(), 'Enter');
    expect($('article.kl-card')).not.toBeNull();
    await key(input(), 'Backspace');
    expect($('article.kl-card')).toBeNull();
  });

  it('Esc inside the open entry returns to the list', async () => {
    await open();
    await typeInto(input(), 'ketamine');
    await key(input(), 'Enter');
    await key($('.kl-card .kl-chip'), 'Escape');
    expect($('article.kl-card')).toBeNull();
    expect(document.activeElement).toBe(input());
  });

  it('related terms navigate inside the popup with a way back', async () => {
    await open();
    await typeInto(input(), 'k-hole');
    await key(input(), 'Enter');
    const chip = $$('.kl-card .kl-chip')[0];
    const target = chip?.textContent;
    await click(chip);
    expect($('.kl-term')?.textContent).toBe(target);
    expect($('.kl-back')?.textContent).toContain('Back to K-hole');
    await click($('.kl-back'));
    expect($('.kl-term')?.textContent).toBe('K-hole');
  });

  it('shows suggestions when nothing matches', async () => {
    await open();
    await typeInto(input(), 'zzqxj');
    expect($('#kl-suggest-label')?.textContent).toBe('No exact match — did you mean:');
    expect(listbox()?.getAttribute('aria-labelledby')).toBe('kl-suggest-label');
    expect(options().length).toBeGreaterThan(0);
  });

  it('emphasises the matched text with <mark>', async () => {
    await open();
    await typeInto(input(), 'spravato');
    const first = options()[0];
    expect(first?.querySelector('mark')?.textContent?.toLowerCase()).toBe('spravato');
  });

  it('shows the checker level with the entry that covers a combination the query names', async () => {
    await open();
    await typeInto(input(), 'ketamine and alcohol');
    const first = options()[0];
    expect(first?.id).toBe('kl-opt-ketamine-alcohol');
    const mix = first?.querySelector('.kl-option-mix [data-record-id="alcohol"]');
    // The word is there (colour never carries the level alone), read as part of the option.
    expect(mix?.textContent).toBe('Ketamine and Alcohol: Dangerous');
    expect(mix?.querySelector('.kl-level')?.getAttribute('data-level')).toBe('dangerous');
    // Two substances: a level for each, in the order typed.
    await typeInto(input(), 'alcohol and xanax');
    const levels = [...(options()[0]?.querySelectorAll('.kl-option-mix [data-record-id]') ?? [])];
    expect(levels.map((l) => l.getAttribute('data-record-id'))).toEqual(['alcohol', 'benzodiazepines']);
    // No combination named: no level shown.
    await typeInto(input(), 'k hole');
    expect($('.kl-option-mix')).toBeNull();
  });

  it('?q= prefills the search, ?entry= opens the entry', async () => {
    await open({ search: '?q=ketamin' });
    expect(input().value).toBe('ketamin');
    expect(options()[0]?.id).toBe('kl-opt-ketamine');
    await reset();
    await open({ search: '?entry=k-hole' });
    expect($('article.kl-card')?.getAttribute('data-entry-id')).toBe('k-hole');
    await reset();
    await open({ search: '?entry=not-an-entry' });
    expect($('article.kl-card')).toBeNull();
  });
});

describe('popup: on this page', () => {
  it('lists page terms, most frequent first, and reveals one', async () => {
    const f = await open({
      reply: {
        state: 'on',
        terms: [
          { id: 'ketamine', count: 2 },
          { id: 'k-hole', count: 5 },
          { id: 'nope', count: 9 },
        ],
      },
    });
    expect(f.sent[0]).toEqual({ type: 'kl:get-page-terms' });
    const buttons = $$('.kl-page-term');
    expect(buttons.map((b) => b.querySelector('.kl-page-term-name')?.textContent)).toEqual([
      'K-hole',
      'Ketamine',
    ]);
    expect(buttons[0]?.textContent).toContain('5 times');
    await click(buttons[0]);
    await flush();
    expect(f.sent).toContainEqual({ type: 'kl:reveal-entry', id: 'k-hole' });
    expect(f.deps.close).toHaveBeenCalled();
  });

  it('says honestly when no terms are found', async () => {
    await open({ reply: { state: 'on', terms: [] } });
    expect($('.kl-page')?.textContent).toContain('No glossary terms found on this page.');
  });

  it('reports off for this site / everywhere', async () => {
    await open({ reply: { state: 'off', reason: 'site' } });
    expect($('.kl-page')?.textContent).toContain('off for this site');
    await reset();
    await open({ reply: { state: 'off', reason: 'global' } });
    expect($('.kl-page')?.textContent).toContain('off everywhere');
  });

  it('cannot run here: unsupported URL (no message sent) or no answer', async () => {
    const f = await open({ activeTab: async () => ({ id: 1, url: 'chrome://extensions/' }) });
    expect($('.kl-page')?.textContent).toContain('can’t run on this page');
    expect(f.sent).toEqual([]);
    await reset();
    await open({
      sendToTab: async () => {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
    });
    expect($('.kl-page')?.textContent).toContain('can’t read this page');
  });

  it('hides the page section when opened in its own tab', async () => {
    await open({ activeTab: async () => null });
    expect($('.kl-page')).toBeNull();
    expect($$('[role="switch"]')).toHaveLength(1);
  });
});

describe('popup switches', () => {
  it('reads and writes the site and global switches', async () => {
    const f = await open();
    const [site, global] = $$('[role="switch"]');
    expect(site?.getAttribute('aria-checked')).toBe('true');
    expect(global?.getAttribute('aria-checked')).toBe('true');
    expect($('.kl-popup-footer')?.textContent).toContain('example.com');

    await click(site);
    await flush();
    expect(f.current().sites['example.com']).toBe('off');
    expect($$('[role="switch"]')[0]?.getAttribute('aria-checked')).toBe('false');

    await click($$('[role="switch"]')[0]);
    await flush();
    expect(f.current().sites['example.com']).toBeUndefined();

    await click($$('[role="switch"]')[1]);
    await flush();
    expect(f.current().enabled).toBe(false);
    const [siteAfter, globalAfter] = $$('[role="switch"]');
    expect(globalAfter?.getAttribute('aria-checked')).toBe('false');
    // The global switch is a master switch: the site switch is inactive meanwhile.
    expect(siteAfter?.hasAttribute('disabled')).toBe(true);
  });

  it('asks the page again after a switch changes', async () => {
    const f = await open();
    const before = f.sent.filter((x) => x.type === 'kl:get-page-terms').length;
    await click($$('[role="switch"]')[0]);
    await flush(200);
    expect(f.sent.filter((x) => x.type === 'kl:get-page-terms').length).toBeGreaterThan(before);
  });
});
