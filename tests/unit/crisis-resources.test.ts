import { describe, expect, it } from 'vitest';
import {
  CRISIS_RESOURCES,
  type CrisisRegion,
  crisisChoice,
  crisisLocales,
  crisisRegionFor,
  emergencyNumbers,
  parseCrisisResources,
  regionOfLocale,
  telHref,
} from '../../lib/crisis-resources';

const region = (code: string, emergency: string): CrisisRegion => ({
  code,
  name: code,
  emergency,
  services: [],
  sources: [],
});
const REGIONS = [region('US', '911'), region('CA', '911'), region('GB', '999'), region('IE', '112')];
const DATA = {
  regions: REGIONS,
  fallback: { name: 'Other countries', emergency: '112', services: [], sources: [] },
};

describe('regionOfLocale', () => {
  it.each([
    ['en-US', 'US'],
    ['en-gb', 'GB'],
    ['en_IE', 'IE'],
    ['zh-Hant-TW', 'TW'],
    ['fr-CA', 'CA'],
    ['en', null],
    ['es-419', null],
    ['en-x-gb', null],
    ['', null],
  ])('%s → %s', (tag, want) => {
    expect(regionOfLocale(tag)).toBe(want);
  });
});

describe('crisisRegionFor', () => {
  it.each([
    ['en-US', 'US'],
    ['en-GB', 'GB'],
    ['en-IE', 'IE'],
    ['ga-IE', 'IE'],
    ['fr-CA', 'CA'],
    ['en-CA', 'CA'],
  ])('%s → %s', (tag, code) => {
    expect(crisisRegionFor(tag, REGIONS)?.code).toBe(code);
  });

  it('unknown or region-less tags give null (use the fallback)', () => {
    expect(crisisRegionFor('de-DE', REGIONS)).toBeNull();
    expect(crisisRegionFor('en', REGIONS)).toBeNull();
    expect(crisisRegionFor('garbage', REGIONS)).toBeNull();
  });

  it('treats UK and GB as the same region', () => {
    expect(crisisRegionFor('en-UK', REGIONS)?.code).toBe('GB');
    expect(crisisRegionFor('en-GB', [region('UK', '999')])?.code).toBe('UK');
  });
});

describe('crisisChoice', () => {
  it('takes the first language tag with a known region; others keep data order', () => {
    const c = crisisChoice(['de', 'en-GB', 'en-US'], DATA);
    expect((c.primary as CrisisRegion).code).toBe('GB');
    expect(c.others.map((r) => r.code)).toEqual(['US', 'CA', 'IE']);
  });

  it('falls back when no tag has a known region', () => {
    const c = crisisChoice(['de-DE'], DATA);
    expect(c.primary).toBe(DATA.fallback);
    expect(c.others).toHaveLength(4);
  });

  it('a crisisRegion setting goes before the browser tags', () => {
    expect(crisisLocales('IE', ['en-US'])).toEqual(['und-IE', 'en-US']);
    expect(crisisLocales('auto', ['en-US'])).toEqual(['en-US']);
    expect((crisisChoice(crisisLocales('IE', ['en-US']), DATA).primary as CrisisRegion).code).toBe('IE');
  });
});

describe('numbers', () => {
  it('builds tel:/sms: links from dialable numbers only', () => {
    expect(telHref('116 123')).toBe('tel:116123');
    expect(telHref('1-800-662-4357')).toBe('tel:18006624357');
    expect(telHref('988', 'sms')).toBe('sms:988');
    expect(telHref('javascript:alert(1)')).toBeNull();
    expect(telHref('1-800-662-HELP')).toBeNull();
  });

  it('splits emergency strings into numbers', () => {
    expect(emergencyNumbers('911')).toEqual(['911']);
    expect(emergencyNumbers('999 or 112')).toEqual(['999', '112']);
    expect(emergencyNumbers('112 / 999')).toEqual(['112', '999']);
    expect(emergencyNumbers('call the local number')).toEqual([]);
  });
});

describe('parseCrisisResources', () => {
  it('drops malformed regions, services and non-https links', () => {
    const parsed = parseCrisisResources({
      regions: [
        {
          code: 'us',
          name: 'United States',
          emergency: '911',
          services: [{ name: 'X', contact: 'c', tel: 'abc', url: 'http://x' }],
          sources: [{ title: 't', url: 'http://insecure' }],
        },
        { code: 'USA', name: 'bad code', emergency: '911' },
        { code: 'GB', name: 'no emergency' },
        'nonsense',
      ],
      fallback: { name: 'Elsewhere', services: [] },
    });
    expect(parsed?.regions).toHaveLength(1);
    expect(parsed?.regions[0]?.code).toBe('US');
    expect(parsed?.regions[0]?.services[0]).toEqual({ name: 'X', contact: 'c' });
    expect(parsed?.regions[0]?.sources).toEqual([]);
  });

  it('rejects a wrong overall shape', () => {
    expect(parseCrisisResources(null)).toBeNull();
    expect(parseCrisisResources({ regions: [] })).toBeNull();
  });
});

// The numbers people will dial: checked against DESIGN §5 and reference/glossary-facts.md §J.
describe('bundled crisis data', () => {
  it('loads and validates', () => {
    expect(CRISIS_RESOURCES).not.toBeNull();
  });

  const data = CRISIS_RESOURCES;
  const find = (tag: string) => (data ? crisisRegionFor(tag, data.regions) : null);
  const tels = (r: CrisisRegion | null) => r?.services.flatMap((s) => (s.tel ? [telHref(s.tel)] : [])) ?? [];

  it.runIf(data !== null)('US: 911 and 988', () => {
    const us = find('en-US');
    expect(emergencyNumbers(us?.emergency ?? '')).toContain('911');
    expect(tels(us)).toContain('tel:988');
  });
  it.runIf(data !== null)('Canada: 911 and 988', () => {
    const ca = find('fr-CA');
    expect(emergencyNumbers(ca?.emergency ?? '')).toContain('911');
    expect(tels(ca)).toContain('tel:988');
  });
  it.runIf(data !== null)('UK: 999 and Samaritans 116 123', () => {
    const gb = find('en-GB');
    expect(emergencyNumbers(gb?.emergency ?? '')).toContain('999');
    expect(tels(gb)).toContain('tel:116123');
  });
  it.runIf(data !== null)('Ireland: 112 or 999 and Samaritans 116 123', () => {
    const ie = find('en-IE');
    const nums = emergencyNumbers(ie?.emergency ?? '');
    expect(nums.some((n) => n === '112' || n === '999')).toBe(true);
    expect(tels(ie)).toContain('tel:116123');
  });
  it.runIf(data !== null)('unknown region → fallback', () => {
    if (!data) return;
    expect(crisisChoice(['de-DE'], data).primary).toBe(data.fallback);
  });
});
