// Coordinator and admin views: students of a college with their progress,
// one student's interviews, and (admins) users and their roles.

import { useState } from 'preact/hooks';
import { errorMessage } from '../api/client';
import type { College, InterviewSummary, Role, Student, User } from '../api/types';
import { Link } from '../components/Link';
import { Alert, Empty, Loading, PageHeader, Score, TextField } from '../components/ui';
import { splitCommas, validateDomains } from '../lib/validate';
import { useAsync } from '../hooks';
import { formatDate } from '../lib/time';
import { api, loadMeta } from '../session';
import { InterviewTable } from './Dashboard';

function matches(u: User, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  return !f || u.name.toLowerCase().includes(f) || u.email.toLowerCase().includes(f) || (u.college ?? '').toLowerCase().includes(f);
}

function FilterBox(props: { value: string; onValue: (v: string) => void; label: string }) {
  return (
    <div class="field inline-field">
      <label for="people-filter">{props.label}</label>
      <input id="people-filter" type="search" value={props.value} onInput={(e) => props.onValue((e.currentTarget as HTMLInputElement).value)} />
    </div>
  );
}

export function StudentsPage() {
  const list = useAsync(() => api.get<{ items: Student[] }>('/api/students'), []);
  const [filter, setFilter] = useState('');
  const items = (list.data?.items ?? []).filter((s) => matches(s, filter));
  return (
    <>
      <PageHeader title="Students" subtitle="Students of your college and how their practice is going." />
      {list.error ? <Alert>{list.error}</Alert> : null}
      <FilterBox value={filter} onValue={setFilter} label="Filter by name, e-mail or college" />
      {list.loading ? (
        <Loading />
      ) : items.length ? (
        <div class="table-wrap card flush">
          <table class="table stack">
            <caption class="sr-only">Students</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">College</th>
                <th scope="col" class="num">
                  Interviews
                </th>
                <th scope="col" class="num">
                  Average
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={String(s.id)}>
                  <td data-label="Name">
                    <Link href={`/students/${encodeURIComponent(String(s.id))}`}>{s.name}</Link>
                  </td>
                  <td class="wrap" data-label="E-mail">{s.email}</td>
                  <td data-label="College">{s.college ?? '—'}</td>
                  <td class="num" data-label="Interviews">{s.interviews}</td>
                  <td class="num" data-label="Average">
                    <Score value={s.average} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Empty title={filter ? 'No students match' : 'No students yet'} />
      )}
    </>
  );
}

export function StudentDetailPage(props: { id: string }) {
  const list = useAsync(() => api.get<{ items: InterviewSummary[] }>(`/api/students/${encodeURIComponent(props.id)}/interviews`), [props.id]);
  const students = useAsync(() => api.get<{ items: Student[] }>('/api/students'), []);
  const meta = useAsync(() => loadMeta(), []);
  const student = students.data?.items.find((s) => String(s.id) === props.id);
  return (
    <>
      <PageHeader title={student ? student.name : 'Student'} subtitle={<Link href="/students">← All students</Link>} />
      {student ? (
        <p class="muted">
          {student.email} · joined {formatDate(student.created_at)} · {student.interviews} interviews · average <Score value={student.average} />
        </p>
      ) : null}
      {list.error ? <Alert>{list.error}</Alert> : null}
      {list.loading ? (
        <Loading />
      ) : list.data?.items.length ? (
        <section class="card">
          <InterviewTable items={list.data.items} meta={meta.data} caption="Interviews of this student" linkReports />
        </section>
      ) : (
        <Empty title="No interviews yet" />
      )}
    </>
  );
}

const ROLES: { value: Role; label: string }[] = [
  { value: 'student', label: 'Student' },
  { value: 'coordinator', label: 'Coordinator' },
  { value: 'admin', label: 'Admin' },
];

function UserRow(props: { user: User; self: boolean; onSaved: (u: User) => void }) {
  const u = props.user;
  const [role, setRole] = useState<Role>(u.role);
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const id = `role-${String(u.id)}`;
  async function save() {
    setBusy(true);
    setMsg(null);
    try {
      const updated = await api.patch<User>(`/api/users/${encodeURIComponent(String(u.id))}`, { role });
      props.onSaved(updated);
      setMsg({ ok: true, text: 'Saved' });
    } catch (err) {
      setMsg({ ok: false, text: errorMessage(err) });
      setRole(u.role);
    } finally {
      setBusy(false);
    }
  }
  return (
    <tr>
      <td data-label="Name">
        {u.name}
        {props.self ? <span class="muted"> (you)</span> : null}
      </td>
      <td class="wrap" data-label="E-mail">{u.email}</td>
      <td data-label="College">{u.college ?? '—'}</td>
      <td data-label="Role">
        <div class="role-edit">
          <label for={id} class="sr-only">
            Role of {u.name}
          </label>
          <select id={id} value={role} disabled={props.self} onChange={(e) => setRole((e.currentTarget as HTMLSelectElement).value as Role)}>
            {ROLES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
          {role !== u.role ? (
            <button type="button" class="btn btn-primary btn-sm" disabled={busy} onClick={() => void save()}>
              Save<span class="sr-only"> role of {u.name}</span>
            </button>
          ) : null}
          <span role="status" class={msg ? (msg.ok ? 'ok-text' : 'error-text') : ''}>
            {msg?.text ?? ''}
          </span>
        </div>
      </td>
    </tr>
  );
}

export function UsersPage(props: { me: User }) {
  const list = useAsync(() => api.get<{ items: User[] }>('/api/users'), []);
  const [filter, setFilter] = useState('');
  const [saved, setSaved] = useState<Record<string, User>>({});
  const items = (list.data?.items ?? []).map((u) => saved[String(u.id)] ?? u).filter((u) => matches(u, filter));
  return (
    <>
      <PageHeader title="Users" subtitle="Everyone with an account. Change a role, then save it." />
      {list.error ? <Alert>{list.error}</Alert> : null}
      <FilterBox value={filter} onValue={setFilter} label="Filter by name, e-mail or college" />
      {list.loading ? (
        <Loading />
      ) : items.length ? (
        <div class="table-wrap card flush">
          <table class="table stack">
            <caption class="sr-only">Users and roles</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">College</th>
                <th scope="col">Role</th>
              </tr>
            </thead>
            <tbody>
              {items.map((u) => (
                <UserRow key={String(u.id)} user={u} self={String(u.id) === String(props.me.id)} onSaved={(nu) => setSaved({ ...saved, [String(nu.id)]: nu })} />
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Empty title="No users match" />
      )}
      <CollegesSection />
    </>
  );
}

/** Colleges group users by e-mail domain; coordinators see the students of their own. */
function CollegesSection() {
  const list = useAsync(() => api.get<{ items: College[] }>('/api/colleges'), []);
  const [name, setName] = useState('');
  const [domains, setDomains] = useState('');
  const [errors, setErrors] = useState<{ name?: string; domains?: string }>({});
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function add(e: Event) {
    e.preventDefault();
    const ds = splitCommas(domains.toLowerCase());
    const errs: { name?: string; domains?: string } = {};
    if (!name.trim()) errs.name = 'Enter the college name.';
    const de = validateDomains(ds);
    if (de) errs.domains = de;
    setErrors(errs);
    setMsg(null);
    if (errs.name || errs.domains) return;
    setBusy(true);
    try {
      await api.post('/api/colleges', { name: name.trim(), domains: ds });
      setMsg({ ok: true, text: `Added ${name.trim()}.` });
      setName('');
      setDomains('');
      list.reload();
    } catch (err) {
      setMsg({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="colleges-h">
      <h2 id="colleges-h">Colleges</h2>
      <p class="hint">A user belongs to the college whose domain matches their e-mail address.</p>
      {list.error ? <Alert>{list.error}</Alert> : null}
      {list.loading ? (
        <Loading />
      ) : list.data?.items.length ? (
        <ul class="college-list">
          {list.data.items.map((c) => (
            <li key={String(c.id)}>
              <strong>{c.name}</strong>{' '}
              <span class="muted">{c.domains.map((d) => '@' + d).join(', ')}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No colleges yet.</p>
      )}
      <form class="college-form" onSubmit={add} noValidate>
        <TextField id="college-name" label="College name" value={name} onValue={setName} error={errors.name} />
        <TextField id="college-domains" label="E-mail domains (comma-separated)" value={domains} onValue={setDomains} error={errors.domains} placeholder="uni.edu, cs.uni.edu" />
        <div class="form-actions">
          <button type="submit" class="btn btn-secondary" disabled={busy}>
            Add college
          </button>
        </div>
        {msg ? <Alert kind={msg.ok ? 'success' : 'error'}>{msg.text}</Alert> : null}
      </form>
    </section>
  );
}
