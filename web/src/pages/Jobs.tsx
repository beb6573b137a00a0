// Job descriptions: add one by pasting its text, giving its address (the
// server fetches it) or uploading the file; the list; and one job's analysis —
// required vs nice-to-have skills, seniority, role family — with a picker to
// compare it against one of my resumes.

import { useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../api/client';
import type { Job, JobSummary, Meta, ResumeSummary } from '../api/types';
import { DeleteButton, DropZone } from '../components/docs';
import { Link } from '../components/Link';
import { Alert, Empty, Loading, PageHeader, RadioGroup, SelectField, TextArea, TextField } from '../components/ui';
import { useAsync } from '../hooks';
import { categoryLabel, formatYears, JOB_TEXT_MAX, jobTextProblem, jobUrlProblem, seniorityLabel, splitJobSkills, uploadProblem } from '../lib/docs';
import { formatDate } from '../lib/time';
import { navigate } from '../router';
import { api, loadMeta, roleLabel } from '../session';
import { refusalOf, RefusalAlert, type Refusal } from './Resumes';

const SOURCES: Record<string, string> = { text: 'pasted', url: 'web address', file: 'file' };

export function jobHref(id: JobSummary['id']): string {
  return `/jobs/${encodeURIComponent(String(id))}`;
}

type Mode = 'text' | 'url' | 'file';

function AddJob(props: { onAdded: (j: Job) => void }) {
  const [mode, setMode] = useState<Mode>('text');
  const [text, setText] = useState('');
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(body: () => Promise<Job>) {
    setRefusal(null);
    setBusy(true);
    try {
      props.onAdded(await body());
    } catch (err) {
      if (err instanceof ApiError && err.field && err.status === 400) setFieldError(err.message);
      else setRefusal(refusalOf(err));
      setBusy(false);
    }
  }

  function submit(e: Event) {
    e.preventDefault();
    const problem = mode === 'text' ? jobTextProblem(text) : mode === 'url' ? jobUrlProblem(url) : null;
    setFieldError(problem);
    if (problem) {
      document.getElementById(mode === 'text' ? 'job-text' : 'job-url')?.focus();
      return;
    }
    if (mode === 'text') void send(() => api.post<Job>('/api/jobs', title.trim() ? { text, title: title.trim() } : { text }));
    else if (mode === 'url') void send(() => api.post<Job>('/api/jobs', { url: url.trim() }));
  }

  function uploadFile(f: File) {
    const problem = uploadProblem(f);
    setFieldError(problem);
    if (problem) return;
    void send(() => api.upload<Job>(`/api/jobs?filename=${encodeURIComponent(f.name)}`, f, f.type && f.type !== 'application/json' ? f.type : 'application/octet-stream'));
  }

  return (
    <section class="card" aria-labelledby="add-job-h">
      <h2 id="add-job-h">Add a job description</h2>
      <RadioGroup
        name="job-source"
        legend="How"
        value={mode}
        onValue={(v) => {
          setMode(v as Mode);
          setFieldError(null);
          setRefusal(null);
        }}
        options={[
          { value: 'text', label: 'Paste text' },
          { value: 'url', label: 'Web address' },
          { value: 'file', label: 'Upload a file' },
        ]}
      />
      {mode === 'file' ? (
        <DropZone
          id="job-file"
          label="Choose a job description file"
          hint="PDF, DOCX or plain text, up to 10 MiB — or drop the file here."
          accept=".pdf,.docx,.txt,.md,.html,.htm"
          disabled={busy}
          error={fieldError}
          onFile={uploadFile}
        />
      ) : (
        <form onSubmit={submit} noValidate>
          {mode === 'text' ? (
            <>
              <TextField id="job-title" label="Title (optional)" value={title} onValue={setTitle} placeholder="Backend engineer, Payments" />
              <TextArea
                id="job-text"
                label="Job description"
                rows={10}
                maxLength={JOB_TEXT_MAX}
                value={text}
                onValue={(v) => {
                  setText(v);
                  if (fieldError) setFieldError(null);
                }}
                hint="The whole posting: responsibilities, requirements and nice-to-haves (50 to 100,000 characters)."
                error={fieldError ?? undefined}
              />
            </>
          ) : (
            <TextField
              id="job-url"
              label="Address of the job posting"
              type="url"
              value={url}
              onValue={(v) => {
                setUrl(v);
                if (fieldError) setFieldError(null);
              }}
              placeholder="https://careers.example.com/jobs/123"
              hint="The server fetches the page (http or https, public addresses only, 10 s, 2 MiB) and keeps its text."
              error={fieldError ?? undefined}
            />
          )}
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {busy ? 'Analysing…' : mode === 'url' ? 'Fetch and analyse' : 'Analyse job description'}
            </button>
          </div>
        </form>
      )}
      {busy && mode === 'file' ? <Loading label="Reading the file…" /> : null}
      {refusal ? <RefusalAlert refusal={refusal} /> : null}
    </section>
  );
}

export function JobsPage() {
  const list = useAsync(() => api.get<{ items: JobSummary[] }>('/api/jobs'), []);
  const meta = useAsync(() => loadMeta(), []);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const items = list.data?.items ?? [];

  async function remove(j: JobSummary) {
    setDeleteError(null);
    try {
      await api.delete(`/api/jobs/${encodeURIComponent(String(j.id))}`);
      list.reload();
    } catch (err) {
      setDeleteError(errorMessage(err));
    }
  }

  return (
    <>
      <PageHeader title="Job descriptions" subtitle="Add the jobs you are applying for, then compare a resume with them and practise for them." />
      <AddJob onAdded={(j) => navigate(jobHref(j.id))} />
      <section class="card" aria-labelledby="jobs-h">
        <h2 id="jobs-h">My job descriptions</h2>
        {list.error ? <Alert>{list.error}</Alert> : null}
        {deleteError ? <Alert>{deleteError}</Alert> : null}
        {list.loading && !list.data ? (
          <Loading />
        ) : items.length ? (
          <div class="table-wrap">
            <table class="table stack" data-testid="job-list">
              <caption class="sr-only">Your job descriptions</caption>
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Role</th>
                  <th scope="col">Seniority</th>
                  <th scope="col" class="num">
                    Skills
                  </th>
                  <th scope="col">Added</th>
                  <th scope="col">
                    <span class="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((j) => (
                  <tr key={String(j.id)}>
                    <td data-label="Title">
                      <Link href={jobHref(j.id)}>{j.title || 'Untitled job'}</Link>
                      <span class="muted small"> · {SOURCES[j.source] ?? j.source}</span>
                    </td>
                    <td data-label="Role">{j.role_family ? roleLabel(j.role_family, meta.data) : <span class="muted">—</span>}</td>
                    <td data-label="Seniority">{seniorityLabel(j.seniority)}</td>
                    <td class="num" data-label="Skills">
                      {j.skills}
                    </td>
                    <td data-label="Added">{formatDate(j.created_at)}</td>
                    <td class="row-action">
                      <DeleteButton what={j.title || 'this job description'} onConfirm={() => void remove(j)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Empty title="No job descriptions yet">
            <p>Add one above to compare your resume with it.</p>
          </Empty>
        )}
      </section>
    </>
  );
}

function JobSkillList(props: { skills: Job['analysis']['skills']; testid: string; empty: string }) {
  if (!props.skills.length) return <p class="muted">{props.empty}</p>;
  return (
    <ul class="weighted" data-testid={props.testid}>
      {props.skills.map((s) => (
        <li key={s.name}>
          <span class="weighted-name">{s.name}</span>
          <span class="muted small">{categoryLabel(s.category)}</span>
          <span class="weighted-weight" aria-label={`importance ${Math.round(s.weight * 100)} percent`}>
            {Math.round(s.weight * 100)}%
          </span>
        </li>
      ))}
    </ul>
  );
}

function CompareWithResume(props: { jobId: string }) {
  const resumes = useAsync(() => api.get<{ items: ResumeSummary[] }>('/api/resumes'), []);
  const [rid, setRid] = useState('');
  const items = resumes.data?.items ?? [];
  const chosen = rid || (items[0] ? String(items[0].id) : '');
  return (
    <section class="card" aria-labelledby="compare-resume-h">
      <h2 id="compare-resume-h">Compare with my resume</h2>
      {resumes.error ? <Alert>{resumes.error}</Alert> : null}
      {resumes.loading && !resumes.data ? (
        <Loading />
      ) : items.length ? (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen) navigate(`/resumes/${encodeURIComponent(chosen)}/match/${encodeURIComponent(props.jobId)}`);
          }}
        >
          <SelectField
            id="compare-resume"
            label="Resume"
            value={chosen}
            onValue={setRid}
            options={items.map((r) => ({ value: String(r.id), label: `${r.filename || 'resume'} · ${formatDate(r.created_at)}` }))}
          />
          <button type="submit" class="btn btn-primary">
            Compare
          </button>
        </form>
      ) : (
        <p class="muted">
          <Link href="/resumes">Upload a resume</Link> to see how you match this job.
        </p>
      )}
    </section>
  );
}

export function JobDetailPage(props: { id: string }) {
  const job = useAsync(() => api.get<Job>(`/api/jobs/${encodeURIComponent(props.id)}`), [props.id]);
  const meta = useAsync<Meta>(() => loadMeta(), []);
  const j = job.data;
  const split = j ? splitJobSkills(j.analysis.skills) : null;
  return (
    <>
      <PageHeader
        title={j?.title || 'Job description'}
        subtitle={j ? `Added ${formatDate(j.created_at)} · ${SOURCES[j.source] ?? j.source}${j.url ? ` · ${j.url}` : ''}` : undefined}
        actions={
          <Link href="/jobs" class="btn btn-secondary">
            All jobs
          </Link>
        }
      />
      {job.error ? <Alert>{job.error}</Alert> : null}
      {job.loading && !j ? <Loading /> : null}
      {j && split ? (
        <>
          <section class="stats" aria-label="Summary">
            <div class="stat card">
              <span class="stat-label">Role family</span>
              <span class="stat-value stat-text" data-testid="job-role">
                {j.analysis.role_family ? roleLabel(j.analysis.role_family, meta.data) : 'not recognised'}
              </span>
            </div>
            <div class="stat card">
              <span class="stat-label">Seniority</span>
              <span class="stat-value stat-text">{seniorityLabel(j.analysis.seniority)}</span>
              {j.analysis.min_years > 0 ? <span class="muted small">at least {formatYears(j.analysis.min_years)}</span> : null}
            </div>
            <div class="stat card">
              <span class="stat-label">Skills asked for</span>
              <span class="stat-value">{j.analysis.skills.length}</span>
            </div>
          </section>
          <CompareWithResume jobId={props.id} />
          <div class="columns">
            <section class="card" aria-labelledby="req-h">
              <h2 id="req-h">Required ({split.required.length})</h2>
              <JobSkillList skills={split.required} testid="job-required" empty="No required skills were recognised." />
            </section>
            <section class="card" aria-labelledby="nice-h">
              <h2 id="nice-h">Nice to have ({split.nice.length})</h2>
              <JobSkillList skills={split.nice} testid="job-nice" empty="No nice-to-have skills were recognised." />
            </section>
          </div>
          <p class="hint">Importance comes from where and how often a skill is mentioned in the posting.</p>
          <details class="card doc-text">
            <summary>Text of the job description</summary>
            <pre class="plain">{j.text}</pre>
          </details>
        </>
      ) : null}
    </>
  );
}
