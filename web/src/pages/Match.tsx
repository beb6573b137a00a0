// A resume against a job: the match percentage with the formula behind it,
// matched / missing / extra skills, the gaps ranked by how much the job cares,
// the ATS report recomputed with the job's keywords, the interview topics, and
// a button that starts an interview aimed at all of that.

import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../api/client';
import type { Difficulty, Interview, Job, Match, Meta, Resume } from '../api/types';
import { AtsPanel, Score100 } from '../components/docs';
import { Link } from '../components/Link';
import { Alert, Loading, PageHeader, RadioGroup, SelectField } from '../components/ui';
import { useAsync } from '../hooks';
import { categoryLabel, formatYears, importance } from '../lib/docs';
import { navigate } from '../router';
import { api, loadMeta, roleLabel } from '../session';
import { jobHref } from './Jobs';
import { resumeHref } from './Resumes';

const TOPIC_KINDS: Record<string, string> = { matched: 'matched skill', gap: 'gap', project: 'project' };

/** A sensible starting difficulty for the job's level. */
export function difficultyFor(seniority: string): Difficulty {
  if (seniority === 'senior' || seniority === 'lead') return 'hard';
  if (seniority === 'mid') return 'medium';
  return 'easy';
}

function StartInterview(props: { resumeId: string; jobId: string; job: Job | null; meta: Meta | null }) {
  const family = props.job?.analysis.role_family || props.job?.role_family || '';
  const [role, setRole] = useState(family);
  const [difficulty, setDifficulty] = useState<string>('medium');
  const [length, setLength] = useState('5');
  const [error, setError] = useState<string | null>(null);
  const [roleError, setRoleError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (family && !role) setRole(family);
    if (props.job) setDifficulty(difficultyFor(props.job.analysis.seniority));
  }, [props.job]);

  async function start(e: Event) {
    e.preventDefault();
    if (!role) {
      setRoleError('Choose the role to practise for: the job description did not say.');
      document.getElementById('match-role')?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const body = { mode: 'text', role, difficulty, length: Number(length), resume_id: numericId(props.resumeId), job_id: numericId(props.jobId) };
      const iv = await api.post<Interview>('/api/interviews', body);
      navigate(`/interviews/${encodeURIComponent(String(iv.id))}`);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  const m = props.meta;
  return (
    <section class="card start-card" aria-labelledby="start-h">
      <h2 id="start-h">Practise for this job</h2>
      <p class="hint">The interview mixes questions on the skills you share with the job, your projects and your gaps; each targeted question says why it is asked.</p>
      {error ? <Alert>{error}</Alert> : null}
      <form onSubmit={start} noValidate>
        {family ? (
          <p>
            Role: <strong data-testid="match-role">{roleLabel(family, m)}</strong> <span class="muted small">(from the job description)</span>
          </p>
        ) : m ? (
          <SelectField
            id="match-role"
            label="Role"
            value={role}
            onValue={(v) => {
              setRole(v);
              setRoleError(undefined);
            }}
            placeholder="Choose a role"
            options={m.roles.map((r) => ({ value: r.id, label: r.label }))}
            error={roleError}
          />
        ) : null}
        {m ? (
          <>
            <RadioGroup
              name="match-difficulty"
              legend="Difficulty"
              value={difficulty}
              onValue={setDifficulty}
              options={m.difficulties.map((d) => ({ value: d, label: d[0]!.toUpperCase() + d.slice(1) }))}
            />
            <RadioGroup name="match-length" legend="Length" value={length} onValue={setLength} options={m.lengths.map((n) => ({ value: String(n), label: `${n} questions` }))} />
          </>
        ) : null}
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Starting…' : 'Start an interview on this'}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Ids go back to the server as numbers when they are numbers (the API's ids are integers). */
function numericId(id: string): number | string {
  return /^\d+$/.test(id) ? Number(id) : id;
}

export function MatchPage(props: { resumeId: string; jobId: string }) {
  const { resumeId, jobId } = props;
  const match = useAsync(() => api.get<Match>(`/api/resumes/${encodeURIComponent(resumeId)}/match?job=${encodeURIComponent(jobId)}`), [resumeId, jobId]);
  const job = useAsync(() => api.get<Job>(`/api/jobs/${encodeURIComponent(jobId)}`), [jobId]);
  const resume = useAsync(() => api.get<Resume>(`/api/resumes/${encodeURIComponent(resumeId)}`), [resumeId]);
  const meta = useAsync(() => loadMeta(), []);
  const mt = match.data;
  const mm = mt?.match;
  const j = job.data;
  const r = resume.data;

  return (
    <>
      <PageHeader
        title="Resume and job match"
        subtitle={
          r && j ? (
            <>
              <Link href={resumeHref(resumeId)}>{r.filename || 'resume'}</Link> against <Link href={jobHref(jobId)}>{j.title || 'the job'}</Link>
            </>
          ) : undefined
        }
      />
      {match.error ? <Alert>{match.error}</Alert> : null}
      {match.loading && !mt ? <Loading label="Comparing…" /> : null}
      {mt && mm ? (
        <>
          <section class="card match-head" aria-labelledby="match-h">
            <div class="match-score">
              <Score100 value={mm.percent} unit="%" label="Match" testid="match-percent" size="lg" />
            </div>
            <div>
              <h2 id="match-h">Match</h2>
              <p class="formula" data-testid="match-formula">
                <span class="muted">How it is computed: </span>
                {mm.formula}
              </p>
              <p>
                {mm.seniority_ok ? (
                  <span class="ok-text">Your experience fits the level asked for.</span>
                ) : (
                  <span class="error-text">
                    The job asks for more experience{mm.years_short > 0 ? ` (${formatYears(mm.years_short)} more)` : ''}.
                  </span>
                )}
              </p>
            </div>
          </section>

          <div class="doc-layout">
            <div class="doc-main">
              <section class="card" aria-labelledby="skills-match-h">
                <h2 id="skills-match-h">Skills</h2>
                <h3 class="sub">Matched ({mm.matched.length})</h3>
                {mm.matched.length ? (
                  <ul class="chips" data-testid="matched">
                    {mm.matched.map((s) => (
                      <li key={s.name} class="chip chip-good">
                        <span class="sr-only">Matched: </span>
                        {s.name}
                        {s.required ? null : <span class="muted small"> (nice to have)</span>}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p class="muted">None of the job's skills were found on the resume.</p>
                )}
                <h3 class="sub">Missing ({mm.missing.length})</h3>
                {mm.missing.length ? (
                  <ul class="chips" data-testid="missing">
                    {mm.missing.map((s) => (
                      <li key={s.name} class="chip chip-missing">
                        <span class="sr-only">Missing: </span>
                        {s.name}
                        {s.required ? <span class="small"> (required)</span> : null}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p class="muted">Nothing the job asks for is missing.</p>
                )}
                <h3 class="sub">On your resume, not in the job ({mm.extra.length})</h3>
                {mm.extra.length ? (
                  <ul class="chips" data-testid="extra">
                    {mm.extra.map((s) => {
                      const name = typeof s === 'string' ? s : s.name;
                      return (
                        <li key={name} class="chip">
                          {name}
                        </li>
                      );
                    })}
                  </ul>
                ) : (
                  <p class="muted">None.</p>
                )}
              </section>

              <section class="card" aria-labelledby="gaps-h">
                <h2 id="gaps-h">Skill gaps, most important first</h2>
                {mm.gaps.length ? (
                  <ol class="gaps" data-testid="gaps">
                    {mm.gaps.map((g) => (
                      <li key={g.name}>
                        <span class="gap-name">{g.name}</span>
                        <span class="muted small">{categoryLabel(g.category)}</span>
                        <span class={`pill pill-quiet ${g.required ? 'pill-hard' : ''}`}>{importance(g)}</span>
                        <span class="weighted-weight" aria-label={`importance ${Math.round(g.weight * 100)} percent`}>
                          {Math.round(g.weight * 100)}%
                        </span>
                      </li>
                    ))}
                  </ol>
                ) : (
                  <p class="muted">No gaps: every skill the job names is on your resume.</p>
                )}
              </section>

              <section class="card" aria-labelledby="topics-h">
                <h2 id="topics-h">What the interview will cover</h2>
                {mt.topics.length ? (
                  <ul class="topics" data-testid="topics">
                    {mt.topics.map((t, i) => (
                      <li key={i}>
                        <span class={`pill pill-quiet ${t.kind === 'gap' ? 'pill-medium' : 'pill-easy'}`}>{TOPIC_KINDS[t.kind] ?? t.kind}</span> <strong>{t.skill}</strong>
                        <span class="muted"> — {t.why}</span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p class="muted">No targeted topics; the interview uses the general question bank.</p>
                )}
              </section>

              <StartInterview resumeId={resumeId} jobId={jobId} job={j} meta={meta.data} />
            </div>
            <div class="doc-side">
              <AtsPanel ats={mt.ats} headingId="ats-job-h" title="ATS score for this job" note="Keyword coverage is checked against this job's skills." />
            </div>
          </div>
        </>
      ) : null}
    </>
  );
}
