// The content rules for data/crisis-resources.json (lintCrisisResources): the
// real file passes, and each bad input below, made by breaking one thing in a
// fresh copy of the real file, is rejected with a message naming the region.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintCrisisResources, MIN_REGIONS } from '../../lib/glossary/crisis-resources';

// biome-ignore lint/suspicious/noExplicitAny: test inputs are deliberately malformed JSON
type Json = any;

const FILE = resolve(__dirname, '../../data/crisis-resources.json');
const fresh = (): Json => JSON.parse(readFileSync(FILE, 'utf8'));
const region = (d: Json, code: string): Json => d.regions.find((r: Json) => r.code === code);
const service = (d: Json, code: string, name: string): Json =>
  region(d, code).services.find((s: Json) => s.name === name);

/** The fallback this file had before the review: 112 shown to every unlisted country. */
const OLD_FALLBACK = {
  code: 'INTL',
  name: 'Other countries',
  emergency: '112',
  services: [],
  sources: [{ title: 'European Commission: 112', url: 'https://ec.europa.eu/' }],
};

const BAD: Array<[string, (d: Json) => void, RegExp]> = [
  // regions: sources and emergency numbers
  ['a region with no sources', (d) => (region(d, 'AU').sources = []), /^AU: no source$/],
  ['a region without a sources field', (d) => delete region(d, 'FR').sources, /^FR: no source$/],
  [
    'a region sourced over http',
    (d) => (region(d, 'NZ').sources[0].url = 'http://www.poisons.co.nz/calling.php'),
    /^NZ: source 1 is not an https URL$/,
  ],
  [
    'a region source that is not a URL',
    (d) => (region(d, 'HK').sources[0].url = 'csrp.hku.hk'),
    /^HK: source 1/,
  ],
  ['a region with no emergency number', (d) => (region(d, 'JP').emergency = []), /^JP: no emergency number$/],
  [
    'a region without an emergency field',
    (d) => delete region(d, 'MX').emergency,
    /^MX: no emergency number$/,
  ],
  [
    'an emergency number that is not a short code',
    (d) => (region(d, 'DE').emergency[0].number = '11 2'),
    /^DE: emergency number "11 2" is not a short code$/,
  ],
  [
    'an emergency number as a bare string',
    (d) => (region(d, 'ES').emergency = '112'),
    /^ES: no emergency number$/,
  ],
  [
    'an emergency number with no label',
    (d) => (region(d, 'IT').emergency[0].label = ''),
    /^IT: emergency number 112/,
  ],
  ['a region with no checked date', (d) => delete region(d, 'SG').verifiedAt, /^SG: no verifiedAt/],
  ['UK instead of the ISO code GB', (d) => (region(d, 'GB').code = 'UK'), /^UK: code must be an ISO/],
  ['a region listed twice', (d) => d.regions.push(fresh().regions[0]), /^US: listed twice$/],
  [
    'too few regions',
    (d) => (d.regions = d.regions.slice(0, 4)),
    /^crisis data: 4 regions, need at least 15$/,
  ],
  // services: every tel/sms dialable and equal to what is printed
  [
    'a tel with spaces',
    (d) => (service(d, 'US', '988 Suicide & Crisis Lifeline').phones[0].tel = '9 8 8'),
    /^US service 1 "988 Suicide & Crisis Lifeline": tel "9 8 8" is not dialable$/,
  ],
  [
    'a tel in letters',
    (d) => (service(d, 'US', 'SAMHSA National Helpline').phones[0].tel = '1800662HELP'),
    /^US service 3 "SAMHSA National Helpline": tel "1800662HELP" is not dialable$/,
  ],
  [
    'a tel with its scheme',
    (d) => (service(d, 'AU', 'Lifeline').phones[0].tel = 'tel:131114'),
    /^AU service 1 "Lifeline": tel "tel:131114" is not dialable$/,
  ],
  [
    'a script in an sms',
    (d) => (service(d, 'GB', 'Shout').texts[0].sms = 'javascript:alert(1)'),
    /^GB service 2 "Shout": sms "javascript:alert\(1\)" is not dialable$/,
  ],
  [
    'a tel that differs from its printed number',
    (d) => (service(d, 'IE', 'Public Poisons Line').phones[0].tel = '+35318092167'),
    /^IE service 2 "Public Poisons Line": tel \+35318092167 does not match its printed form "01 809 2166"$/,
  ],
  [
    'an sms that differs from its printed number',
    (d) => (service(d, 'AU', 'Lifeline').texts[0].display = '0477 13 11 41'),
    /^AU service 1 "Lifeline": sms \+61477131114 does not match/,
  ],
  [
    'a number with no printed form',
    (d) => delete service(d, 'NZ', 'National Poisons Centre').phones[0].display,
    /^NZ service 2 "National Poisons Centre": tel 0800764766 has no printed form$/,
  ],
  [
    'the old flat tel field',
    (d) => (service(d, 'CA', 'Kids Help Phone').tel = '18006686868'),
    /^CA service 3 "Kids Help Phone": unknown field "tel"$/,
  ],
  [
    'a service with no sources',
    (d) => (service(d, 'CA', 'Hope for Wellness Help Line').sources = []),
    /^CA service 2 "Hope for Wellness Help Line": no source$/,
  ],
  [
    'a service link over http',
    (d) => (service(d, 'SG', 'National mindline 1771').links[1].url = 'http://mindline.sg/fsmh'),
    /^SG service 1 "National mindline 1771": a link lacks a label or an https URL$/,
  ],
  [
    'a service with nothing to call, text or open',
    (d) => {
      const s = service(d, 'NL', '113 Zelfmoordpreventie');
      s.phones = [];
      s.links = [];
    },
    /^NL service 1 "113 Zelfmoordpreventie": no phone, text or link$/,
  ],
  [
    'a service of unknown kind',
    (d) => (service(d, 'FR', '3114').kind = 'hotline'),
    /^FR service 2 "3114": unknown kind/,
  ],
  // UK nations
  [
    'a nation service sourced over http',
    (d) => (region(d, 'GB').nations[3].services[0].sources[0].url = 'http://www.lifelinehelpline.info/'),
    /^GB nation GB-NIR service 1 "Lifeline": source 1 is not an https URL$/,
  ],
  [
    'a nation coded under another region',
    (d) => (region(d, 'GB').nations[0].code = 'IE-ENG'),
    /^GB nation IE-ENG: code must look like GB-XXX$/,
  ],
  [
    'a nation with no sources',
    (d) => (region(d, 'GB').nations[1].sources = []),
    /^GB nation GB-SCT: no source$/,
  ],
  // the fallback: never a number
  ['the old 112 fallback', (d) => (d.fallback = OLD_FALLBACK), /^fallback: must not have "emergency"/],
  [
    '112 as a number in the fallback',
    (d) => (d.fallback.emergency = 112),
    /^fallback: must not have "emergency"/,
  ],
  ['a tel in the fallback', (d) => (d.fallback.tel = '112'), /^fallback: must not have "tel"/],
  [
    'a text line in the fallback',
    (d) => (d.fallback.services = [{ name: 'Text line', contact: 'Text HOME', sms: '741741' }]),
    /^fallback: must not have "services"/,
  ],
  [
    'a number in a fallback note',
    (d) => (d.fallback.note = 'Or call 1 1 2.'),
    /^fallback\.note: contains digits/,
  ],
  [
    'a number in a directory description',
    (d) => (d.fallback.directories[0].description = 'or dial 911'),
    /^fallback\.directories\[0\]\.description: contains digits/,
  ],
  [
    'a fallback contact line',
    (d) => (d.fallback.contact = 'Call 999'),
    /^fallback\.contact: contains digits/,
  ],
  [
    'a fallback without a directory',
    (d) => (d.fallback.directories = []),
    /^fallback: needs at least one helpline directory/,
  ],
  [
    'a directory over http',
    (d) => (d.fallback.directories = [{ title: 'Find A Helpline', url: 'http://findahelpline.com' }]),
    /^fallback: needs at least one helpline directory/,
  ],
  ['no fallback at all', (d) => delete d.fallback, /^fallback: missing$/],
];

describe('crisis content lint', () => {
  it('passes the real data file', () => {
    expect(lintCrisisResources(fresh())).toEqual([]);
  });

  it(`the real file has at least ${MIN_REGIONS} regions`, () => {
    expect(fresh().regions.length).toBeGreaterThanOrEqual(MIN_REGIONS);
  });

  it.each(BAD)('rejects %s', (_name, breakIt, want) => {
    const data = fresh();
    breakIt(data);
    const problems = lintCrisisResources(data);
    expect(
      problems.filter((p) => want.test(p)),
      problems.join('\n'),
    ).not.toEqual([]);
  });

  it('names the region (or the fallback) in every message', () => {
    const data = fresh();
    for (const r of data.regions) {
      r.sources = [];
      r.emergency = [];
    }
    data.fallback = OLD_FALLBACK;
    const problems = lintCrisisResources(data);
    const codes: string[] = data.regions.map((r: Json) => r.code);
    for (const code of codes) expect(problems).toContain(`${code}: no emergency number`);
    for (const p of problems) expect(p).toMatch(/^([A-Z]{2}|fallback|crisis data)\b/);
  });

  it('rejects input that is not crisis data at all', () => {
    expect(lintCrisisResources(null)).toEqual(['crisis data: not an object']);
    expect(lintCrisisResources({ regions: 'US' })).toEqual(
      expect.arrayContaining(['crisis data: 0 regions, need at least 15', 'fallback: missing']),
    );
  });
});
