import { CrisisResources } from '../../components/CrisisResources';

export interface AboutSectionProps {
  version: string;
  /** Language tags for choosing the crisis lines (crisisLocales() of the settings). */
  crisisLocales: readonly string[];
}

/** Version, privacy, sources and the not-medical-advice notice with crisis lines. */
export function AboutSection({ version, crisisLocales }: AboutSectionProps) {
  return (
    <div className="kl-about">
      <p>
        Ketamine Lens <span data-testid="kl-version">version {version}</span>
      </p>

      <h3 className="kl-subheading">Privacy</h3>
      <p>
        No data leaves your browser. Ketamine Lens makes no network requests, has no analytics or tracking,
        and never sends what you read or search for anywhere. Terms are found on your device, and the glossary
        is part of the extension.
      </p>
      <p>
        Your settings are kept in your browser's extension storage. If you use your browser's own sync, the
        browser copies them to your other devices, as it does for any extension.
      </p>

      <h3 className="kl-subheading">Sources</h3>
      <p>
        Every glossary entry cites its sources: health agencies such as the FDA, NIH/NIDA, the NHS and NICE,
        and peer-reviewed research first, with harm-reduction sources where they help. Each entry shows the
        date it was last reviewed.
      </p>

      <h3 className="kl-subheading">Not medical advice</h3>
      <p>
        Ketamine Lens explains words. It is not medical advice and not a substitute for a doctor, pharmacist
        or other clinician. Talk to one about your own health, treatment or medicines.
      </p>
      <CrisisResources locales={crisisLocales} headingLevel={4} />
    </div>
  );
}
