// The question editor's form state and its conversion to the API's
// QuestionInput. The server rejects unknown fields, so the conversion sends
// exactly the documented ones (and `point` only for missing_point follow-ups).

import type { Difficulty, FollowUp, Question, QuestionInput, QuestionType } from '../api/types';
import { splitCommas, splitLines } from './validate';

export interface FormState {
  role: string;
  difficulty: Difficulty;
  type: QuestionType;
  tech: string;
  text: string;
  talking_points: string;
  keywords: string;
  follow_ups: FollowUp[];
}

export function toForm(q: Question | null): FormState {
  return {
    role: q?.role ?? '',
    difficulty: q?.difficulty ?? 'easy',
    type: q?.type ?? 'technical',
    tech: q?.tech.join(', ') ?? '',
    text: q?.text ?? '',
    talking_points: q?.talking_points.join('\n') ?? '',
    keywords: q?.keywords.join(', ') ?? '',
    follow_ups: q?.follow_ups.map((f) => ({ ...f })) ?? [],
  };
}

export function toInput(f: FormState): QuestionInput {
  return {
    role: f.role,
    difficulty: f.difficulty,
    type: f.type,
    tech: splitCommas(f.tech),
    text: f.text.trim(),
    talking_points: splitLines(f.talking_points),
    keywords: splitCommas(f.keywords),
    follow_ups: f.follow_ups.map((x) => (x.trigger === 'missing_point' ? { text: x.text.trim(), trigger: x.trigger, point: x.point ?? 0 } : { text: x.text.trim(), trigger: x.trigger })),
  };
}
