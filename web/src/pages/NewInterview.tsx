// Choose role, difficulty and length, then start a text interview.

import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../api/client';
import type { Difficulty, Interview } from '../api/types';
import { Alert, Loading, PageHeader, RadioGroup, SelectField } from '../components/ui';
import { useAsync } from '../hooks';
import { navigate } from '../router';
import { api, loadMeta } from '../session';

const DIFFICULTY_HINTS: Record<Difficulty, string> = {
  easy: 'Fundamentals',
  medium: 'Applied',
  hard: 'In depth',
};

export function NewInterviewPage() {
  const meta = useAsync(() => loadMeta(), []);
  const [role, setRole] = useState('');
  const [difficulty, setDifficulty] = useState<string>('easy');
  const [length, setLength] = useState<string>('5');
  const [error, setError] = useState<string | null>(null);
  const [roleError, setRoleError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const m = meta.data;
    if (!m) return;
    if (!role && m.roles[0]) setRole(m.roles[0].id);
    if (!m.lengths.includes(Number(length)) && m.lengths[0] !== undefined) setLength(String(m.lengths[0]));
  }, [meta.data]);

  async function start(e: Event) {
    e.preventDefault();
    setError(null);
    if (!role) {
      setRoleError('Choose a role.');
      document.getElementById('role')?.focus();
      return;
    }
    setRoleError(undefined);
    setBusy(true);
    try {
      const iv = await api.post<Interview>('/api/interviews', { mode: 'text', role, difficulty, length: Number(length) });
      navigate(`/interviews/${iv.id}`);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  const m = meta.data;
  return (
    <>
      <PageHeader title="New interview" subtitle="Answer in writing at your own pace. Each question shows a suggested time." />
      {meta.error ? <Alert>{meta.error}</Alert> : null}
      {error ? <Alert>{error}</Alert> : null}
      {meta.loading || !m ? (
        meta.loading ? <Loading /> : null
      ) : (
        <form class="card form-card" onSubmit={start} noValidate>
          <SelectField id="role" label="Role" value={role} onValue={setRole} options={m.roles.map((r) => ({ value: r.id, label: r.label }))} error={roleError} />
          <RadioGroup
            name="difficulty"
            legend="Difficulty"
            value={difficulty}
            onValue={setDifficulty}
            options={m.difficulties.map((d) => ({ value: d, label: d[0]!.toUpperCase() + d.slice(1), hint: DIFFICULTY_HINTS[d] }))}
          />
          <RadioGroup
            name="length"
            legend="Length"
            value={length}
            onValue={setLength}
            options={m.lengths.map((n) => ({ value: String(n), label: `${n} questions` }))}
          />
          <p class="hint">About 70% technical and 30% behavioural questions, getting harder as you go. The interviewer may ask one follow-up when an answer misses something.</p>
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {busy ? 'Starting…' : 'Start interview'}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
