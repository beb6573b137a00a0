// Resumes: upload (file input or drag and drop), the list of my resumes, and
// one resume's analysis — contact, sections, experience, education, skills,
// layout facts and the ATS score with every check — with a picker to compare
// it against a saved job description.

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../api/client';
import type { JobSummary, Resume, ResumeSummary } from '../api/types';
import { AtsPanel, DeleteButton, DropZone, Score100, SkillGroups } from '../components/docs';
import { Link } from '../components/Link';
import { Alert, Empty, Loading, PageHeader, SelectField } from '../components/ui';
import { useAsync } from '../hooks';
import { bulletStats, degreeLevel, formatSpan, formatYears, sectionLabel, seniorityLabel, uploadProblem, uploadRefusal } from '../lib/docs';
import { formatDate } from '../lib/time';
import { navigate } from '../router';
import { api } from '../session';

const ACCEPT = '.pdf,.docx,.txt,.md,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain';
const FORMAT_NAMES: Record<string, string> = { pdf: 'PDF', docx: 'DOCX', text: 'Text', html: 'HTML' };

export function resumeHref(id: ResumeSummary['id']): string {
  return `/resumes/${encodeURIComponent(String(id))}`;
}

/** An upload refused by the server, titled by what went wrong. */
export interface Refusal {
  title: string;
  message: string;
}

export function refusalOf(err: unknown): Refusal {
  if (err instanceof ApiError) return { title: uploadRefusal(err.code), message: errorMessage(err) };
  return { title: uploadRefusal(''), message: errorMessage(err) };
}

export function RefusalAlert(props: { refusal: Refusal }) {
  return (
    <Alert>
      <strong data-testid="refusal-title">{props.refusal.title}.</strong> <span data-testid="refusal-message">{props.refusal.message}</span>
    </Alert>
  );
}

export function ResumesPage() {
  const list = useAsync(() => api.get<{ items: ResumeSummary[] }>('/api/resumes'), []);
  const [busy, setBusy] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  async function upload(file: File) {
    setRefusal(null);
    const problem = uploadProblem(file);
    setLocalError(problem);
    if (problem) return;
    setBusy(file.name);
    try {
      const r = await api.upload<Resume>(`/api/resumes?filename=${encodeURIComponent(file.name)}`, file, file.type || 'application/octet-stream');
      navigate(resumeHref(r.id));
    } catch (err) {
      setRefusal(refusalOf(err));
      setBusy(null);
    }
  }

  async function remove(r: ResumeSummary) {
    setDeleteError(null);
    try {
      await api.delete(`/api/resumes/${encodeURIComponent(String(r.id))}`);
      list.reload();
    } catch (err) {
      setDeleteError(errorMessage(err));
    }
  }

  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeader title="Resumes" subtitle="Upload your resume to see what an applicant tracking system reads, your skills, and how you match a job." />
      <section class="card" aria-labelledby="upload-h">
        <h2 id="upload-h">Upload a resume</h2>
        <DropZone
          id="resume-file"
          label="Choose a resume file"
          hint="PDF, DOCX or plain text, up to 10 MiB — or drop the file here. The type is checked from the content."
          accept={ACCEPT}
          disabled={busy !== null}
          error={localError}
          onFile={(f) => void upload(f)}
        />
        {busy ? <Loading label={`Reading ${busy}…`} /> : null}
        {refusal ? <RefusalAlert refusal={refusal} /> : null}
      </section>

      <section class="card" aria-labelledby="resumes-h">
        <h2 id="resumes-h">My resumes</h2>
        {list.error ? <Alert>{list.error}</Alert> : null}
        {deleteError ? <Alert>{deleteError}</Alert> : null}
        {list.loading && !list.data ? (
          <Loading />
        ) : items.length ? (
          <div class="table-wrap">
            <table class="table stack" data-testid="resume-list">
              <caption class="sr-only">Your resumes, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Uploaded</th>
                  <th scope="col" class="num">
                    Experience
                  </th>
                  <th scope="col" class="num">
                    Skills
                  </th>
                  <th scope="col" class="num">
                    ATS score
                  </th>
                  <th scope="col">
                    <span class="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={String(r.id)}>
                    <td data-label="File">
                      <Link href={resumeHref(r.id)}>{r.filename || 'resume'}</Link>
                      <span class="muted small">
                        {' '}
                        {r.name ? `· ${r.name}` : ''} · {FORMAT_NAMES[r.format] ?? r.format}
                      </span>
                    </td>
                    <td data-label="Uploaded">{formatDate(r.created_at)}</td>
                    <td class="num" data-label="Experience">
                      {formatYears(r.years)}
                      {r.seniority && r.seniority !== 'unknown' ? <span class="muted small"> · {seniorityLabel(r.seniority)}</span> : null}
                    </td>
                    <td class="num" data-label="Skills">
                      {r.skills}
                    </td>
                    <td class="num" data-label="ATS score">
                      <Score100 value={r.ats_score} label="ATS score" />
                    </td>
                    <td class="row-action">
                      <DeleteButton what={r.filename || 'this resume'} onConfirm={() => void remove(r)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Empty title="No resumes yet">
            <p>Upload one above; it takes a second to analyse.</p>
          </Empty>
        )}
      </section>
    </>
  );
}

function Fact(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="fact">
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

function ComparePicker(props: { resumeId: string }) {
  const jobs = useAsync(() => api.get<{ items: JobSummary[] }>('/api/jobs'), []);
  const [jobId, setJobId] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const items = jobs.data?.items ?? [];
  const chosen = jobId || (items[0] ? String(items[0].id) : '');
  return (
    <section class="card" aria-labelledby="compare-h">
      <h2 id="compare-h">Compare with a job</h2>
      {jobs.error ? <Alert>{jobs.error}</Alert> : null}
      {jobs.loading && !jobs.data ? (
        <Loading />
      ) : items.length ? (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!chosen) {
              setError('Choose a job description.');
              return;
            }
            navigate(`/resumes/${encodeURIComponent(props.resumeId)}/match/${encodeURIComponent(chosen)}`);
          }}
        >
          <SelectField
            id="compare-job"
            label="Job description"
            value={chosen}
            onValue={(v) => {
              setJobId(v);
              setError(undefined);
            }}
            options={items.map((j) => ({ value: String(j.id), label: `${j.title || 'Untitled job'} · ${formatDate(j.created_at)}` }))}
            error={error}
          />
          <button type="submit" class="btn btn-primary">
            Compare
          </button>
        </form>
      ) : (
        <p class="muted">
          No job descriptions yet. <Link href="/jobs">Add one</Link> — paste it, give its address, or upload the file.
        </p>
      )}
      {items.length ? (
        <p class="hint">
          Or <Link href="/jobs">add another job description</Link>.
        </p>
      ) : null}
    </section>
  );
}

export function ResumeDetailPage(props: { id: string }) {
  const res = useAsync(() => api.get<Resume>(`/api/resumes/${encodeURIComponent(props.id)}`), [props.id]);
  const r = res.data;
  const a = r?.analysis;
  const bullets = a ? bulletStats(a) : null;
  return (
    <>
      <PageHeader
        title="Resume analysis"
        subtitle={r ? `${r.filename || 'resume'} · ${FORMAT_NAMES[r.format] ?? r.format} · uploaded ${formatDate(r.created_at)}` : undefined}
        actions={
          <Link href="/resumes" class="btn btn-secondary">
            All resumes
          </Link>
        }
      />
      {res.error ? <Alert>{res.error}</Alert> : null}
      {res.loading && !r ? <Loading label="Loading the analysis…" /> : null}
      {r && a ? (
        <>
          <section class="stats" aria-label="Summary">
            <div class="stat card">
              <span class="stat-label">ATS score</span>
              <span class="stat-value">
                <span data-testid="summary-ats">{Math.round(r.ats.score)}</span>
                <span class="stat-unit">/100</span>
              </span>
            </div>
            <div class="stat card">
              <span class="stat-label">Experience</span>
              <span class="stat-value stat-text" data-testid="summary-years">
                {formatYears(a.years)}
              </span>
              <span class="muted small">{seniorityLabel(a.seniority)}</span>
            </div>
            <div class="stat card">
              <span class="stat-label">Skills found</span>
              <span class="stat-value" data-testid="summary-skills">
                {a.skills.length}
              </span>
            </div>
          </section>

          <div class="doc-layout">
            <div class="doc-main">
              <ComparePicker resumeId={props.id} />

              <section class="card" aria-labelledby="skills-h">
                <h2 id="skills-h">Skills</h2>
                <SkillGroups skills={a.skills} testid="resume-skills" empty="No skills from the taxonomy were found. List your tools and languages in a Skills section." />
              </section>

              <section class="card" aria-labelledby="exp-h">
                <h2 id="exp-h">Experience</h2>
                <p>
                  <strong>{formatYears(a.years)}</strong> in total · seniority: <strong>{seniorityLabel(a.seniority)}</strong>
                </p>
                {a.jobs.length ? (
                  <ul class="timeline">
                    {a.jobs.map((j, i) => (
                      <li key={i}>
                        <span class="timeline-title">{j.title || 'Untitled role'}</span>
                        <span class="muted">{formatSpan(j)}</span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p class="muted">No dated roles were found.</p>
                )}
                {a.date_problems > 0 ? (
                  <Alert kind="info">
                    {a.date_problems} date problem{a.date_problems === 1 ? '' : 's'}
                    {a.date_problem ? `: ${a.date_problem}` : ''}
                  </Alert>
                ) : null}
              </section>

              <section class="card" aria-labelledby="edu-h">
                <h2 id="edu-h">Education</h2>
                {a.degrees.length ? (
                  <ul class="timeline">
                    {a.degrees.map((d, i) => (
                      <li key={i}>
                        <span class="timeline-title">
                          {d.degree || degreeLevel(d.level) || 'Degree'}
                          {d.school ? `, ${d.school}` : ''}
                        </span>
                        <span class="muted">
                          {[degreeLevel(d.level), d.year ? String(d.year) : ''].filter(Boolean).join(' · ')}
                        </span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p class="muted">No degree was found.</p>
                )}
              </section>

              <div class="columns">
                <section class="card" aria-labelledby="contact-h">
                  <h2 id="contact-h">Contact</h2>
                  <dl class="facts">
                    {(
                      [
                        ['Name', a.contact.name],
                        ['E-mail', a.contact.email],
                        ['Phone', a.contact.phone],
                        ['LinkedIn', a.contact.linkedin],
                        ['GitHub', a.contact.github],
                        ['Website', a.contact.website],
                      ] as const
                    ).map(([k, v]) => (
                      <Fact key={k} label={k}>
                        {v ? <span class="wrap">{v}</span> : <span class="muted">not found</span>}
                      </Fact>
                    ))}
                  </dl>
                </section>
                <section class="card" aria-labelledby="layout-h">
                  <h2 id="layout-h">Layout</h2>
                  <dl class="facts">
                    <Fact label="Pages">{a.layout.pages}</Fact>
                    <Fact label="Words">{a.words}</Fact>
                    <Fact label="Bullet points">
                      {bullets?.count ?? 0} ({bullets?.quantified ?? 0} with numbers, {bullets?.action ?? 0} start with an action verb)
                    </Fact>
                    <Fact label="Columns">{a.layout.multi_column ? 'more than one — ATS parsers may mix them up' : 'one'}</Fact>
                    <Fact label="Tables">{a.layout.tables || 'none'}</Fact>
                    <Fact label="Images">{a.layout.images || 'none'}</Fact>
                    <Fact label="Text layer">{a.layout.scanned ? 'none — this is a scan, ATS parsers see an empty page' : 'yes'}</Fact>
                  </dl>
                </section>
              </div>

              <section class="card" aria-labelledby="sections-h">
                <h2 id="sections-h">Sections found</h2>
                {a.sections.length ? (
                  <ul class="sections-list" data-testid="sections">
                    {a.sections.map((s, i) => (
                      <li key={i} class={s.standard ? 'std' : 'nonstd'}>
                        <span class="section-name">{s.heading || sectionLabel(s.id)}</span>
                        {s.id === 'other' ? <span class="muted small">not a standard section</span> : s.heading && s.heading.toLowerCase() !== sectionLabel(s.id).toLowerCase() ? <span class="muted small">{sectionLabel(s.id)}</span> : null}
                        <span class={`pill pill-quiet ${s.standard ? 'pill-easy' : 'pill-medium'}`}>{s.standard ? 'standard heading' : 'non-standard heading'}</span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p class="muted">No section headings were recognised.</p>
                )}
              </section>
            </div>
            <div class="doc-side">
              <AtsPanel ats={r.ats} headingId="ats-h" note="Compare with a job to also check its keywords." />
            </div>
          </div>
        </>
      ) : null}
    </>
  );
}
