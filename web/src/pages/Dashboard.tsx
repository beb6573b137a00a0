// The student's home: headline numbers, the score trend and past interviews.

import type { InterviewSummary, Meta, Progress, User } from '../api/types';
import { LineChart } from '../components/LineChart';
import { Link } from '../components/Link';
import { Alert, Empty, Loading, PageHeader, Score } from '../components/ui';
import { useAsync } from '../hooks';
import { formatDate, formatScore, toMillis } from '../lib/time';
import { api, loadMeta, roleLabel } from '../session';

export function interviewHref(i: InterviewSummary): string {
  return i.status === 'finished' ? `/interviews/${i.id}/report` : `/interviews/${i.id}`;
}

export function InterviewTable(props: { items: InterviewSummary[]; meta: Meta | null; caption: string; linkReports?: boolean }) {
  return (
    <div class="table-wrap">
      <table class="table stack" data-testid="interview-list">
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Role</th>
            <th scope="col">Difficulty</th>
            <th scope="col" class="num">
              Questions
            </th>
            <th scope="col" class="num">
              Score
            </th>
            <th scope="col">
              <span class="sr-only">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((i) => (
            <tr key={String(i.id)}>
              <td data-label="Date">{formatDate(i.finished_at ?? i.created_at)}</td>
              <td data-label="Role">{roleLabel(i.role, props.meta)}</td>
              <td data-label="Difficulty">
                <span class={`pill pill-${i.difficulty}`}>{i.difficulty}</span>
              </td>
              <td class="num" data-label="Questions">{i.length}</td>
              <td class="num" data-label="Score">{i.status === 'finished' ? <Score value={i.overall_score} /> : <span class="muted">in progress</span>}</td>
              <td class="row-action">
                {i.status === 'finished' ? (
                  <Link href={`/interviews/${i.id}/report`}>
                    View report<span class="sr-only"> for {roleLabel(i.role, props.meta)}, {formatDate(i.finished_at)}</span>
                  </Link>
                ) : props.linkReports ? (
                  <span class="muted">not finished</span>
                ) : (
                  <Link href={interviewHref(i)}>
                    Resume<span class="sr-only"> {roleLabel(i.role, props.meta)} interview</span>
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DashboardPage(props: { user: User }) {
  const progress = useAsync(() => api.get<Progress>('/api/progress'), []);
  const list = useAsync(() => api.get<{ items: InterviewSummary[] }>('/api/interviews'), []);
  const meta = useAsync(() => loadMeta(), []);
  const p = progress.data;
  const items = list.data?.items ?? [];
  const last = p?.trend.length ? [...p.trend].sort((a, b) => toMillis(a.finished_at) - toMillis(b.finished_at)).at(-1) : undefined;
  const firstName = props.user.name.split(' ')[0] || props.user.name;

  return (
    <>
      <PageHeader
        title={`Welcome, ${firstName}`}
        subtitle="Your practice at a glance."
        actions={
          <Link href="/interviews/new" class="btn btn-primary">
            Start an interview
          </Link>
        }
      />
      {progress.error ? <Alert>{progress.error}</Alert> : null}
      <section class="stats" aria-label="Summary">
        <div class="stat card">
          <span class="stat-label">Interviews finished</span>
          <span class="stat-value" data-testid="stat-count">
            {p ? p.interviews : '—'}
          </span>
        </div>
        <div class="stat card">
          <span class="stat-label">Average score</span>
          <span class="stat-value">{p ? formatScore(p.average) : '—'}</span>
        </div>
        <div class="stat card">
          <span class="stat-label">Latest score</span>
          <span class="stat-value">{last ? formatScore(last.score) : '—'}</span>
        </div>
      </section>

      <section class="card" aria-labelledby="trend-h">
        <h2 id="trend-h">Score trend</h2>
        {progress.loading ? (
          <Loading />
        ) : p && p.trend.length > 0 ? (
          <>
            <LineChart trend={p.trend} roleLabel={(id) => roleLabel(id, meta.data)} />
            {p.by_role.length > 0 ? (
              <ul class="chips by-role" aria-label="Average by role">
                {p.by_role.map((r) => (
                  <li key={r.role} class="chip">
                    {roleLabel(r.role, meta.data)}: <strong>{formatScore(r.average)}</strong> <span class="muted">({r.count})</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : (
          <Empty title="No scores yet">
            <p>Finish your first interview and your progress will show here.</p>
          </Empty>
        )}
      </section>

      <section class="card" aria-labelledby="past-h">
        <h2 id="past-h">Past interviews</h2>
        {list.error ? <Alert>{list.error}</Alert> : null}
        {list.loading ? (
          <Loading />
        ) : items.length ? (
          <InterviewTable items={items} meta={meta.data} caption="Your interviews, newest first" />
        ) : (
          <Empty title="Nothing here yet">
            <p>
              <Link href="/interviews/new">Start a practice interview</Link> — it takes about ten minutes.
            </p>
          </Empty>
        )}
      </section>
    </>
  );
}
