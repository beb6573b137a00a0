import { describe, expect, it } from 'vitest';
import type { Question } from '../api/types';
import { toForm, toInput } from './questionForm';

const q: Question = {
  id: 7,
  role: 'backend',
  difficulty: 'medium',
  type: 'technical',
  tech: ['http'],
  text: 'Which HTTP methods are idempotent?',
  talking_points: ['GET, PUT, DELETE are idempotent', 'POST is not'],
  keywords: ['idempotent', 'retry'],
  follow_ups: [
    { text: 'Why does it matter for retries?', trigger: 'missing_point', point: 1 },
    { text: 'Give an example.', trigger: 'no_example' },
  ],
  source: 'curated',
  status: 'active',
  created_at: 1795261915,
  updated_at: 1795261915,
};

describe('question form', () => {
  it('round-trips a question into exactly the QuestionInput fields', () => {
    const input = toInput(toForm(q));
    expect(input).toEqual({
      role: 'backend',
      difficulty: 'medium',
      type: 'technical',
      tech: ['http'],
      text: 'Which HTTP methods are idempotent?',
      talking_points: ['GET, PUT, DELETE are idempotent', 'POST is not'],
      keywords: ['idempotent', 'retry'],
      follow_ups: [
        { text: 'Why does it matter for retries?', trigger: 'missing_point', point: 1 },
        { text: 'Give an example.', trigger: 'no_example' },
      ],
    });
    expect(Object.keys(input.follow_ups![1]!)).toEqual(['text', 'trigger']);
  });

  it('trims and splits what the user typed', () => {
    const f = { ...toForm(null), role: 'ml', text: '  What is overfitting?  ', talking_points: ' memorises noise \n\n fix with regularisation\n', keywords: 'bias, , variance ', tech: '' };
    const input = toInput(f);
    expect(input.text).toBe('What is overfitting?');
    expect(input.talking_points).toEqual(['memorises noise', 'fix with regularisation']);
    expect(input.keywords).toEqual(['bias', 'variance']);
    expect(input.tech).toEqual([]);
    expect(input.follow_ups).toEqual([]);
  });
});
