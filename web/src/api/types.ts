// Shapes of the Candor HTTP API (docs/api.md). Only what the UI reads is typed
// strictly; the server is the authority on validation.

export type Role = 'student' | 'coordinator' | 'admin';

/** The server sends Unix seconds; ISO-8601 strings are accepted too (see lib/time.ts toMillis). */
export type Timestamp = number | string;

export interface User {
  id: number | string;
  email: string;
  name: string;
  role: Role;
  college: string | null;
  created_at: Timestamp;
}

export interface Session {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  user: User;
}

export interface AuthConfig {
  google_client_id: string | null;
  allowed_domains: string[];
  password_min_length: number;
}

export interface Meta {
  roles: { id: string; label: string }[];
  difficulties: Difficulty[];
  lengths: number[];
  question_types: QuestionType[];
}

export type Difficulty = 'easy' | 'medium' | 'hard';
export type QuestionType = 'technical' | 'behavioural' | 'hr';
export type FollowUpTrigger = 'missing_point' | 'no_example' | 'no_result' | 'shallow';

export interface FollowUp {
  text: string;
  trigger: FollowUpTrigger;
  point?: number;
}

export interface Question {
  id: number | string;
  role: string;
  difficulty: Difficulty;
  type: QuestionType;
  tech: string[];
  text: string;
  talking_points: string[];
  keywords: string[];
  follow_ups: FollowUp[];
  source: 'curated' | 'coordinator' | 'community';
  status: 'active' | 'retired';
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface QuestionInput {
  role: string;
  difficulty: Difficulty;
  type: QuestionType;
  tech?: string[];
  text: string;
  talking_points: string[];
  keywords?: string[];
  follow_ups?: FollowUp[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  per_page: number;
}

export interface InterviewSummary {
  id: number | string;
  mode: string;
  role: string;
  difficulty: Difficulty;
  length: number;
  status: 'in_progress' | 'finished';
  overall_score: number | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface Prompt {
  seq: number;
  kind: 'question' | 'follow_up';
  question_id: number | string;
  text: string;
  type: QuestionType;
  difficulty: Difficulty;
  time_limit_s: number;
}

export interface Interview extends InterviewSummary {
  current: Prompt | null;
  asked: number;
  answers: { question_id: number | string; kind: string; prompt: string; text: string; answered_at: Timestamp }[];
}

export interface AnswerResult {
  next: Prompt | null;
  interview: Interview;
}

export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface StarPart {
  present: boolean;
  evidence: Span | null;
}

export interface AnswerScores {
  content: number;
  relevance: number;
  structure: number | null;
  specificity: number;
  clarity: number;
  overall: number;
}

export interface Evidence {
  effect: number;
  dimension: string;
  reason: string;
  span: Span | null;
}

export interface AnswerReport {
  seq: number;
  kind: 'question' | 'follow_up';
  question_id: number | string;
  prompt: string;
  type: QuestionType;
  text: string;
  duration_ms: number;
  scores: AnswerScores;
  talking_points: { covered: { point: string; evidence: Span | null }[]; missed: string[] };
  keywords: { used: { term: string; evidence: Span | null }[]; missed: string[] };
  star: null | { situation: StarPart; task: StarPart; action: StarPart; result: StarPart };
  hedges: { phrase: string; evidence: Span | null }[];
  fillers: { phrase: string; evidence: Span | null }[];
  evidence: Evidence[];
  tips: string[];
  follow_up_reason: string | null;
}

export interface Report {
  interview: InterviewSummary;
  overall: { score: number; content: number; structure: number | null; clarity: number; summary: string };
  answers: AnswerReport[];
  strengths: string[];
  improvements: string[];
}

export interface TrendPoint {
  interview_id: number | string;
  finished_at: Timestamp;
  role: string;
  score: number;
}

export interface Progress {
  interviews: number;
  average: number | null;
  trend: TrendPoint[];
  by_role: { role: string; count: number; average: number }[];
}

export interface Student extends User {
  interviews: number;
  average: number | null;
}

export interface College {
  id: number | string;
  name: string;
  domains: string[];
}
