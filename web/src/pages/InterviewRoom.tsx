// The interview itself: one question at a time, a text box, a visible timer.
// New questions are announced through an aria-live region and focus returns
// to the answer box, so keyboard and screen-reader users keep their place.
// Drafts and the question's start time survive a reload (sessionStorage).
// With an AI interviewer configured (/api/meta llm), answers are sent asking
// for Server-Sent Events and the model's follow-up appears word by word.

import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../api/client';
import type { AnswerResult, Interview, Prompt, Report } from '../api/types';
import { Alert, Loading, PageHeader } from '../components/ui';
import { useTitle } from '../hooks';
import { readAnswer } from '../lib/answerStream';
import { whyParts } from '../lib/docs';
import { timerView } from '../lib/time';
import { ANSWER_MAX } from '../lib/validate';
import { navigate } from '../router';
import { api, loadMeta, roleLabel } from '../session';
import type { Meta } from '../api/types';

const TICK_MS = 250;

function storageKey(kind: 'draft' | 'start', id: string, seq: number): string {
  return `candor.${kind}.${id}.${seq}`;
}

function readSession(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeSession(key: string, value: string | null): void {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    /* storage full or disabled: drafts are a convenience */
  }
}

/** Number of the main question a prompt belongs to (follow-ups share their question's number). */
export function questionNumber(iv: Interview, prompt: Prompt): number {
  const done = iv.answers.filter((a) => a.kind === 'question').length;
  return prompt.kind === 'question' ? done + 1 : Math.max(1, done);
}

type Phase = 'loading' | 'answering' | 'submitting' | 'finishing' | 'error';

export function InterviewRoomPage(props: { id: string }) {
  const id = props.id;
  const [iv, setIv] = useState<Interview | null>(null);
  const [meta, setMeta] = useState<Meta | null>(null);
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const [text, setText] = useState('');
  const [startedAt, setStartedAt] = useState(Date.now());
  const [now, setNow] = useState(Date.now());
  const [phase, setPhase] = useState<Phase>('loading');
  const [error, setError] = useState<string | null>(null);
  const [inputError, setInputError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const [confirmEnd, setConfirmEnd] = useState(false);
  /** The follow-up as the model writes it; null when nothing is streaming. */
  const [streamed, setStreamed] = useState<string | null>(null);
  const answerRef = useRef<HTMLTextAreaElement>(null);
  const timeUpAnnounced = useRef(false);

  useTitle(prompt ? 'Interview in progress' : 'Interview');

  function show(p: Prompt, announceIt: boolean) {
    setPrompt(p);
    const startKey = storageKey('start', id, p.seq);
    const saved = Number(readSession(startKey));
    const start = Number.isFinite(saved) && saved > 0 ? saved : Date.now();
    writeSession(startKey, String(start));
    setStartedAt(start);
    setNow(Date.now());
    setText(readSession(storageKey('draft', id, p.seq)) ?? '');
    setInputError(null);
    timeUpAnnounced.current = false;
    setPhase('answering');
    if (announceIt) setAnnounce(`${p.kind === 'follow_up' ? 'Follow-up question' : 'Next question'}: ${p.text}`);
    setTimeout(() => answerRef.current?.focus(), 0);
  }

  async function finish() {
    setPhase('finishing');
    setAnnounce('Scoring your answers…');
    try {
      await api.post<Report>(`/api/interviews/${encodeURIComponent(id)}/finish`);
      navigate(`/interviews/${encodeURIComponent(id)}/report`, { replace: true });
    } catch (err) {
      setError(errorMessage(err));
      setPhase('error');
    }
  }

  useEffect(() => {
    let live = true;
    loadMeta().then((m) => live && setMeta(m), () => undefined);
    api.get<Interview>(`/api/interviews/${encodeURIComponent(id)}`).then(
      (data) => {
        if (!live) return;
        setIv(data);
        if (data.status === 'finished') navigate(`/interviews/${encodeURIComponent(id)}/report`, { replace: true });
        else if (data.current) show(data.current, false);
        else void finish();
      },
      (err: unknown) => {
        if (!live) return;
        setError(errorMessage(err));
        setPhase('error');
      },
    );
    return () => {
      live = false;
    };
  }, [id]);

  useEffect(() => {
    if (phase !== 'answering') return undefined;
    const t = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(t);
  }, [phase]);

  const timer = prompt ? timerView(now - startedAt, prompt.time_limit_s) : null;
  useEffect(() => {
    if (timer?.overtime && !timeUpAnnounced.current) {
      timeUpAnnounced.current = true;
      setAnnounce('Suggested time is up. You can still finish your answer.');
    }
  }, [timer?.overtime]);

  async function submit(answer: string) {
    if (!prompt || phase !== 'answering') return;
    setError(null);
    setPhase('submitting');
    try {
      const path = `/api/interviews/${encodeURIComponent(id)}/answers`;
      const body = { text: answer, duration_ms: Math.max(0, Date.now() - startedAt) };
      let res: AnswerResult;
      if (meta?.llm) {
        const reply = await api.response('POST', path, body, { accept: 'text/event-stream' });
        res = await readAnswer(reply, (soFar) => setStreamed(soFar));
      } else {
        res = await api.post<AnswerResult>(path, body);
      }
      setStreamed(null);
      writeSession(storageKey('draft', id, prompt.seq), null);
      writeSession(storageKey('start', id, prompt.seq), null);
      setIv(res.interview);
      if (res.next) show(res.next, true);
      else await finish();
    } catch (err) {
      setStreamed(null);
      setError(errorMessage(err));
      setPhase('answering');
    }
  }

  function onSubmit(e: Event) {
    e.preventDefault();
    if (!text.trim()) {
      setInputError('Write your answer first, or choose “Skip question”.');
      answerRef.current?.focus();
      return;
    }
    void submit(text);
  }

  function onInput(v: string) {
    setText(v);
    if (inputError) setInputError(null);
    if (prompt) writeSession(storageKey('draft', id, prompt.seq), v);
  }

  if (phase === 'loading') return <Loading label="Loading interview…" />;
  if (phase === 'finishing') {
    return (
      <>
        <PageHeader title="Scoring your interview" />
        <Loading label="Scoring your answers…" />
      </>
    );
  }
  if (!prompt || !iv) {
    return (
      <>
        <PageHeader title="Interview" />
        <Alert>{error ?? 'This interview cannot be shown.'}</Alert>
      </>
    );
  }

  const n = questionNumber(iv, prompt);
  const pct = Math.min(100, Math.round(((n - (prompt.kind === 'question' ? 1 : 0.5)) / Math.max(1, iv.length)) * 100));
  const busy = phase === 'submitting';
  const words = text.trim() ? text.trim().split(/\s+/).length : 0;
  // A follow-up digs into the answer just given; the reason belongs to main questions.
  const why = prompt.kind === 'question' ? whyParts(prompt.why) : null;

  return (
    <div class="room">
      <div class="room-head">
        <div>
          <p class="eyebrow">
            {roleLabel(iv.role, meta)} · <span class={`pill pill-${iv.difficulty}`}>{iv.difficulty}</span>
            {meta?.llm ? <span class="pill pill-quiet ai-pill">AI interviewer</span> : null}
          </p>
          <h1 tabIndex={-1} class="room-title" data-testid="progress">
            Question {n} of {iv.length}
          </h1>
        </div>
        {timer ? (
          <div class={`timer${timer.low ? ' timer-low' : ''}${timer.overtime ? ' timer-over' : ''}`} role="timer" aria-label={timer.spoken} data-testid="timer">
            <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
              <circle cx="12" cy="13" r="8" class="icon-stroke" />
              <path d="M12 9v4l2.5 2.5M9.5 2.5h5" class="icon-stroke" />
            </svg>
            <span class="timer-text" aria-hidden="true">
              {timer.text}
            </span>
          </div>
        ) : null}
      </div>
      <div class="progress" aria-hidden="true">
        <svg viewBox="0 0 100 4" preserveAspectRatio="none">
          <rect x="0" y="0" width="100" height="4" class="track" />
          <rect x="0" y="0" width={pct} height="4" class="fill" />
        </svg>
      </div>

      <section class="card question-card" aria-labelledby="question-text">
        <p class="question-kind" data-testid="question-kind">
          {prompt.kind === 'follow_up' ? 'Follow-up' : prompt.type === 'technical' ? 'Technical question' : prompt.type === 'hr' ? 'HR question' : 'Behavioural question'}
        </p>
        <p id="question-text" class="question-text" data-testid="question-text" data-seq={prompt.seq} data-kind={prompt.kind}>
          {prompt.text}
        </p>
        {why ? (
          <p class="why" data-testid="question-why">
            <strong>Why this question:</strong> {why.skill ? <>{why.skill} — </> : null}
            {why.reason}
          </p>
        ) : null}
        {prompt.type !== 'technical' && prompt.kind === 'question' ? (
          <p class="hint">Tip: describe the Situation, your Task, the Actions you took and the Result.</p>
        ) : null}
      </section>
      {streamed !== null ? (
        <section class="card stream-card" aria-busy="true" aria-label="The interviewer is writing a follow-up" data-testid="streaming">
          <p class="question-kind">The interviewer is writing a follow-up…</p>
          <p class="question-text">
            {streamed}
            <span class="caret" aria-hidden="true" />
          </p>
        </section>
      ) : null}
      <p class="sr-only" aria-live="polite" data-testid="announcer">
        {announce}
      </p>

      {error ? <Alert>{error}</Alert> : null}

      <form class="card answer-card" onSubmit={onSubmit} noValidate>
        <div class={`field${inputError ? ' has-error' : ''}`}>
          <label for="answer">Your answer</label>
          <textarea
            id="answer"
            ref={answerRef}
            rows={10}
            maxLength={ANSWER_MAX}
            value={text}
            disabled={busy}
            aria-invalid={inputError ? 'true' : undefined}
            aria-describedby={`answer-meta${inputError ? ' answer-error' : ''}`}
            onInput={(e) => onInput((e.currentTarget as HTMLTextAreaElement).value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) onSubmit(e);
            }}
          />
          {inputError ? (
            <p class="field-error" id="answer-error">
              {inputError}
            </p>
          ) : null}
          <p class="hint answer-meta" id="answer-meta">
            <span>
              {words} word{words === 1 ? '' : 's'} · {text.length}/{ANSWER_MAX} characters
            </span>
            <span class="kbd-hint">Ctrl+Enter submits</span>
          </p>
        </div>
        <div class="form-actions split">
          <div>
            {confirmEnd ? (
              <span class="confirm" role="group" aria-label="Confirm ending the interview">
                <span>End now? Unanswered questions are not scored.</span>
                <button type="button" class="btn btn-danger btn-sm" onClick={() => void finish()}>
                  End and see report
                </button>
                <button type="button" class="btn btn-ghost btn-sm" onClick={() => setConfirmEnd(false)}>
                  Keep going
                </button>
              </span>
            ) : (
              <button type="button" class="btn btn-ghost" onClick={() => setConfirmEnd(true)} disabled={busy}>
                End interview
              </button>
            )}
          </div>
          <div class="button-row">
            <button type="button" class="btn btn-secondary" onClick={() => void submit('')} disabled={busy}>
              Skip question
            </button>
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {busy ? 'Sending…' : 'Submit answer'}
            </button>
          </div>
        </div>
      </form>
    </div>
  );
}
