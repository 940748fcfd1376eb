import { describe, expect, it } from 'vitest';
import {
  CRISIS_RESOURCES,
  type CrisisRegion,
  type CrisisResources,
  crisisChoice,
  crisisLocales,
  crisisRegionFor,
  parseCrisisResources,
  regionOfLocale,
  regionsByName,
  telHref,
} from '../../lib/glossary/crisis-resources';

const region = (code: string, number: string): CrisisRegion => ({
  code,
  name: code,
  emergency: [{ number, label: 'any emergency' }],
  services: [],
  nations: [],
  sources: [],
});
const REGIONS = [region('US', '911'), region('CA', '911'), region('GB', '999'), region('IE', '112')];
const DATA: CrisisResources = {
  regions: REGIONS,
  fallback: { directories: [{ title: 'Find A Helpline', url: 'https://findahelpline.com' }] },
};

describe('regionOfLocale', () => {
  it.each([
    ['en-US', 'US'],
    ['en-gb', 'GB'],
    ['en_IE', 'IE'],
    ['zh-Hant-TW', 'TW'],
    ['fr-CA', 'CA'],
    ['und-AU', 'AU'],
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
    ['ga-IE', 'IE'],
    ['fr-CA', 'CA'],
  ])('%s → %s', (tag, code) => {
    expect(crisisRegionFor(tag, REGIONS)?.code).toBe(code);
  });

  it('never guesses a region from a bare language or an unlisted region', () => {
    expect(crisisRegionFor('de-DE', REGIONS)).toBeNull();
    expect(crisisRegionFor('en', REGIONS)).toBeNull();
    expect(crisisRegionFor('fr', REGIONS)).toBeNull();
    expect(crisisRegionFor('garbage', REGIONS)).toBeNull();
  });

  it('treats UK and GB as the same region', () => {
    expect(crisisRegionFor('en-UK', REGIONS)?.code).toBe('GB');
  });
});

describe('crisisChoice', () => {
  it('suggests the first language tag with a listed region', () => {
    expect(crisisChoice(['de', 'en-GB', 'en-US'], DATA)).toEqual({
      region: REGIONS[2],
      from: 'browser',
      chosenCode: null,
    });
  });

  it('no listed region in the tags: no region (the fallback), not a guess', () => {
    expect(crisisChoice(['de-DE', 'pt'], DATA)).toEqual({ region: null, from: null, chosenCode: null });
    expect(crisisChoice([], DATA).region).toBeNull();
  });

  it("the reader's choice in settings goes before the browser tags", () => {
    expect(crisisLocales('IE', ['en-US'])).toEqual(['und-IE', 'en-US']);
    expect(crisisLocales('auto', ['en-US'])).toEqual(['en-US']);
    const c = crisisChoice(crisisLocales('IE', ['en-US']), DATA);
    expect(c.region?.code).toBe('IE');
    expect(c.from).toBe('setting');
  });

  it('a chosen region that is not listed gives the fallback, never the browser guess', () => {
    const c = crisisChoice(crisisLocales('BR', ['en-US']), DATA);
    expect(c).toEqual({ region: null, from: 'setting', chosenCode: 'BR' });
  });
});

describe('telHref', () => {
  it('builds tel:/sms: links from the dialled form only', () => {
    expect(telHref('116123')).toBe('tel:116123');
    expect(telHref('+18002221222')).toBe('tel:+18002221222');
    expect(telHref('988', 'sms')).toBe('sms:988');
    expect(telHref('116 123')).toBeNull();
    expect(telHref('javascript:alert(1)')).toBeNull();
    expect(telHref('1-800-662-HELP')).toBeNull();
    expect(telHref('+0123456789')).toBeNull();
  });
});

describe('parseCrisisResources', () => {
  it('drops malformed regions, services, numbers and non-https links', () => {
    const parsed = parseCrisisResources({
      regions: [
        {
          code: 'us',
          name: 'United States',
          emergency: [{ number: '911', label: 'any emergency' }],
          services: [
            {
              name: 'Bad number',
              kind: 'crisis',
              contact: 'c',
              phones: [{ tel: 'abc', display: 'abc' }],
              links: [{ label: 'x', url: 'http://x' }],
            },
            {
              name: 'Mismatch',
              kind: 'crisis',
              contact: 'c',
              phones: [
                { tel: '988', display: '989' },
                { tel: '+18002221222', display: '1-800-222-1222' },
              ],
            },
            { name: 'Unknown kind', kind: 'psychic', contact: 'c', phones: [{ tel: '988', display: '988' }] },
          ],
          sources: [{ title: 't', url: 'http://insecure' }],
        },
        { code: 'USA', name: 'bad code', emergency: [{ number: '911', label: 'x' }] },
        { code: 'GB', name: 'no emergency', emergency: [] },
        { code: 'FR', name: 'old string form', emergency: '112' },
        'nonsense',
      ],
      fallback: {},
    });
    expect(parsed?.regions.map((r) => r.code)).toEqual(['US']);
    const us = parsed?.regions[0];
    expect(us?.services.map((s) => s.name)).toEqual(['Mismatch']);
    expect(us?.services[0]?.phones).toEqual([{ tel: '+18002221222', display: '1-800-222-1222' }]);
    expect(us?.sources).toEqual([]);
    expect(parsed?.fallback.directories).toEqual([
      { title: 'Find A Helpline', url: 'https://findahelpline.com' },
    ]);
  });

  it('never carries a number into the fallback', () => {
    const parsed = parseCrisisResources({
      regions: [],
      fallback: {
        emergency: '112',
        directories: [
          { title: 'Call 112', url: 'https://example.org/' },
          { title: 'Befrienders Worldwide', url: 'https://befrienders.org' },
        ],
      },
    });
    expect(parsed?.fallback).toEqual({
      directories: [{ title: 'Befrienders Worldwide', url: 'https://befrienders.org' }],
    });
  });

  it('rejects a wrong overall shape', () => {
    expect(parseCrisisResources(null)).toBeNull();
    expect(parseCrisisResources({ regions: [] })).toBeNull();
  });
});

// The numbers people will dial. Every value here is tagged [CHECKED] in the
// project's research notes; anything tagged [UNVERIFIED] must stay out.
describe('bundled crisis data', () => {
  const data = CRISIS_RESOURCES as CrisisResources;
  const find = (code: string) => {
    const r = crisisRegionFor(`und-${code}`, data.regions);
    if (!r) throw new Error(`${code} is not listed`);
    return r;
  };
  const services = (r: CrisisRegion) => [...r.services, ...r.nations.flatMap((n) => n.services)];
  const emergency = (code: string) => find(code).emergency.map((e) => e.number);
  const tels = (code: string) => services(find(code)).flatMap((s) => s.phones.map((p) => p.tel));
  const smss = (code: string) => services(find(code)).flatMap((s) => s.texts.map((t) => t.sms));
  const every = (code: string) => [...emergency(code), ...tels(code), ...smss(code)];

  it('loads, keeps every region and every service (nothing dropped as malformed)', () => {
    expect(data).not.toBeNull();
    expect(data.regions.length).toBeGreaterThanOrEqual(15);
    expect(regionsByName(data).map((r) => r.code)).toEqual(
      expect.arrayContaining(['US', 'CA', 'GB', 'IE', 'AU', 'NZ', 'FR', 'HK', 'SG', 'DE', 'NL', 'IT', 'TW']),
    );
    expect(regionsByName(data).map((r) => r.code)).toEqual(expect.arrayContaining(['JP', 'MX', 'ES']));
  });

  it('US: 911, 988 by call and text, Poison Help, SAMHSA; no 112', () => {
    expect(emergency('US')).toEqual(['911']);
    expect(tels('US')).toEqual(expect.arrayContaining(['988', '+18002221222', '+18006624357']));
    expect(smss('US')).toContain('988');
  });

  it('Canada: 911, 988, Hope for Wellness, both poison lines labelled', () => {
    expect(emergency('CA')).toEqual(['911']);
    expect(tels('CA')).toEqual(
      expect.arrayContaining(['988', '+18552423310', '+18447647669', '+18004635060']),
    );
    const names = find('CA').services.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining(['Poison centre (outside Québec)', 'Centre antipoison du Québec']),
    );
  });

  it('UK: 999 and 112, Samaritans, Shout; nations with their own routes', () => {
    const gb = find('GB');
    expect(emergency('GB')).toEqual(['999', '112']);
    expect(tels('GB')).toContain('116123');
    const shout = gb.services.find((s) => s.name === 'Shout');
    expect(shout?.texts).toEqual([{ sms: '85258', display: '85258', keyword: 'SHOUT' }]);
    expect(shout?.hours).toMatch(/24 hours/);
    // No UK-wide "NHS 111": it does not cover Northern Ireland.
    expect(gb.services.flatMap((s) => s.phones.map((p) => p.tel))).not.toContain('111');
    const nation = (code: string) => gb.nations.find((n) => n.code === code);
    expect(gb.nations.map((n) => n.code)).toEqual(['GB-ENG', 'GB-SCT', 'GB-WLS', 'GB-NIR']);
    expect(nation('GB-SCT')?.services.map((s) => s.name)).toContain('NHS 24 (call 111)');
    expect(nation('GB-SCT')?.note).toMatch(/NHS 24, not NHS 111/);
    expect(nation('GB-WLS')?.services.map((s) => s.name)).toContain('NHS 111 Wales (press 2)');
    expect(nation('GB-NIR')?.note).toMatch(/no general NHS 111/);
    expect(nation('GB-NIR')?.services.flatMap((s) => s.phones.map((p) => p.tel))).toEqual(['08088088000']);
  });

  it('Ireland: 112 and 999, Samaritans, the Public Poisons Line', () => {
    expect(emergency('IE')).toEqual(['112', '999']);
    expect(tels('IE')).toEqual(['116123', '+35318092166']);
  });

  it('Australia: 000 and 112 from mobiles; New Zealand: 111 and no 112', () => {
    expect(emergency('AU')).toEqual(['000', '112']);
    expect(find('AU').emergency[1]?.label).toMatch(/mobile/);
    expect(tels('AU')).toEqual(expect.arrayContaining(['131114', '131126', '1800250015']));
    expect(emergency('NZ')).toEqual(['111']);
    expect(tels('NZ')).toEqual(expect.arrayContaining(['1737', '0800764766', '0800787797']));
  });

  it.each([
    ['US', ['112', '741741']],
    ['CA', ['112', '+18006686868', '+18886886677']],
    ['GB', ['03001236600', '0800132737', '0800137737']],
    ['IE', ['1800247247', '51444', '50808', '1800459459', '1800111888']],
    ['NZ', ['112', '0800543354', '4357', '0508828865']],
    ['DE', ['116123', '01806313031', '01805313031', '03019240']],
    ['NL', ['08000113', '09001995']],
    ['ES', ['024', '+34915620420']],
    ['IT', ['+390223272327']],
    ['HK', ['186186']],
    ['TW', ['0800788995', '1925', '1995', '1980', '110', '112']],
    ['SG', ['1767', '70999', '71999']],
    ['JP', ['0570783556', '0120279338', '0570064556', '0570046556']],
    ['MX', ['8009112000']],
  ])('%s ships none of the numbers that are not checked', (code, unverified) => {
    const shipped = every(code);
    for (const n of unverified) expect(shipped, `${code} must not list ${n}`).not.toContain(n);
  });

  it('every number has a tel:/sms: link and a printed form', () => {
    for (const r of data.regions) {
      for (const e of r.emergency) expect(telHref(e.number), r.code).not.toBeNull();
      for (const s of services(r)) {
        for (const p of s.phones) {
          expect(telHref(p.tel), `${r.code} ${s.name}`).not.toBeNull();
          expect(p.display.trim(), `${r.code} ${s.name}`).not.toBe('');
        }
        for (const t of s.texts) expect(telHref(t.sms, 'sms'), r.code).not.toBeNull();
      }
    }
  });
});
