import type { Interaction, InteractionRisk } from '../lib/glossary/types';
import './styles.css';

export const RISK_LABELS: Record<InteractionRisk, string> = {
  dangerous: 'Dangerous',
  caution: 'Caution',
  low: 'Lower risk',
};

const ORDER: Record<InteractionRisk, number> = { dangerous: 0, caution: 1, low: 2 };

export interface InteractionsTableProps {
  interactions: readonly Interaction[];
}

/** Mixing risks, most dangerous first. */
export function InteractionsTable({ interactions }: InteractionsTableProps) {
  if (interactions.length === 0) return null;
  const rows = interactions
    .map((it, i) => ({ it, i }))
    .sort((a, b) => ORDER[a.it.risk] - ORDER[b.it.risk] || a.i - b.i);
  return (
    <table className="kl-interactions">
      <caption className="kl-section-title">Mixing with other substances</caption>
      <thead>
        <tr>
          <th scope="col">Substance</th>
          <th scope="col">Risk</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ it, i }) => (
          <tr key={i} data-risk={it.risk}>
            <th scope="row">{it.substance}</th>
            <td>
              <span className={`kl-risk kl-risk--${it.risk}`}>{RISK_LABELS[it.risk]}</span>
            </td>
            <td>{it.why}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
