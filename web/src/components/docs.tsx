// Pieces shared by the resume, job and match pages: the ATS report with every
// check, 0–100 score badges, grouped skill chips, the upload drop zone and an
// inline delete confirmation. Scores are always written as numbers; colour is
// only a hint.

import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Ats } from '../api/types';
import { atsChecks, atsSummary, band100, formatPercent, groupSkills } from '../lib/docs';

/** A 0–100 score as a badge, e.g. "72/100" or "72%". */
export function Score100(props: { value: number; unit?: '%' | '/100'; testid?: string; label: string; size?: 'sm' | 'lg' }) {
  const v = formatPercent(props.value);
  const unit = props.unit ?? '/100';
  return (
    <span class={`score score-${band100(props.value)} score-${props.size ?? 'sm'}`} aria-label={`${props.label}: ${v}${unit === '%' ? ' percent' : ' out of 100'}`}>
      <span data-testid={props.testid}>{v}</span>
      <span class="score-max">{unit}</span>
    </span>
  );
}

/** A thin bar, drawn in SVG (no style attributes under the CSP). */
export function Bar(props: { pct: number; tone: string }) {
  const pct = Math.max(0, Math.min(100, props.pct));
  return (
    <svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect x="0" y="0" width="100" height="6" rx="3" class="track" />
      <rect x="0" y="0" width={pct} height="6" rx="3" class={`fill fill-${props.tone}`} />
    </svg>
  );
}

const STATUS_WORDS = { pass: 'Passed', partial: 'Partly', fail: 'Failed' } as const;

/** The ATS score and every check with points/max, the reason, and what to do about it. */
export function AtsPanel(props: { ats: Ats; title?: string; note?: ComponentChildren; headingId: string }) {
  const checks = atsChecks(props.ats);
  return (
    <section class="card ats" aria-labelledby={props.headingId} data-testid="ats">
      <div class="ats-head">
        <div>
          <h2 id={props.headingId}>{props.title ?? 'ATS score'}</h2>
          <p class="hint">{atsSummary(props.ats)}</p>
          {props.note ? <p class="hint">{props.note}</p> : null}
        </div>
        <Score100 value={props.ats.score} label="ATS score" testid="ats-score" size="lg" />
      </div>
      <ol class="ats-checks">
        {checks.map((c) => (
          <li key={c.id} class={`ats-check ats-${c.status}`} data-testid="ats-check" data-check={c.id}>
            <div class="ats-check-head">
              <span class="ats-status" aria-hidden="true" />
              <span class="ats-label">
                <span class="sr-only">{STATUS_WORDS[c.status]}: </span>
                {c.label}
              </span>
              <span class="ats-tally" aria-label={`${c.tally.replace('/', ' of ')} points`}>
                {c.tally}
              </span>
            </div>
            <Bar pct={c.pct} tone={c.status === 'pass' ? 'good' : c.status === 'partial' ? 'fair' : 'weak'} />
            {c.reason ? <p class="ats-reason">{c.reason}</p> : null}
            {c.suggestion ? (
              <p class="ats-suggestion">
                <strong>Suggestion:</strong> {c.suggestion}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Skills grouped by category, each chip with its mention count when given. */
export function SkillGroups(props: { skills: { name: string; category: string; count?: number }[]; testid?: string; empty?: string }) {
  const groups = groupSkills(props.skills);
  if (!groups.length) return <p class="muted">{props.empty ?? 'No known skills were found.'}</p>;
  return (
    <dl class="skill-groups" data-testid={props.testid}>
      {groups.map((g) => (
        <div key={g.category} class="skill-group">
          <dt>{g.label}</dt>
          <dd>
            <ul class="chips">
              {g.skills.map((s) => (
                <li key={s.name} class="chip" data-testid="skill">
                  {s.name}
                  {s.count && s.count > 1 ? (
                    <span class="chip-count" aria-label={`mentioned ${s.count} times`}>
                      ×{s.count}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A file input that also accepts a dropped file. The native input stays in the
 * tab order (keyboard and screen readers use it as usual); the zone around it
 * is the drop target.
 */
export function DropZone(props: { id: string; label: string; hint: string; accept: string; disabled?: boolean; error?: string | null; onFile: (f: File) => void }) {
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const describedBy = `${props.id}-hint${props.error ? ` ${props.id}-error` : ''}`;
  return (
    <div
      class={`dropzone${over ? ' dropzone-over' : ''}${props.error ? ' has-error' : ''}`}
      data-testid="dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const f = e.dataTransfer?.files?.[0];
        if (f && !props.disabled) props.onFile(f);
      }}
    >
      <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
        <path d="M12 16V4M7 9l5-5 5 5M4 16v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3" class="icon-stroke" />
      </svg>
      <label for={props.id} class="dropzone-label">
        {props.label}
      </label>
      <p class="hint" id={`${props.id}-hint`}>
        {props.hint}
      </p>
      <input
        id={props.id}
        ref={input}
        type="file"
        accept={props.accept}
        disabled={props.disabled}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
        onChange={(e) => {
          const el = e.currentTarget as HTMLInputElement;
          const f = el.files?.[0];
          if (f) props.onFile(f);
          el.value = ''; // choosing the same file again still fires
        }}
      />
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`} role="alert">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** "Delete" that asks once before doing it. */
export function DeleteButton(props: { what: string; onConfirm: () => void; busy?: boolean }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" class="btn btn-ghost btn-sm" onClick={() => setAsking(true)} disabled={props.busy}>
        Delete<span class="sr-only"> {props.what}</span>
      </button>
    );
  }
  return (
    <span class="confirm" role="group" aria-label={`Confirm deleting ${props.what}`}>
      <span>Delete {props.what}?</span>
      <button
        type="button"
        class="btn btn-danger btn-sm"
        onClick={() => {
          setAsking(false);
          props.onConfirm();
        }}
      >
        Yes, delete
      </button>
      <button type="button" class="btn btn-ghost btn-sm" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
