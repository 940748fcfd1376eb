import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EntryCard, NOT_ADVICE } from '../../components/EntryCard';
import type { CrisisResources } from '../../lib/glossary/crisis-resources';
import type { GlossaryEntry } from '../../lib/glossary/types';
import { click, key, type Mounted, mount } from './react-harness';

const OTHER: GlossaryEntry = {
  id: 'recovery-position',
  term: 'Recovery position',
  aliases: [{ text: 'recovery position', tier: 1 }],
  category: 'support',
  short: 'A safe way to lie someone on their side.',
  explanation: 'x',
  safety: [],
  related: [],
  sources: [],
  reviewed: '2026-01-01',
};

const ENTRY: GlossaryEntry = {
  id: 'k-hole',
  term: 'K-hole',
  aliases: [{ text: 'K-hole', tier: 1 }],
  category: 'effects',
  short: 'A deep ketamine state.',
  explanation: 'It usually comes with higher doses.',
  senseNote: 'In the context of ketamine, this means a drug state.',
  safety: [
    { severity: 'info', text: 'Info note.' },
    { severity: 'danger', text: 'Danger note.' },
    { severity: 'caution', text: 'Caution note.' },
  ],
  interactions: [
    { substance: 'Alcohol', risk: 'dangerous', why: 'Both slow breathing.' },
    { substance: 'Cannabis', risk: 'low', why: 'Stronger effects.' },
  ],
  crisis: true,
  related: ['recovery-position', 'missing-entry'],
  sources: [
    { title: 'TripSit factsheet', url: 'https://drugs.tripsit.me/Ketamine' },
    { title: 'Insecure', url: 'http://example.com/' },
  ],
  reviewed: '2026-01-01',
};

const svc = (name: string, tel: string, sms?: string) => ({
  name,
  kind: 'crisis' as const,
  contact: 'Someone to talk to.',
  phones: [{ tel, display: tel }],
  texts: sms ? [{ sms, display: sms }] : [],
  links: [],
  sources: [{ title: name, url: 'https://example.org/' }],
});
const CRISIS: CrisisResources = {
  regions: [
    {
      code: 'US',
      name: 'United States',
      emergency: [{ number: '911', label: 'any emergency' }],
      services: [svc('988 Lifeline', '988', '988')],
      nations: [],
      sources: [{ title: '988', url: 'https://988lifeline.org' }],
    },
    {
      code: 'GB',
      name: 'United Kingdom',
      emergency: [{ number: '999', label: 'any emergency' }],
      services: [svc('Samaritans', '116123')],
      nations: [],
      sources: [],
    },
  ],
  fallback: { directories: [{ title: 'Find A Helpline', url: 'https://findahelpline.com' }] },
};

const lookup = (id: string) => (id === OTHER.id ? OTHER : undefined);
let m: Mounted | undefined;
afterEach(async () => {
  await m?.unmount();
  m = undefined;
});

function render(props: Partial<Parameters<typeof EntryCard>[0]> = {}) {
  return mount(
    <EntryCard
      entry={ENTRY}
      headingId="h1"
      onNavigate={() => {}}
      lookup={lookup}
      crisisData={CRISIS}
      locales={['en-GB']}
      {...props}
    />,
  );
}

describe('EntryCard', () => {
  it('shows term, category, short, explanation, sense note and the not-advice line', async () => {
    m = await render();
    const c = m.container;
    const article = c.querySelector('article');
    expect(article?.getAttribute('aria-labelledby')).toBe('h1');
    expect(c.querySelector('#h1')?.textContent).toBe('K-hole');
    expect(c.textContent).toContain('Effects and experiences');
    expect(c.textContent).toContain('A deep ketamine state.');
    expect(c.textContent).toContain('It usually comes with higher doses.');
    expect(c.textContent).toContain('In the context of ketamine');
    expect(c.querySelector('.kl-disclaimer')?.textContent).toBe(NOT_ADVICE);
  });

  it('renders safety notes by severity, danger first, each with a word label', async () => {
    m = await render();
    const notes = [...m.container.querySelectorAll('.kl-note')];
    expect(notes.map((n) => n.getAttribute('data-severity'))).toEqual(['danger', 'caution', 'info']);
    expect(notes[0]?.classList.contains('kl-note--danger')).toBe(true);
    expect(notes[0]?.textContent).toMatch(/^Danger\s+Danger note\.$/);
    expect(notes[1]?.querySelector('.kl-note-label')?.textContent).toBe('Caution');
  });

  it('renders the interactions table, most dangerous first', async () => {
    m = await render();
    const rows = [...m.container.querySelectorAll('table.kl-interactions tbody tr')];
    expect(rows.map((r) => r.querySelector('th')?.textContent)).toEqual(['Alcohol', 'Cannabis']);
    expect(rows[0]?.textContent).toContain('Dangerous');
    expect(m.container.querySelector('caption')?.textContent).toBe('Mixing with other substances');
  });

  it('renders only https sources, opening in a new tab without opener or referrer', async () => {
    m = await render();
    const links = [...m.container.querySelectorAll<HTMLAnchorElement>('.kl-sources a')];
    expect(links).toHaveLength(1);
    for (const a of links) {
      expect(a.getAttribute('href')).toMatch(/^https:\/\//);
      expect(a.target).toBe('_blank');
      expect(a.rel.split(' ').sort()).toEqual(['noopener', 'noreferrer']);
    }
  });

  it('shows when the entry was last checked against its sources, and what is less certain', async () => {
    m = await render({
      entry: { ...ENTRY, reviewed: '2026-12-05', uncertain: 'Studies disagree on how often.' },
    });
    const reviewed = m.container.querySelector('.kl-sources .kl-reviewed time');
    expect(reviewed?.getAttribute('datetime')).toBe('2026-12-05');
    expect(reviewed?.textContent).toBe('5 December 2026');
    expect(m.container.querySelector('.kl-uncertain')?.textContent).toBe(
      'Less certain: Studies disagree on how often.',
    );
  });

  it('says nothing about uncertainty where the sources agree', async () => {
    m = await render();
    expect(m.container.querySelector('.kl-uncertain')).toBeNull();
    expect(m.container.querySelector('.kl-reviewed time')?.textContent).toBe('1 January 2026');
  });

  it('related terms are buttons that call onNavigate; unknown ids are skipped', async () => {
    const onNavigate = vi.fn();
    m = await render({ onNavigate });
    const buttons = [...m.container.querySelectorAll<HTMLButtonElement>('.kl-related button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['Recovery position']);
    await click(buttons[0]);
    expect(onNavigate).toHaveBeenCalledWith('recovery-position');
  });

  it('shows the optional actions only when given', async () => {
    m = await render();
    expect(m.container.querySelector('.kl-actions')).toBeNull();
    expect(m.container.querySelector('.kl-back')).toBeNull();
    await m.unmount();
    const onSearch = vi.fn();
    const onTurnOffSite = vi.fn();
    const onBack = vi.fn();
    m = await render({ onSearch, onTurnOffSite, onBack, backLabel: 'Back to Ketamine' });
    const byText = (t: string) =>
      [...m!.container.querySelectorAll('button')].find((b) => b.textContent?.includes(t));
    await click(byText('Search the glossary'));
    await click(byText('Turn off on this site'));
    await click(byText('Back to Ketamine'));
    expect(onSearch).toHaveBeenCalledOnce();
    expect(onTurnOffSite).toHaveBeenCalledOnce();
    expect(onBack).toHaveBeenCalledOnce();
  });

  it('Esc inside the card calls onEscape', async () => {
    const onEscape = vi.fn();
    m = await render({ onEscape });
    await key(m.container.querySelector('.kl-related button'), 'Escape');
    expect(onEscape).toHaveBeenCalledOnce();
  });

  it('shows the crisis box for crisis entries: reader region first, a picker for the others', async () => {
    m = await render();
    const box = m.container.querySelector('.kl-crisis');
    expect(box).not.toBeNull();
    const primary = box?.querySelector(':scope > .kl-region');
    expect(primary?.getAttribute('data-region')).toBe('GB');
    const primaryTels = [...(primary?.querySelectorAll('a[href^="tel:"]') ?? [])].map((a) =>
      a.getAttribute('href'),
    );
    expect(primaryTels).toEqual(['tel:999', 'tel:116123']);
    const options = [...(box?.querySelectorAll('select option') ?? [])].map((o) => o.getAttribute('value'));
    expect(options).toEqual(['GB', 'US', 'other']);
  });

  it('uses the fallback for an unknown region: no number, a helpline directory', async () => {
    m = await render({ locales: ['de-DE'] });
    const primary = m.container.querySelector('.kl-crisis > .kl-region');
    expect(primary?.getAttribute('data-region')).toBe('fallback');
    expect(primary?.textContent).toContain('call your local emergency number');
    expect(primary?.querySelector('a')?.getAttribute('href')).toBe('https://findahelpline.com');
    expect(m.container.querySelector('.kl-crisis a[href^="tel:"]')).toBeNull();
  });

  it('still points to emergency services without crisis data', async () => {
    m = await render({ crisisData: null });
    expect(m.container.querySelector('.kl-crisis')?.textContent).toContain('local emergency number');
  });

  it('has no crisis box for other entries', async () => {
    m = await render({ entry: { ...ENTRY, crisis: false } });
    expect(m.container.querySelector('.kl-crisis')).toBeNull();
  });

  it('renders markup in data as text, never as HTML', async () => {
    m = await render({ entry: { ...ENTRY, short: '<img src=x onerror=alert(1)>', crisis: false } });
    expect(m.container.querySelector('img')).toBeNull();
    expect(m.container.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('no raw HTML in the UI source', () => {
  it.each([
    'components/EntryCard.tsx',
    'components/SafetyNotes.tsx',
    'components/InteractionsTable.tsx',
    'components/CrisisResources.tsx',
    'components/Highlighted.tsx',
    'components/Switch.tsx',
    'entrypoints/popup/App.tsx',
    'entrypoints/popup/ResultList.tsx',
    'entrypoints/popup/PageTerms.tsx',
  ])('%s', (file) => {
    const src = readFileSync(resolve(ROOT, file), 'utf8');
    expect(src).not.toMatch(/dangerouslySetInnerHTML|\.innerHTML|outerHTML|insertAdjacentHTML/);
  });
});
