// The report: overall score, then per answer the scores, talking points
// covered and missed, terms used, STAR structure, vague language, tips, and
// the evidence (the sentences that earned or cost points, highlighted).
// With an AI interviewer, the model's own scores and feedback sit next to the
// offline ones (which stay the numbers of record), and a footer gives the
// interview's model usage.

import type { AiEvaluation, AnswerReport, Meta, Report, Span, StarPart } from '../api/types';
import { Link } from '../components/Link';
import { Alert, Loading, PageHeader, Score, ScoreBar } from '../components/ui';
import { useAsync } from '../hooks';
import { usageLine } from '../lib/docs';
import { segmentText } from '../lib/spans';
import { formatClock, formatDate, formatScore } from '../lib/time';
import { api, loadMeta, roleLabel } from '../session';

function Ring(props: { value: number }) {
  const r = 52;
  const c = 2 * Math.PI * r;
  const v = Math.max(0, Math.min(10, props.value));
  const band = v >= 7 ? 'good' : v >= 4 ? 'fair' : 'weak';
  return (
    <svg class={`ring ring-${band}`} viewBox="0 0 128 128" width="128" height="128" aria-hidden="true" focusable="false">
      <circle cx="64" cy="64" r={r} class="ring-track" />
      <circle cx="64" cy="64" r={r} class="ring-fill" stroke-dasharray={`${(c * v) / 10} ${c}`} transform="rotate(-90 64 64)" />
    </svg>
  );
}

function Highlighted(props: { text: string; spans: { span: Span | null; tone: 'good' | 'bad' }[] }) {
  if (!props.text.trim()) return <p class="answer-text muted">(no answer)</p>;
  const segs = segmentText(
    props.text,
    props.spans.map((s) => s.span),
  );
  return (
    <p class="answer-text">
      {segs.map((s, i) =>
        s.mark < 0 ? (
          s.text
        ) : (
          <mark key={i} class={`hl hl-${props.spans[s.mark]!.tone}`}>
            {s.text}
          </mark>
        ),
      )}
    </p>
  );
}

const TYPE_NAMES: Record<string, string> = { technical: 'Technical', behavioural: 'Behavioural', hr: 'HR' };

const STAR_LABELS: [keyof NonNullable<AnswerReport['star']>, string][] = [
  ['situation', 'Situation'],
  ['task', 'Task'],
  ['action', 'Action'],
  ['result', 'Result'],
];

function StarGrid(props: { star: NonNullable<AnswerReport['star']> }) {
  return (
    <ul class="star" aria-label="STAR structure">
      {STAR_LABELS.map(([k, label]) => {
        const part: StarPart = props.star[k];
        return (
          <li key={k} class={part.present ? 'star-yes' : 'star-no'}>
            <span class="star-letter" aria-hidden="true">
              {label[0]}
            </span>
            <span>
              {label}: <strong>{part.present ? 'present' : 'missing'}</strong>
              {part.evidence ? <q class="star-quote">{part.evidence.text}</q> : null}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function AiPanel(props: { ai: AiEvaluation; seq: number }) {
  const ai = props.ai;
  const s = ai.scores;
  const offline = ai.source !== 'llm';
  return (
    <section class={`ai-panel${offline ? ' ai-offline' : ''}`} aria-labelledby={`ai-${props.seq}`} data-testid="ai-panel" data-source={ai.source}>
      <h4 id={`ai-${props.seq}`}>
        AI interviewer
        {offline ? <span class="pill pill-quiet pill-medium">offline fallback</span> : null}
      </h4>
      {offline ? (
        <p class="hint" data-testid="ai-fallback">
          The model's evaluation could not be used{ai.fallback_reason ? `: ${ai.fallback_reason}` : ''}. These numbers come from the built-in evaluator.
        </p>
      ) : null}
      <div class="scores">
        <ScoreBar label="Technical accuracy" value={s?.technical_accuracy ?? null} />
        <ScoreBar label="Communication" value={s?.communication ?? null} />
        <ScoreBar label="Depth" value={s?.depth ?? null} />
      </div>
      {ai.feedback ? <p class="ai-feedback">{ai.feedback}</p> : null}
      {ai.improvements?.length ? (
        <ul class="checklist">
          {ai.improvements.map((t, i) => (
            <li key={i} class="todo">
              {t}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function AnswerCard(props: { a: AnswerReport; n: number }) {
  const a = props.a;
  const s = a.scores;
  const marks = [
    ...a.evidence.filter((e) => e.span).map((e) => ({ span: e.span, tone: e.effect >= 0 ? ('good' as const) : ('bad' as const) })),
  ];
  const headingId = `answer-${a.seq}`;
  return (
    <article class="card answer-report" data-testid="answer-report" aria-labelledby={headingId}>
      <header class="answer-head">
        <div>
          <p class="eyebrow">
            {a.kind === 'follow_up' ? `Follow-up to question ${props.n}` : `Question ${props.n}`} · {TYPE_NAMES[a.type] ?? a.type} · answered in {formatClock(a.duration_ms)}
          </p>
          <h3 id={headingId}>{a.prompt}</h3>
        </div>
        <Score value={s.overall} size="lg" testid="answer-score" label="Answer score" />
      </header>
      {a.follow_up_reason ? (
        <p class="hint">
          <strong>Why this follow-up:</strong> {a.follow_up_reason}
        </p>
      ) : null}

      <div class="answer-grid">
        <div>
          <h4>Your answer</h4>
          <Highlighted text={a.text} spans={marks} />
          {marks.length ? (
            <p class="legend">
              <mark class="hl hl-good">earned points</mark> <mark class="hl hl-bad">cost points</mark>
            </p>
          ) : null}
        </div>
        <div class="scores" aria-label="Scores">
          {a.ai ? <p class="scores-caption">Built-in evaluator (the scores of record)</p> : null}
          <ScoreBar label="Content" value={s.content} />
          <ScoreBar label="Relevance" value={s.relevance} />
          {s.structure !== null ? <ScoreBar label="Structure" value={s.structure} /> : null}
          <ScoreBar label="Specificity" value={s.specificity} />
          <ScoreBar label="Clarity" value={s.clarity} />
          {a.ai ? <AiPanel ai={a.ai} seq={a.seq} /> : null}
        </div>
      </div>

      <div class="columns">
        <section>
          <h4>Talking points covered</h4>
          {a.talking_points.covered.length ? (
            <ul class="checklist" data-testid="points-covered">
              {a.talking_points.covered.map((p, i) => (
                <li key={i} class="ok">
                  <span class="sr-only">Covered: </span>
                  {p.point}
                  {p.evidence ? <q class="quote">{p.evidence.text}</q> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted" data-testid="points-covered">
              None of the expected points were found.
            </p>
          )}
        </section>
        <section>
          <h4>Talking points missed</h4>
          {a.talking_points.missed.length ? (
            <ul class="checklist" data-testid="points-missed">
              {a.talking_points.missed.map((p, i) => (
                <li key={i} class="miss">
                  <span class="sr-only">Missed: </span>
                  {p}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted" data-testid="points-missed">
              You covered every expected point.
            </p>
          )}
        </section>
      </div>

      {a.keywords.used.length || a.keywords.missed.length ? (
        <section>
          <h4>Job-related terms</h4>
          <ul class="chips" aria-label="Terms used and missed">
            {a.keywords.used.map((k, i) => (
              <li key={`u${i}`} class="chip chip-good">
                <span class="sr-only">Used: </span>
                {k.term}
              </li>
            ))}
            {a.keywords.missed.map((k, i) => (
              <li key={`m${i}`} class="chip chip-missing">
                <span class="sr-only">Not used: </span>
                {k}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {a.star ? (
        <section>
          <h4>STAR structure</h4>
          <StarGrid star={a.star} />
        </section>
      ) : null}

      {a.hedges.length || a.fillers.length ? (
        <section>
          <h4>Vague language</h4>
          <ul class="chips" aria-label="Hedging and filler phrases">
            {[...a.hedges.map((h) => ({ ...h, kind: 'hedge' })), ...a.fillers.map((f) => ({ ...f, kind: 'filler' }))].map((h, i) => (
              <li key={i} class="chip chip-warn">
                “{h.phrase}” <span class="muted">({h.kind})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {a.tips.length ? (
        <section>
          <h4>Tips</h4>
          <ul class="tips">
            {a.tips.map((t, i) => (
              <li key={i}>{t}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {a.evidence.length ? (
        <details class="evidence">
          <summary>Why this score ({a.evidence.length} findings)</summary>
          <ul>
            {a.evidence.map((e, i) => (
              <li key={i} class={e.effect >= 0 ? 'plus' : 'minus'}>
                <span class="effect">
                  {e.effect >= 0 ? '+' : '−'}
                  {Math.abs(e.effect)}
                </span>{' '}
                <span class="dim">{e.dimension}</span> {e.reason}
                {e.span ? <q class="quote">{e.span.text}</q> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </article>
  );
}

/** Numbers answers like the room did: follow-ups share their question's number. */
function numbering(answers: AnswerReport[]): number[] {
  let n = 0;
  return answers.map((a) => (a.kind === 'question' ? ++n : Math.max(1, n)));
}

export function ReportView(props: { report: Report; meta: Meta | null }) {
  const r = props.report;
  const nums = numbering(r.answers);
  return (
    <>
      <section class="card overall" aria-labelledby="overall-h">
        <div class="overall-score">
          <Ring value={r.overall.score} />
          <div class="overall-number">
            <span class="big" data-testid="overall-score">
              {formatScore(r.overall.score)}
            </span>
            <span class="muted">out of 10</span>
          </div>
        </div>
        <div class="overall-body">
          <h2 id="overall-h">Overall</h2>
          <p>{r.overall.summary}</p>
          <div class="scores">
            <ScoreBar label="Content" value={r.overall.content} />
            {r.overall.structure !== null ? <ScoreBar label="Structure" value={r.overall.structure} /> : null}
            <ScoreBar label="Clarity" value={r.overall.clarity} />
          </div>
        </div>
      </section>

      {r.strengths.length || r.improvements.length ? (
        <div class="columns">
          <section class="card">
            <h2>Strengths</h2>
            {r.strengths.length ? (
              <ul class="checklist">
                {r.strengths.map((s, i) => (
                  <li key={i} class="ok">
                    {s}
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">Keep practising — strengths show up as your answers get more specific.</p>
            )}
          </section>
          <section class="card">
            <h2>To improve</h2>
            {r.improvements.length ? (
              <ul class="checklist">
                {r.improvements.map((s, i) => (
                  <li key={i} class="todo">
                    {s}
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">Nothing stood out. Try a harder level next.</p>
            )}
          </section>
        </div>
      ) : null}

      <h2 class="section-title">Answers</h2>
      {r.answers.length ? r.answers.map((a, i) => <AnswerCard key={a.seq} a={a} n={nums[i]!} />) : <p class="muted">No answers were given.</p>}
      {usageLine(r.usage) ? (
        <p class="usage" data-testid="usage">
          <span class="muted">AI interviewer{props.meta?.llm ? ` (${props.meta.llm.model})` : ''}: </span>
          {usageLine(r.usage)}
        </p>
      ) : null}
    </>
  );
}

export function ReportPage(props: { id: string }) {
  const report = useAsync(() => api.get<Report>(`/api/interviews/${encodeURIComponent(props.id)}/report`), [props.id]);
  const meta = useAsync(() => loadMeta(), []);
  const r = report.data;
  return (
    <>
      <PageHeader
        title="Interview report"
        subtitle={r ? `${roleLabel(r.interview.role, meta.data)} · ${r.interview.difficulty.charAt(0).toUpperCase() + r.interview.difficulty.slice(1)} · ${formatDate(r.interview.finished_at)}` : undefined}
        actions={
          <>
            <Link href="/" class="btn btn-secondary">
              Dashboard
            </Link>
            <Link href="/interviews/new" class="btn btn-primary">
              Practise again
            </Link>
          </>
        }
      />
      {report.error ? (
        <Alert>
          {report.error} If this interview is still running, <Link href={`/interviews/${encodeURIComponent(props.id)}`}>continue it</Link> and finish to get the report.
        </Alert>
      ) : null}
      {report.loading ? <Loading label="Loading report…" /> : r ? <ReportView report={r} meta={meta.data} /> : null}
    </>
  );
}
