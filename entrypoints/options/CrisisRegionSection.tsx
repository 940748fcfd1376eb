import { useId } from 'react';
import {
  CRISIS_RESOURCES,
  type CrisisResources,
  crisisChoice,
  regionsByName,
} from '../../lib/glossary/crisis-resources';
import type { CrisisRegion as RegionSetting } from '../../lib/settings/settings';

/**
 * "My country is not listed": CLDR's code for an unknown region. As a setting
 * it is a choice like any other, so the browser's language is not used to
 * guess, and the crisis box shows the fallback (no number, a helpline directory).
 */
export const NOT_LISTED_REGION = 'ZZ';

export interface CrisisRegionSectionProps {
  /** The `crisisRegion` setting: 'auto' or a two-letter code. */
  value: RegionSetting;
  /** The browser's language tags, for saying what "automatic" picks today. */
  browserLocales: readonly string[];
  onChange(value: RegionSetting): void;
  /** Defaults to the bundled data. */
  data?: CrisisResources | null;
}

function autoSays(data: CrisisResources | null, browserLocales: readonly string[]): string {
  const region = data ? crisisChoice(browserLocales, data).region : null;
  return region
    ? `Right now it suggests ${region.name}.`
    : 'Right now it cannot tell, so you will see "call your local emergency number" and a helpline directory instead of numbers.';
}

/** The region picker: which country's crisis and support numbers are shown. */
export function CrisisRegionSection({
  value,
  browserLocales,
  onChange,
  data = CRISIS_RESOURCES,
}: CrisisRegionSectionProps) {
  const id = useId();
  const hintId = useId();
  const regions = regionsByName(data);
  // A stored code this build does not list (from another version, a backup or sync) stays visible as it is.
  const unknown = value !== 'auto' && value !== NOT_LISTED_REGION && !regions.some((r) => r.code === value);
  return (
    <div className="kl-crisis-region">
      <label className="kl-field-label" htmlFor={id}>
        Country for crisis and support numbers
      </label>
      <select
        id={id}
        className="kl-select"
        value={value}
        aria-describedby={hintId}
        onChange={(e) => onChange(e.currentTarget.value)}
      >
        <option value="auto">Automatic (from your browser's language)</option>
        {regions.map((r) => (
          <option key={r.code} value={r.code}>
            {r.name}
          </option>
        ))}
        <option value={NOT_LISTED_REGION}>My country is not listed</option>
        {unknown && <option value={value}>{value} (not listed: no numbers shown)</option>}
      </select>
      <p id={hintId} className="kl-hint">
        Automatic is only a suggestion: your browser's language tells where you are from, not where you are.{' '}
        {value === 'auto' && autoSays(data, browserLocales)} If you choose a country, its emergency number and
        helplines are shown with crisis-related terms. If yours is not listed, you will see "call your local
        emergency number" and a link to a directory of helplines, never a guessed number. Your choice is kept
        in your browser's extension storage.
      </p>
    </div>
  );
}
