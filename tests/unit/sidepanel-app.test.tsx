// The popup's App in its side-panel layout: the page's terms as a reading guide
// (page order, short lines, safety flagged), following the tab, closing nothing.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../entrypoints/popup/App';
import type { PopupDeps } from '../../entrypoints/popup/popup-deps';
import { readReply } from '../../lib/background/send-to-tab';
import { GLOSSARY } from '../../lib/glossary/glossary';
import type { ContentMessage, Message } from '../../lib/messages';
import { defaultSettings } from '../../lib/settings/settings';
import { click, flush, type Mounted, mount } from './react-harness';

function fakeDeps(replies: unknown[]) {
  const sent: Message[] = [];
  let tabChanged = () => {};
  let next = 0;
  const deps: PopupDeps = {
    entries: GLOSSARY,
    activeTab: async () => ({ id: 7 }),
    sendToTab: vi.fn(async (_id: number, msg: ContentMessage) => {
      sent.push(msg);
      const raw =
        msg.type === 'kl:get-page-terms' ? replies[Math.min(next++, replies.length - 1)] : { ok: true };
      return readReply(msg.type, raw);
    }) as PopupDeps['sendToTab'],
    loadSettings: async () => defaultSettings(),
    updateSettings: async (change) => change(defaultSettings()),
    watchSettings: () => () => {},
    close: vi.fn(),
    watchTab: (onChange) => {
      tabChanged = onChange;
      return () => {
        tabChanged = () => {};
      };
    },
    openSidePanel: vi.fn(async () => {}),
    search: '',
    locales: ['en-US'],
  };
  return { deps, sent, tabChanged: () => tabChanged() };
}

let m: Mounted | undefined;
afterEach(async () => {
  await m?.unmount();
  m = undefined;
});

const $$ = (sel: string) => [...(m?.container.querySelectorAll<HTMLElement>(sel) ?? [])];
const names = () => $$('.kl-page-term-name').map((e) => e.textContent);

describe('side panel: this page’s terms', () => {
  it('keeps the page’s order, shows short lines and flags safety terms; reveals without closing', async () => {
    const terms = [
      { id: 'treatment-resistant-depression', count: 1 },
      { id: 'k-hole', count: 5 },
    ];
    const f = fakeDeps([{ state: 'on', terms, siteKey: 'example.com' }]);
    m = await mount(<App deps={f.deps} layout="panel" />);
    await flush();
    expect(names()).toEqual(['Treatment-resistant depression (TRD)', 'K-hole']);
    const buttons = $$('.kl-page-term');
    expect(buttons[0]?.querySelector('.kl-page-term-short')?.textContent).toBe(
      GLOSSARY.find((e) => e.id === 'treatment-resistant-depression')?.short,
    );
    expect(buttons[0]?.querySelector('.kl-page-term-safety')).toBeNull();
    expect(buttons[1]?.querySelector('.kl-page-term-safety')).not.toBeNull();
    expect($$('.kl-open-panel')).toHaveLength(0);
    await click(buttons[1]);
    await flush();
    expect(f.sent).toContainEqual({ type: 'kl:reveal-entry', id: 'k-hole' });
    expect(f.deps.close).not.toHaveBeenCalled();
  });

  it('asks again when the tab changes', async () => {
    const f = fakeDeps([
      { state: 'on', terms: [{ id: 'ketamine', count: 1 }] },
      { state: 'on', terms: [{ id: 'psychosis', count: 2 }] },
    ]);
    m = await mount(<App deps={f.deps} layout="panel" />);
    await flush();
    expect(names()).toEqual(['Ketamine']);
    await act(async () => f.tabChanged());
    await flush();
    await flush();
    expect(names()).toEqual(['Psychosis']);
  });

  it('the popup offers to open the side panel and closes after', async () => {
    const f = fakeDeps([{ state: 'on', terms: [] }]);
    m = await mount(<App deps={f.deps} />);
    await flush();
    await click($$('.kl-open-panel')[0]);
    await flush();
    expect(f.deps.openSidePanel).toHaveBeenCalledWith(7);
    expect(f.deps.close).toHaveBeenCalled();
  });
});
