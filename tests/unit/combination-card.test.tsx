// The shared result card, the levels at the top of an interaction entry, and
// the popup checker, rendered in happy-dom.
import { afterEach, describe, expect, it } from 'vitest';
import { CombinationCard } from '../../components/CombinationCard';
import { EntryCard } from '../../components/EntryCard';
import { MixChecker } from '../../entrypoints/popup/MixChecker';
import { combinationById } from '../../lib/combinations/data';
import type { CombinationRecord } from '../../lib/combinations/types';
import { entryById } from '../../lib/glossary/glossary';
import { click, key, type Mounted, mount, typeInto } from './react-harness';

let m: Mounted | undefined;
afterEach(async () => {
  await m?.unmount();
  m = undefined;
});

const rec = (id: string) => combinationById(id) as CombinationRecord;
const item = (id: string) => ({
  kind: 'record' as const,
  query: id,
  record: rec(id),
  name: rec(id).names[0]!,
  how: 'exact' as const,
});
const text = (sel: string) => m?.container.querySelector(sel)?.textContent ?? '';

describe('CombinationCard', () => {
  it('shows a Dangerous level in words, the emergency signs with first aid, the crisis box and https sources', async () => {
    m = await mount(<CombinationCard item={item('alcohol')} crisisData={null} locales={[]} />);
    const card = m.container.querySelector('article.kl-combo');
    expect(card?.getAttribute('data-level')).toBe('dangerous');
    expect(text('h3')).toBe('Ketamine and Alcohol');
    // The word is there (colour never carries the level alone), with a prefix a screen reader hears.
    expect(text('.kl-level')).toBe('Risk level: Dangerous');
    expect(text('.kl-combo-signs')).toMatch(/cannot be woken, call the emergency number/);
    expect(text('.kl-combo-signs')).toMatch(/CPR as the call handler directs/);
    expect(m.container.querySelector('.kl-crisis')).not.toBeNull();
    const links = [...m.container.querySelectorAll<HTMLAnchorElement>('.kl-sources a')];
    expect(links.length).toBeGreaterThan(2);
    expect(links.every((a) => a.href.startsWith('https://'))).toBe(true);
    expect(text('.kl-reviewed')).toMatch(/5 December 2026/);
    expect(m.container.querySelector('details.kl-level-legend summary')?.textContent).toBe(
      'What the levels mean',
    );
  });

  it('shows no emergency block or crisis box for a low-risk result, and says how a judgement was reached', async () => {
    m = await mount(<CombinationCard item={item('caffeine')} />);
    expect(text('.kl-level')).toMatch(/Low risk & no synergy/);
    expect(m.container.querySelector('.kl-combo-signs')).toBeNull();
    expect(m.container.querySelector('.kl-crisis')).toBeNull();
    await m.rerender(<CombinationCard item={item('mdma')} />);
    expect(text('.kl-combo-basis')).toMatch(/^Our judgement: TripSit rates this pair Low risk/);
  });

  it('says a name without a record is Unknown and not known to be safe, with the mixing advice', async () => {
    m = await mount(<CombinationCard item={{ kind: 'unknown', query: 'frobnicol' }} />);
    expect(text('h3')).toBe('Ketamine and “frobnicol”');
    expect(text('.kl-combo-level')).toBe('Risk level: Unknown — not known to be safe');
    expect(m.container.textContent).toMatch(/a third of ketamine exposures involved other substances/);
    expect(m.container.textContent).toMatch(/call the emergency number/);
  });
});

describe('interaction entries show their levels near the top', () => {
  it('ketamine-alcohol: the Dangerous level before the explanation, opening to the full result', async () => {
    const entry = entryById('ketamine-alcohol')!;
    m = await mount(<EntryCard entry={entry} headingId="t" onNavigate={() => undefined} crisisData={null} />);
    const levels = m.container.querySelector('.kl-combo-levels');
    expect(levels?.textContent).toMatch(/Ketamine and Alcohol: Dangerous/);
    const explanation = m.container.querySelector('.kl-explanation');
    expect(levels!.compareDocumentPosition(explanation!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(levels?.querySelector('details article[data-record-id="alcohol"]')).not.toBeNull();
  });
});

describe('popup checker', () => {
  it('opens from its button, suggests names as you type, and Enter shows the cards worst first', async () => {
    m = await mount(<MixChecker locales={[]} />);
    const toggle = [...m.container.querySelectorAll('button')].find(
      (b) => b.textContent === 'Mix ketamine with…',
    );
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    await click(toggle);
    const input = m.container.querySelector<HTMLInputElement>('input[role="combobox"]')!;
    expect(input.labels?.[0]?.textContent).toBe('Mix ketamine with…');
    expect(document.activeElement).toBe(input);
    await typeInto(input, 'weed, xan');
    expect(m.container.querySelector('[role="option"]')?.textContent).toMatch(/^Xanax/);
    await key(input, 'ArrowDown');
    expect(input.getAttribute('aria-activedescendant')).toBeTruthy();
    await key(input, 'Enter');
    expect(input.value).toBe('weed, Xanax');
    const cards = [...m.container.querySelectorAll('article.kl-combo')].map((a) =>
      a.getAttribute('data-record-id'),
    );
    expect(cards).toEqual(['benzodiazepines', 'cannabis']);
    expect(m.container.querySelector('[aria-live]')?.textContent).toMatch(
      /Benzodiazepines \(benzos\): Caution/,
    );
  });

  it('a typo still finds the record, and an unknown name is shown as Unknown', async () => {
    m = await mount(<MixChecker locales={[]} />);
    await click(
      [...m.container.querySelectorAll('button')].find((b) => b.textContent === 'Mix ketamine with…'),
    );
    const input = m.container.querySelector<HTMLInputElement>('input[role="combobox"]')!;
    await typeInto(input, 'xanx and frobnicol');
    await key(input, 'Enter');
    const cards = [...m.container.querySelectorAll('article.kl-combo')].map((a) =>
      a.getAttribute('data-level'),
    );
    expect(cards).toEqual(['caution', 'unknown']);
    expect(text('.kl-combo-matched')).toBe('Showing Xanax for “xanx”.');
  });
});
