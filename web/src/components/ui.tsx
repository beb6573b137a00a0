// Small presentational building blocks. Every input gets a visible <label>,
// its error is tied to it with aria-describedby, and errors are announced.

import type { ComponentChildren } from 'preact';
import { useTitle } from '../hooks';
import { formatScore } from '../lib/time';

export function PageHeader(props: { title: string; subtitle?: ComponentChildren; actions?: ComponentChildren }) {
  useTitle(props.title);
  return (
    <div class="page-header">
      <div>
        {/* tabIndex -1: the app moves focus here after navigation so screen readers announce the page. */}
        <h1 tabIndex={-1}>{props.title}</h1>
        {props.subtitle ? <p class="subtitle">{props.subtitle}</p> : null}
      </div>
      {props.actions ? <div class="page-actions">{props.actions}</div> : null}
    </div>
  );
}

interface InputProps {
  type?: string;
  autoComplete?: string;
  required?: boolean;
  placeholder?: string;
}

export function TextField(
  props: InputProps & { id: string; label: string; value: string; onValue: (v: string) => void; error?: string | undefined; hint?: ComponentChildren },
) {
  const { id, label, value, onValue, error, hint, ...rest } = props;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={id}
        value={value}
        onInput={(e) => onValue((e.currentTarget as HTMLInputElement).value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        {...rest}
      />
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function TextArea(props: {
  id: string;
  label: string;
  value: string;
  onValue: (v: string) => void;
  error?: string | undefined;
  hint?: ComponentChildren;
  rows?: number;
  maxLength?: number;
  required?: boolean;
}) {
  const { id, label, value, onValue, error, hint } = props;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        name={id}
        rows={props.rows ?? 4}
        maxLength={props.maxLength}
        required={props.required}
        value={value}
        onInput={(e) => onValue((e.currentTarget as HTMLTextAreaElement).value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function SelectField(props: {
  id: string;
  label: string;
  value: string;
  onValue: (v: string) => void;
  options: { value: string; label: string }[];
  error?: string | undefined;
  placeholder?: string;
}) {
  const { id, label, value, onValue, options, error } = props;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      <select
        id={id}
        name={id}
        value={value}
        onChange={(e) => onValue((e.currentTarget as HTMLSelectElement).value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A group of radio buttons drawn as a segmented control; arrow keys work natively. */
export function RadioGroup(props: {
  name: string;
  legend: string;
  value: string;
  onValue: (v: string) => void;
  options: { value: string; label: string; hint?: string }[];
}) {
  return (
    <fieldset class="radio-group">
      <legend>{props.legend}</legend>
      <div class="segments">
        {props.options.map((o) => (
          <label key={o.value} class={`segment${props.value === o.value ? ' selected' : ''}`}>
            <input
              type="radio"
              name={props.name}
              value={o.value}
              checked={props.value === o.value}
              onChange={() => props.onValue(o.value)}
            />
            <span class="segment-label">{o.label}</span>
            {o.hint ? <span class="segment-hint">{o.hint}</span> : null}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function Alert(props: { kind?: 'error' | 'info' | 'success'; children: ComponentChildren }) {
  const kind = props.kind ?? 'error';
  return (
    <div class={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </div>
  );
}

export function Loading(props: { label?: string }) {
  return (
    <div class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {props.label ?? 'Loading…'}
    </div>
  );
}

export function Empty(props: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <p class="empty-title">{props.title}</p>
      {props.children}
    </div>
  );
}

/** Score badge coloured by band; the number is always written out, colour is only a hint. */
export function Score(props: { value: number | null | undefined; size?: 'sm' | 'lg'; testid?: string; label?: string }) {
  const v = props.value;
  const band = v === null || v === undefined ? 'none' : v >= 7 ? 'good' : v >= 4 ? 'fair' : 'weak';
  return (
    <span class={`score score-${band} score-${props.size ?? 'sm'}`} data-testid={props.testid} aria-label={props.label ? `${props.label}: ${formatScore(v)} out of 10` : undefined}>
      {formatScore(v)}
      {props.size === 'lg' ? <span class="score-max">/10</span> : null}
    </span>
  );
}

/** A labelled horizontal bar for a 0–10 sub-score. */
export function ScoreBar(props: { label: string; value: number | null }) {
  const v = props.value;
  const pct = v === null ? 0 : Math.max(0, Math.min(100, v * 10));
  return (
    <div class="scorebar">
      <span class="scorebar-label">{props.label}</span>
      <svg class="scorebar-track" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <rect x="0" y="0" width="100" height="8" rx="4" class="track" />
        <rect x="0" y="0" width={pct} height="8" rx="4" class={`fill fill-${v === null ? 'none' : v >= 7 ? 'good' : v >= 4 ? 'fair' : 'weak'}`} />
      </svg>
      <span class="scorebar-value">{v === null ? 'n/a' : formatScore(v)}</span>
    </div>
  );
}
