import { useId } from 'react';
import './styles.css';

export interface SwitchProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  /** One line under the label, e.g. "example.com" or why the switch is inactive. */
  description?: string;
}

/** An on/off switch: a button with role="switch" and aria-checked (ARIA APG switch pattern). */
export function Switch({ label, checked, onChange, disabled = false, description }: SwitchProps) {
  const labelId = useId();
  const descId = useId();
  return (
    <div className="kl-switch-row">
      <span className="kl-switch-text">
        <span id={labelId} className="kl-switch-label">
          {label}
        </span>
        {description && (
          <span id={descId} className="kl-switch-desc">
            {description}
          </span>
        )}
      </span>
      <button
        type="button"
        role="switch"
        className="kl-switch"
        aria-checked={checked}
        aria-labelledby={labelId}
        aria-describedby={description ? descId : undefined}
        disabled={disabled}
        onClick={() => onChange(!checked)}
      >
        <span className="kl-switch-state" aria-hidden="true">
          {checked ? 'On' : 'Off'}
        </span>
      </button>
    </div>
  );
}
