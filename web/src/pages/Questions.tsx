// Question bank for coordinators and admins: filter, search, page through,
// create, edit and retire questions. Filters live in the URL so the back
// button and shared links keep them.

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../api/client';
import type { Difficulty, FollowUp, Meta, Page, Question, QuestionType } from '../api/types';
import { Link } from '../components/Link';
import { Alert, Empty, Loading, PageHeader, SelectField, TextArea, TextField } from '../components/ui';
import { useAsync } from '../hooks';
import { formatDate } from '../lib/time';
import { toForm, toInput, type FormState } from '../lib/questionForm';
import { FOLLOW_UPS_MAX, QUESTION_TEXT_MAX, hasErrors, splitLines, validateQuestion, type FieldErrors } from '../lib/validate';
import { navigate, useLocation, withQuery } from '../router';
import { api, loadMeta, roleLabel } from '../session';

export const PER_PAGE = 20;

const TYPE_LABELS: Record<QuestionType, string> = { technical: 'Technical', behavioural: 'Behavioural', hr: 'HR' };
const TRIGGER_LABELS: Record<FollowUp['trigger'], string> = {
  missing_point: 'A talking point is missing',
  no_example: 'No concrete example',
  no_result: 'No result stated',
  shallow: 'Answer is shallow',
};

function cap(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

export function QuestionsPage() {
  const { query } = useLocation();
  const meta = useAsync(() => loadMeta(), []);
  const filters = {
    role: query.get('role') ?? '',
    difficulty: query.get('difficulty') ?? '',
    type: query.get('type') ?? '',
    status: query.get('status') ?? 'active',
    q: query.get('q') ?? '',
  };
  const page = Math.max(1, Number(query.get('page')) || 1);
  const key = withQuery('/api/questions', { ...filters, page, per_page: PER_PAGE });
  const list = useAsync(() => api.get<Page<Question>>(key), [key]);
  const [search, setSearch] = useState(filters.q);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmId, setConfirmId] = useState<Question['id'] | null>(null);
  useEffect(() => setSearch(filters.q), [filters.q]);

  const go = (changes: Record<string, string | number>) =>
    navigate(withQuery('/questions', { ...filters, status: filters.status === 'active' ? '' : filters.status, page: 1, ...changes }));

  async function retire(q: Question) {
    setError(null);
    try {
      await api.delete<Question>(`/api/questions/${encodeURIComponent(String(q.id))}`);
      setConfirmId(null);
      setNotice(`Retired “${q.text.slice(0, 60)}${q.text.length > 60 ? '…' : ''}”. Past reports keep it.`);
      list.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  const m = meta.data;
  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.per_page)) : 1;
  return (
    <>
      <PageHeader
        title="Question bank"
        subtitle="Questions the interviewer draws from. Retired questions stay in past reports."
        actions={
          <Link href="/questions/new" class="btn btn-primary">
            New question
          </Link>
        }
      />
      <form
        class="card filters"
        role="search"
        aria-label="Filter questions"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: search.trim() });
        }}
      >
        <TextField id="q" label="Search" type="search" value={search} onValue={setSearch} placeholder="Words in the question" />
        <SelectField id="f-role" label="Role" value={filters.role} onValue={(v) => go({ role: v })} placeholder="All roles" options={(m?.roles ?? []).map((r) => ({ value: r.id, label: r.label }))} />
        <SelectField id="f-difficulty" label="Difficulty" value={filters.difficulty} onValue={(v) => go({ difficulty: v })} placeholder="All" options={(m?.difficulties ?? ['easy', 'medium', 'hard']).map((d) => ({ value: d, label: cap(d) }))} />
        <SelectField id="f-type" label="Type" value={filters.type} onValue={(v) => go({ type: v })} placeholder="All" options={(m?.question_types ?? ['technical', 'behavioural', 'hr']).map((t) => ({ value: t, label: TYPE_LABELS[t] }))} />
        <SelectField
          id="f-status"
          label="Status"
          value={filters.status}
          onValue={(v) => go({ status: v })}
          options={[
            { value: 'active', label: 'Active' },
            { value: 'retired', label: 'Retired' },
            { value: 'all', label: 'All' },
          ]}
        />
        <div class="filters-submit">
          <button type="submit" class="btn btn-secondary">
            Search
          </button>
        </div>
      </form>

      {notice ? <Alert kind="success">{notice}</Alert> : null}
      {error || list.error ? <Alert>{error ?? list.error}</Alert> : null}
      <p class="result-count" role="status">
        {data ? `${data.total} question${data.total === 1 ? '' : 's'}` : ''}
      </p>
      {list.loading && !data ? (
        <Loading />
      ) : data && data.items.length ? (
        <>
          <ul class="question-list" data-testid="question-list">
            {data.items.map((q) => (
              <li key={String(q.id)} class={`card question-item${q.status === 'retired' ? ' retired' : ''}`}>
                <p class="question-item-text">{q.text}</p>
                <p class="meta-row">
                  <span class="pill">{roleLabel(q.role, m)}</span>
                  <span class={`pill pill-${q.difficulty}`}>{q.difficulty}</span>
                  <span class="pill">{TYPE_LABELS[q.type] ?? q.type}</span>
                  {q.tech.map((t) => (
                    <span key={t} class="pill pill-quiet">
                      {t}
                    </span>
                  ))}
                  <span class="muted">
                    {q.source} · {q.talking_points.length} points · updated {formatDate(q.updated_at)}
                  </span>
                  {q.status === 'retired' ? <span class="pill pill-retired">retired</span> : null}
                </p>
                <div class="item-actions">
                  <Link href={`/questions/${encodeURIComponent(String(q.id))}/edit`} class="btn btn-secondary btn-sm">
                    Edit<span class="sr-only"> question: {q.text.slice(0, 40)}</span>
                  </Link>
                  {q.status === 'active' ? (
                    confirmId === q.id ? (
                      <span class="confirm" role="group" aria-label="Confirm retiring">
                        <span>Retire this question?</span>
                        <button type="button" class="btn btn-danger btn-sm" onClick={() => void retire(q)}>
                          Retire
                        </button>
                        <button type="button" class="btn btn-ghost btn-sm" onClick={() => setConfirmId(null)}>
                          Cancel
                        </button>
                      </span>
                    ) : (
                      <button type="button" class="btn btn-ghost btn-sm" onClick={() => setConfirmId(q.id)}>
                        Retire<span class="sr-only"> question: {q.text.slice(0, 40)}</span>
                      </button>
                    )
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
          <nav class="pagination" aria-label="Pages">
            <button type="button" class="btn btn-secondary btn-sm" disabled={page <= 1} onClick={() => go({ page: page - 1 })}>
              Previous
            </button>
            <span aria-current="page">
              Page {page} of {pages}
            </span>
            <button type="button" class="btn btn-secondary btn-sm" disabled={page >= pages} onClick={() => go({ page: page + 1 })}>
              Next
            </button>
          </nav>
        </>
      ) : (
        <Empty title="No questions match">
          <p>Try fewer filters or a different search.</p>
        </Empty>
      )}
    </>
  );
}

function QuestionForm(props: { initial: Question | null; meta: Meta }) {
  const [f, setF] = useState<FormState>(() => toForm(props.initial));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof FormState>(k: K) => (v: FormState[K]) => setF({ ...f, [k]: v });
  const points = splitLines(f.talking_points);
  const editing = props.initial !== null;

  function setFollowUp(i: number, change: Partial<FollowUp>) {
    const next = f.follow_ups.map((x, j) => (j === i ? { ...x, ...change } : x));
    setF({ ...f, follow_ups: next });
  }

  async function submit(e: Event) {
    e.preventDefault();
    const input = toInput(f);
    const errs = validateQuestion(
      input,
      props.meta.roles.map((r) => r.id),
    );
    setErrors(errs);
    setBanner(null);
    if (hasErrors(errs)) {
      setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    setBusy(true);
    try {
      if (editing) await api.put<Question>(`/api/questions/${encodeURIComponent(String(props.initial!.id))}`, input);
      else await api.post<Question>('/api/questions', input);
      navigate('/questions');
    } catch (err) {
      if (err instanceof ApiError && err.field) setErrors({ [err.field.split(/[.[]/)[0]!]: err.message });
      setBanner(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} class="card form-card" onSubmit={submit} noValidate>
      {banner ? <Alert>{banner}</Alert> : null}
      <div class="grid-3">
        <SelectField id="role" label="Role" value={f.role} onValue={set('role')} placeholder="Choose…" options={props.meta.roles.map((r) => ({ value: r.id, label: r.label }))} error={errors.role} />
        <SelectField id="difficulty" label="Difficulty" value={f.difficulty} onValue={(v) => set('difficulty')(v as Difficulty)} options={props.meta.difficulties.map((d) => ({ value: d, label: cap(d) }))} error={errors.difficulty} />
        <SelectField id="type" label="Type" value={f.type} onValue={(v) => set('type')(v as QuestionType)} options={props.meta.question_types.map((t) => ({ value: t, label: TYPE_LABELS[t] }))} error={errors.type} />
      </div>
      <TextArea id="text" label="Question" rows={3} maxLength={QUESTION_TEXT_MAX} value={f.text} onValue={set('text')} error={errors.text} hint="10–1000 characters, in your own words." />
      <TextArea
        id="talking_points"
        label="Talking points"
        rows={5}
        value={f.talking_points}
        onValue={set('talking_points')}
        error={errors.talking_points}
        hint="What a strong answer covers, one point per line (1–10). Students never see these."
      />
      <div class="grid-2">
        <TextField id="keywords" label="Keywords" value={f.keywords} onValue={set('keywords')} error={errors.keywords} hint="Job-related terms, separated by commas." />
        <TextField id="tech" label="Tech stack" value={f.tech} onValue={set('tech')} error={errors.tech} hint="e.g. react, postgres (optional)." />
      </div>
      <fieldset class="followups">
        <legend>Follow-ups</legend>
        <p class="hint">Asked at most once per question, when the answer lacks what the trigger names (up to {FOLLOW_UPS_MAX}).</p>
        {errors.follow_ups ? (
          <p class="field-error" role="alert">
            {errors.follow_ups}
          </p>
        ) : null}
        {f.follow_ups.map((fu, i) => (
          <div class="followup" key={i}>
            <TextField id={`fu-text-${i}`} label={`Follow-up ${i + 1}`} value={fu.text} onValue={(v) => setFollowUp(i, { text: v })} />
            <SelectField
              id={`fu-trigger-${i}`}
              label="Ask when"
              value={fu.trigger}
              onValue={(v) => setFollowUp(i, { trigger: v as FollowUp['trigger'], point: v === 'missing_point' ? (fu.point ?? 0) : undefined })}
              options={Object.entries(TRIGGER_LABELS).map(([value, label]) => ({ value, label }))}
            />
            {fu.trigger === 'missing_point' ? (
              <SelectField
                id={`fu-point-${i}`}
                label="Missing point"
                value={String(fu.point ?? 0)}
                onValue={(v) => setFollowUp(i, { point: Number(v) })}
                options={points.map((p, j) => ({ value: String(j), label: `${j + 1}. ${p.slice(0, 60)}` }))}
              />
            ) : null}
            <button type="button" class="btn btn-ghost btn-sm" onClick={() => setF({ ...f, follow_ups: f.follow_ups.filter((_, j) => j !== i) })}>
              Remove<span class="sr-only"> follow-up {i + 1}</span>
            </button>
          </div>
        ))}
        {f.follow_ups.length < FOLLOW_UPS_MAX ? (
          <button type="button" class="btn btn-secondary btn-sm" onClick={() => setF({ ...f, follow_ups: [...f.follow_ups, { text: '', trigger: 'no_example' }] })}>
            Add follow-up
          </button>
        ) : null}
      </fieldset>
      <div class="form-actions">
        <Link href="/questions" class="btn btn-ghost">
          Cancel
        </Link>
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : editing ? 'Save changes' : 'Create question'}
        </button>
      </div>
    </form>
  );
}

export function QuestionEditPage(props: { id: string | null }) {
  const meta = useAsync(() => loadMeta(), []);
  const q = useAsync(() => (props.id ? api.get<Question>(`/api/questions/${encodeURIComponent(props.id)}`) : Promise.resolve(null)), [props.id]);
  const error = meta.error ?? q.error;
  return (
    <>
      <PageHeader title={props.id ? 'Edit question' : 'New question'} subtitle={<Link href="/questions">← Back to the question bank</Link>} />
      {error ? <Alert>{error}</Alert> : null}
      {meta.loading || q.loading ? <Loading /> : meta.data && !q.error ? <QuestionForm initial={q.data} meta={meta.data} /> : null}
    </>
  );
}
