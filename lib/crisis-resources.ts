// Crisis lines by region, from data/crisis-resources.json, and the choice of
// which region to show first (from the browser's language tags).
//
// A wrong number is the worst error this product can make, so the data is
// validated here (anything malformed is dropped, never guessed at) and the
// dialable part of a number is kept separate from its display text.

export interface CrisisService {
  name: string;
  /** Display text, e.g. "Call or text 988". */
  contact: string;
  /** Number to dial, e.g. "988" or "116 123". Only digits, spaces, dashes and a leading + survive validation. */
  tel?: string;
  /** Number to text. Same rules as `tel`. */
  sms?: string;
  /** https only. */
  url?: string;
  hours?: string;
}

export interface CrisisSource {
  title: string;
  url: string;
}

export interface CrisisRegion {
  /** ISO 3166-1 alpha-2, upper case ("US", "GB", "IE", "CA"). */
  code: string;
  name: string;
  /** Emergency number(s), e.g. "911" or "999 or 112". */
  emergency: string;
  services: CrisisService[];
  sources: CrisisSource[];
  note?: string;
}

/** Shown when the reader's region is unknown. */
export interface CrisisFallback {
  name: string;
  emergency?: string;
  services: CrisisService[];
  sources: CrisisSource[];
  note?: string;
}

export interface CrisisResources {
  regions: CrisisRegion[];
  fallback: CrisisFallback;
}

const DIALABLE = /^\+?[0-9][0-9 -]*[0-9]$|^[0-9]$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}
function httpsUrl(v: unknown): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  try {
    return new URL(s).protocol === 'https:' ? s : undefined;
  } catch {
    return undefined;
  }
}
function dialable(v: unknown): string | undefined {
  const s = typeof v === 'number' ? String(v) : str(v);
  return s && DIALABLE.test(s) ? s : undefined;
}

function parseService(raw: unknown): CrisisService | null {
  if (!isObject(raw)) return null;
  const name = str(raw.name);
  const contact = str(raw.contact);
  if (!name || !contact) return null;
  const s: CrisisService = { name, contact };
  const tel = dialable(raw.tel);
  const sms = dialable(raw.sms);
  const url = httpsUrl(raw.url);
  const hours = str(raw.hours);
  if (tel) s.tel = tel;
  if (sms) s.sms = sms;
  if (url) s.url = url;
  if (hours) s.hours = hours;
  return s;
}

function parseSources(raw: unknown): CrisisSource[] {
  if (!Array.isArray(raw)) return [];
  const out: CrisisSource[] = [];
  for (const s of raw) {
    if (!isObject(s)) continue;
    const title = str(s.title);
    const url = httpsUrl(s.url);
    if (title && url) out.push({ title, url });
  }
  return out;
}

function parseServices(raw: unknown): CrisisService[] {
  return Array.isArray(raw) ? raw.map(parseService).filter((s): s is CrisisService => s !== null) : [];
}

/** Validate the JSON shape; malformed regions and services are dropped. Null if unusable. */
export function parseCrisisResources(raw: unknown): CrisisResources | null {
  if (!isObject(raw) || !Array.isArray(raw.regions) || !isObject(raw.fallback)) return null;
  const regions: CrisisRegion[] = [];
  for (const r of raw.regions) {
    if (!isObject(r)) continue;
    const code = str(r.code)?.toUpperCase();
    const name = str(r.name);
    const emergency = str(r.emergency) ?? (typeof r.emergency === 'number' ? String(r.emergency) : undefined);
    if (!code || !/^[A-Z]{2}$/.test(code) || !name || !emergency) continue;
    const region: CrisisRegion = {
      code,
      name,
      emergency,
      services: parseServices(r.services),
      sources: parseSources(r.sources),
    };
    const note = str(r.note);
    if (note) region.note = note;
    regions.push(region);
  }
  const f = raw.fallback;
  const fallback: CrisisFallback = {
    name: str(f.name) ?? 'Other countries',
    services: parseServices(f.services),
    sources: parseSources(f.sources),
  };
  const fe = str(f.emergency);
  if (fe) fallback.emergency = fe;
  const fn = str(f.note);
  if (fn) fallback.note = fn;
  return { regions, fallback };
}

/** The region subtag of a BCP 47 tag ("en-GB" → "GB", "zh-Hant-TW" → "TW", "en_us" → "US"), or null. */
export function regionOfLocale(locale: string): string | null {
  const parts = locale.trim().split(/[-_]/).slice(1);
  for (const p of parts) {
    if (/^[A-Za-z]{2}$/.test(p)) return p.toUpperCase();
    // A single-letter subtag starts extensions ("-u-", "-x-"): nothing after it is a region.
    if (p.length === 1) break;
  }
  return null;
}

/** ISO code "GB", but people (and data files) also write "UK". */
const SAME_REGION: Record<string, string> = { UK: 'GB' };
const canonical = (code: string) => SAME_REGION[code] ?? code;

/**
 * The crisis region for a browser language tag: en-US → US, en-GB → GB,
 * en-IE → IE, fr-CA → CA. Null when the tag has no region or the region is
 * not in the list: show the fallback then.
 */
export function crisisRegionFor(locale: string, regions: readonly CrisisRegion[]): CrisisRegion | null {
  const want = regionOfLocale(locale);
  if (!want) return null;
  return regions.find((r) => canonical(r.code.toUpperCase()) === canonical(want)) ?? null;
}

/**
 * First region found among the reader's language tags (navigator.languages,
 * most preferred first), else the fallback; plus every other region, in the
 * data's order, for "Other countries".
 */
export function crisisChoice(
  locales: readonly string[],
  data: CrisisResources,
): { primary: CrisisRegion | CrisisFallback; others: CrisisRegion[] } {
  let primary: CrisisRegion | null = null;
  for (const l of locales) {
    primary = crisisRegionFor(l, data.regions);
    if (primary) break;
  }
  return {
    primary: primary ?? data.fallback,
    others: data.regions.filter((r) => r !== primary),
  };
}

/** "116 123" → "tel:116123". Null for anything not dialable. */
export function telHref(number: string, scheme: 'tel' | 'sms' = 'tel'): string | null {
  const n = number.trim();
  if (!DIALABLE.test(n)) return null;
  return `${scheme}:${n.replace(/[ -]/g, '')}`;
}

/**
 * Dialable numbers in an emergency string: "999 or 112" → ["999", "112"];
 * "911" → ["911"]. Pieces that are not plain numbers are left out.
 */
export function emergencyNumbers(emergency: string): string[] {
  return emergency
    .split(/\s*(?:\/|,|;|\bor\b|\band\b)\s*/i)
    .map((s) => s.trim())
    .filter((s) => DIALABLE.test(s));
}

const files = import.meta.glob<unknown>('../data/crisis-resources.json', {
  eager: true,
  import: 'default',
});

/** The bundled data, validated; null until data/crisis-resources.json exists (then the UI shows a generic emergency line). */
export const CRISIS_RESOURCES: CrisisResources | null = parseCrisisResources(Object.values(files)[0]);

/**
 * Language tags to pick a crisis region from, honouring the `crisisRegion`
 * setting: 'auto' uses the browser's tags; a region code ("GB") goes first.
 */
export function crisisLocales(setting: string | undefined, browserLocales: readonly string[]): string[] {
  const code = setting && setting !== 'auto' && /^[A-Za-z]{2}$/.test(setting) ? setting.toUpperCase() : null;
  return code ? [`und-${code}`, ...browserLocales] : [...browserLocales];
}
