// Crisis lines by region, from data/crisis-resources.json, and the choice of
// which region to show first.
//
// A wrong number is the worst error this product can make, so:
// - lintCrisisResources() holds the content rules (tests/unit/crisis-lint.test.ts
//   runs it on the real data): every region has an emergency number and https
//   sources, every tel:/sms: value is dialable and matches its printed form,
//   and the fallback for an unlisted region never contains a number.
// - parseCrisisResources() is the runtime guard: anything malformed is dropped,
//   never guessed at.
// - The dialled form (`tel`, `sms`: digits, with + only for E.164) is kept
//   apart from the printed form (`display`), which is always shown too.

export const SERVICE_KINDS = ['emergency', 'crisis', 'young-people', 'health', 'poison', 'drugs'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export interface CrisisSource {
  title: string;
  url: string;
}
export interface CrisisPhone {
  /** Dialled form: "988", "08088088000", "+18002221222". */
  tel: string;
  /** Printed form: "0808 808 8000", "1-800-222-1222". */
  display: string;
  /** Which line, when a service has several ("TTY", "Québec", "Osaka"). */
  label?: string;
}
export interface CrisisText {
  sms: string;
  display: string;
  /** Word to send ("SHOUT"); printed, never put in the sms: link (platforms disagree on the syntax). */
  keyword?: string;
  label?: string;
}
export interface CrisisLink {
  label: string;
  url: string;
}
export interface CrisisService {
  name: string;
  kind: ServiceKind;
  /** What it is for, in a sentence or two. */
  contact: string;
  phones: CrisisPhone[];
  texts: CrisisText[];
  links: CrisisLink[];
  hours?: string;
  sources: CrisisSource[];
}
export interface EmergencyNumber {
  number: string;
  /** What it is for: "any emergency", "police", "from mobile phones". */
  label: string;
}
/** A part of a region with its own services (the UK nations: GB-ENG, GB-SCT, GB-WLS, GB-NIR). */
export interface CrisisNation {
  code: string;
  name: string;
  note?: string;
  services: CrisisService[];
  sources: CrisisSource[];
}
export interface CrisisRegion {
  /** ISO 3166-1 alpha-2, upper case ("US", "GB"). */
  code: string;
  name: string;
  emergency: EmergencyNumber[];
  emergencyNote?: string;
  services: CrisisService[];
  nations: CrisisNation[];
  note?: string;
  sources: CrisisSource[];
}
export interface HelplineDirectory {
  title: string;
  url: string;
  description?: string;
}
/** For a reader whose region is unknown or not listed: directories only, never a number. */
export interface CrisisFallback {
  directories: HelplineDirectory[];
}
export interface CrisisResources {
  regions: CrisisRegion[];
  fallback: CrisisFallback;
}

/** At least this many regions ship (the review asked for every checked region). */
export const MIN_REGIONS = 15;
/** Shown when the data is missing or has no usable directory. */
export const DEFAULT_DIRECTORY: HelplineDirectory = {
  title: 'Find A Helpline',
  url: 'https://findahelpline.com',
};

/** tel:/sms: value: a national short code or number (2–15 digits), or E.164 (+ and 7–15 digits). */
const DIALABLE = /^(?:\+[1-9]\d{6,14}|\d{2,15})$/;
const EMERGENCY = /^\d{2,4}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function isHttps(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  try {
    return new URL(v).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Why a dialled value does not match its printed form, or null. "+61477131114" prints as "0477 13 11 14". */
function dialProblem(dial: unknown, display: unknown): string | null {
  if (typeof dial !== 'string' || !DIALABLE.test(dial)) return `${JSON.stringify(dial)} is not dialable`;
  const shown = str(display);
  if (!shown) return `${dial} has no printed form`;
  const digits = shown.replace(/\D/g, '');
  const matches = dial.startsWith('+')
    ? digits.replace(/^0+/, '').length >= 4 && dial.slice(1).endsWith(digits.replace(/^0+/, ''))
    : digits === dial;
  return matches ? null : `${dial} does not match its printed form "${shown}"`;
}

// ---------------------------------------------------------------------------
// content lint

// Field names, so a typo or a field from the old format ("tel" on a service) is reported.
const REGION_KEYS = 'code name emergency emergencyNote services nations note sources verifiedAt'.split(' ');
const SERVICE_KEYS = 'name kind contact phones texts links hours sources verifiedAt'.split(' ');

function lintKeys(obj: Rec, allowed: readonly string[], where: string, out: string[]): void {
  for (const k of Object.keys(obj)) if (!allowed.includes(k)) out.push(`${where}: unknown field "${k}"`);
}

function lintSources(raw: unknown, where: string, out: string[]): void {
  const sources = list(raw);
  if (sources.length === 0) out.push(`${where}: no source`);
  sources.forEach((s, i) => {
    if (!isRec(s) || !str(s.title)) out.push(`${where}: source ${i + 1} has no title`);
    if (!isRec(s) || !isHttps(s.url)) out.push(`${where}: source ${i + 1} is not an https URL`);
  });
}

function lintService(raw: unknown, where: string, out: string[]): void {
  if (!isRec(raw)) {
    out.push(`${where}: not an object`);
    return;
  }
  const at = `${where} "${str(raw.name) ?? '(no name)'}"`;
  lintKeys(raw, SERVICE_KEYS, at, out);
  if (!str(raw.name)) out.push(`${at}: no name`);
  if (!str(raw.contact)) out.push(`${at}: no description (contact)`);
  if (!(SERVICE_KINDS as readonly unknown[]).includes(raw.kind)) out.push(`${at}: unknown kind ${raw.kind}`);
  const phones = list(raw.phones);
  const texts = list(raw.texts);
  const links = list(raw.links);
  if (phones.length + texts.length + links.length === 0) out.push(`${at}: no phone, text or link`);
  for (const p of phones) {
    lintKeys(isRec(p) ? p : {}, ['tel', 'display', 'label'], `${at} phone`, out);
    const problem = isRec(p) ? dialProblem(p.tel, p.display) : 'phone is not an object';
    if (problem) out.push(`${at}: tel ${problem}`);
  }
  for (const t of texts) {
    lintKeys(isRec(t) ? t : {}, ['sms', 'display', 'keyword', 'label'], `${at} text`, out);
    const problem = isRec(t) ? dialProblem(t.sms, t.display) : 'text is not an object';
    if (problem) out.push(`${at}: sms ${problem}`);
  }
  for (const l of links) {
    if (!isRec(l) || !str(l.label) || !isHttps(l.url))
      out.push(`${at}: a link lacks a label or an https URL`);
  }
  if (raw.hours !== undefined && !str(raw.hours)) out.push(`${at}: empty hours`);
  if (typeof raw.verifiedAt !== 'string' || !DATE.test(raw.verifiedAt)) {
    out.push(`${at}: no verifiedAt date (YYYY-MM-DD)`);
  }
  lintSources(raw.sources, at, out);
}

function lintRegion(raw: unknown, index: number, seen: Set<string>, out: string[]): void {
  const code = isRec(raw) ? str(raw.code) : undefined;
  const where = code ?? `regions[${index}]`;
  if (!isRec(raw)) {
    out.push(`${where}: not an object`);
    return;
  }
  lintKeys(raw, REGION_KEYS, where, out);
  if (!code || !/^[A-Z]{2}$/.test(code) || code === 'UK') {
    out.push(`${where}: code must be an ISO 3166-1 alpha-2 code in capitals (GB, not UK)`);
  } else if (seen.has(code)) out.push(`${where}: listed twice`);
  else seen.add(code);
  if (!str(raw.name)) out.push(`${where}: no name`);
  const emergency = list(raw.emergency);
  if (emergency.length === 0) out.push(`${where}: no emergency number`);
  for (const e of emergency) {
    if (!isRec(e) || typeof e.number !== 'string' || !EMERGENCY.test(e.number)) {
      out.push(`${where}: emergency number ${JSON.stringify(isRec(e) ? e.number : e)} is not a short code`);
    } else if (!str(e.label)) out.push(`${where}: emergency number ${e.number} has no label`);
  }
  if (typeof raw.verifiedAt !== 'string' || !DATE.test(raw.verifiedAt)) {
    out.push(`${where}: no verifiedAt date (YYYY-MM-DD)`);
  }
  lintSources(raw.sources, where, out);
  list(raw.services).forEach((s, i) => {
    lintService(s, `${where} service ${i + 1}`, out);
  });
  for (const n of list(raw.nations)) {
    const nation = isRec(n) ? n : {};
    const nc = str(nation.code);
    const at = `${where} nation ${nc ?? '(no code)'}`;
    lintKeys(nation, ['code', 'name', 'note', 'services', 'sources'], at, out);
    if (!nc || !new RegExp(`^${code}-[A-Z]{3}$`).test(nc)) out.push(`${at}: code must look like ${code}-XXX`);
    if (!str(nation.name)) out.push(`${at}: no name`);
    lintSources(nation.sources, at, out);
    list(nation.services).forEach((s, i) => {
      lintService(s, `${at} service ${i + 1}`, out);
    });
  }
}

/** Every string inside a value, with where it is. */
function* strings(v: unknown, path: string): Generator<[string, string]> {
  if (typeof v === 'string') yield [path, v];
  else if (typeof v === 'number') yield [path, String(v)];
  else if (Array.isArray(v)) for (const [i, x] of v.entries()) yield* strings(x, `${path}[${i}]`);
  else if (isRec(v)) for (const k of Object.keys(v)) yield* strings(v[k], `${path}.${k}`);
}

function lintFallback(raw: unknown, out: string[]): void {
  if (!isRec(raw)) {
    out.push('fallback: missing');
    return;
  }
  // A number here would be shown to every unlisted country (112 is wrong for
  // most of the world), so the fallback may not contain a digit anywhere.
  for (const key of ['emergency', 'services', 'tel', 'sms', 'phones', 'texts']) {
    if (Object.hasOwn(raw, key))
      out.push(`fallback: must not have "${key}" (never a number for an unknown region)`);
  }
  for (const [path, s] of strings(raw, 'fallback')) {
    if (/\d/.test(s)) out.push(`${path}: contains digits ("${s}"); the fallback must never show a number`);
  }
  const dirs = list(raw.directories);
  if (!dirs.some((d) => isRec(d) && str(d.title) && isHttps(d.url))) {
    out.push('fallback: needs at least one helpline directory with a title and an https URL');
  }
}

/**
 * The content rules for data/crisis-resources.json. Returns one line per
 * problem, each naming the region (or "fallback"); empty when the data is fit
 * to ship.
 */
export function lintCrisisResources(raw: unknown): string[] {
  const out: string[] = [];
  if (!isRec(raw)) return ['crisis data: not an object'];
  const regions = list(raw.regions);
  if (regions.length < MIN_REGIONS)
    out.push(`crisis data: ${regions.length} regions, need at least ${MIN_REGIONS}`);
  const seen = new Set<string>();
  regions.forEach((r, i) => {
    lintRegion(r, i, seen, out);
  });
  lintFallback(raw.fallback, out);
  return out;
}

// ---------------------------------------------------------------------------
// runtime parse: keep what is well formed, drop the rest

function parseSources(raw: unknown): CrisisSource[] {
  return list(raw).flatMap((s) =>
    isRec(s) && str(s.title) && isHttps(s.url) ? [{ title: str(s.title) as string, url: s.url }] : [],
  );
}

/** The optional string fields among `keys` that are non-empty. */
function opts(r: Rec, ...keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    const s = str(r[k]);
    if (s) out[k] = s;
  }
  return out;
}

function parseService(raw: unknown): CrisisService | null {
  if (!isRec(raw)) return null;
  const name = str(raw.name);
  const contact = str(raw.contact);
  const kind = raw.kind as ServiceKind;
  if (!name || !contact || !SERVICE_KINDS.includes(kind)) return null;
  // A number whose dialled and printed forms disagree is dropped: which one is wrong is unknown.
  const phones = list(raw.phones).flatMap((p) =>
    isRec(p) && !dialProblem(p.tel, p.display)
      ? [{ tel: p.tel, ...opts(p, 'display', 'label') } as CrisisPhone]
      : [],
  );
  const texts = list(raw.texts).flatMap((t) =>
    isRec(t) && !dialProblem(t.sms, t.display)
      ? [{ sms: t.sms, ...opts(t, 'display', 'keyword', 'label') } as CrisisText]
      : [],
  );
  const links = list(raw.links).flatMap((l) =>
    isRec(l) && str(l.label) && isHttps(l.url) ? [{ label: str(l.label) as string, url: l.url }] : [],
  );
  if (phones.length + texts.length + links.length === 0) return null;
  const sources = parseSources(raw.sources);
  return { name, kind, contact, phones, texts, links, ...opts(raw, 'hours'), sources };
}

const parseServices = (raw: unknown) =>
  list(raw)
    .map(parseService)
    .filter((s): s is CrisisService => s !== null);

function parseRegion(r: unknown): CrisisRegion | null {
  if (!isRec(r)) return null;
  const code = str(r.code)?.toUpperCase();
  const name = str(r.name);
  const emergency = list(r.emergency).flatMap((e) =>
    isRec(e) && typeof e.number === 'string' && EMERGENCY.test(e.number) && str(e.label)
      ? [{ number: e.number, label: str(e.label) as string }]
      : [],
  );
  // No emergency number: the reader gets the fallback rather than a region without one.
  if (!code || !/^[A-Z]{2}$/.test(code) || !name || emergency.length === 0) return null;
  const nations = list(r.nations).flatMap((n) =>
    isRec(n) && str(n.code) && str(n.name)
      ? [
          {
            ...opts(n, 'code', 'name', 'note'),
            services: parseServices(n.services),
            sources: parseSources(n.sources),
          },
        ]
      : [],
  ) as CrisisNation[];
  const services = parseServices(r.services);
  const sources = parseSources(r.sources);
  return { code, name, emergency, services, nations, sources, ...opts(r, 'emergencyNote', 'note') };
}

/** Validate the JSON shape; malformed regions and services are dropped. Null if unusable. */
export function parseCrisisResources(raw: unknown): CrisisResources | null {
  if (!isRec(raw) || !Array.isArray(raw.regions) || !isRec(raw.fallback)) return null;
  const regions = raw.regions.map(parseRegion).filter((r): r is CrisisRegion => r !== null);
  // Directory entries only: whatever else the fallback holds is never shown.
  const directories = list(raw.fallback.directories).flatMap((d) =>
    isRec(d) &&
    str(d.title) &&
    isHttps(d.url) &&
    ![d.title, d.description].some((s) => /\d/.test(String(s ?? '')))
      ? [{ title: str(d.title) as string, url: d.url, ...opts(d, 'description') }]
      : [],
  );
  return { regions, fallback: { directories: directories.length ? directories : [DEFAULT_DIRECTORY] } };
}

// ---------------------------------------------------------------------------
// choosing the region

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
 * The crisis region for a language tag: en-US → US, en-GB → GB, fr-CA → CA.
 * Null when the tag has no region (never guessed from the language alone) or
 * the region is not listed.
 */
export function crisisRegionFor(locale: string, regions: readonly CrisisRegion[]): CrisisRegion | null {
  const want = regionOfLocale(locale);
  if (!want) return null;
  return regions.find((r) => canonical(r.code.toUpperCase()) === canonical(want)) ?? null;
}

/** crisisLocales() marks the reader's own choice with the "undetermined language" subtag. */
const CHOSEN = /^und-/i;

export interface CrisisChoice {
  /** Null: unknown or unlisted region; show the fallback (no number). */
  region: CrisisRegion | null;
  /** 'setting': the reader chose it; 'browser': suggested from a language tag; null: nothing to go on. */
  from: 'setting' | 'browser' | null;
  /** The region code the reader chose, even when it is not listed. */
  chosenCode: string | null;
}

/**
 * The reader's chosen region wins, even when it is not listed (then the
 * fallback, never a guess from the browser). Otherwise the first language tag
 * with a listed region is a suggestion.
 */
export function crisisChoice(locales: readonly string[], data: CrisisResources): CrisisChoice {
  for (const l of locales) {
    if (CHOSEN.test(l)) {
      return { region: crisisRegionFor(l, data.regions), from: 'setting', chosenCode: regionOfLocale(l) };
    }
    const region = crisisRegionFor(l, data.regions);
    if (region) return { region, from: 'browser', chosenCode: null };
  }
  return { region: null, from: null, chosenCode: null };
}

/** Listed regions for a picker, by name. */
export function regionsByName(data: CrisisResources | null): CrisisRegion[] {
  return [...(data?.regions ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/** "tel:988", "sms:85258". Null for anything not dialable. */
export function telHref(number: string, scheme: 'tel' | 'sms' = 'tel'): string | null {
  return DIALABLE.test(number) ? `${scheme}:${number}` : null;
}

const files = import.meta.glob<unknown>('../../data/crisis-resources.json', {
  eager: true,
  import: 'default',
});

/** The bundled data, validated; null if the file is missing (the UI then shows the fallback). */
export const CRISIS_RESOURCES: CrisisResources | null = parseCrisisResources(Object.values(files)[0]);

/**
 * Language tags to pick a crisis region from, honouring the `crisisRegion`
 * setting: 'auto' uses the browser's tags; a chosen code ("GB") goes first as
 * "und-GB", which crisisChoice() treats as the reader's own choice.
 */
export function crisisLocales(setting: string | undefined, browserLocales: readonly string[]): string[] {
  const code = setting && setting !== 'auto' && /^[A-Za-z]{2}$/.test(setting) ? setting.toUpperCase() : null;
  return code ? [`und-${code}`, ...browserLocales] : [...browserLocales];
}
