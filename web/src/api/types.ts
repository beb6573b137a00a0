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
  /** The model behind the AI interviewer, or null when it runs offline. Absent on older servers. */
  llm?: { provider: string; model: string } | null;
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
  /** Why a targeted question is asked, e.g. "Kafka is on your resume and the job asks for it". */
  why?: string | null;
}

export interface Interview extends InterviewSummary {
  current: Prompt | null;
  asked: number;
  answers: { question_id: number | string; kind: string; prompt: string; text: string; answered_at: Timestamp }[];
  resume_id?: number | string | null;
  job_id?: number | string | null;
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
  /** The AI interviewer's evaluation, next to the offline scores (absent when no model is configured). */
  ai?: AiEvaluation | null;
}

export interface AiEvaluation {
  source: 'llm' | 'offline';
  fallback_reason: string | null;
  scores: { technical_accuracy: number; communication: number; depth: number };
  feedback: string;
  improvements: string[];
}

export interface Usage {
  calls: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

export interface Report {
  interview: InterviewSummary;
  overall: { score: number; content: number; structure: number | null; clarity: number; summary: string };
  answers: AnswerReport[];
  strengths: string[];
  improvements: string[];
  usage?: Usage | null;
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

// ---- Resumes, job descriptions, match (docs/api.md "Resumes and job descriptions") ----

export type Seniority = 'unknown' | 'intern' | 'junior' | 'mid' | 'senior' | 'lead';
export type DocFormat = 'pdf' | 'docx' | 'text' | 'html';

export interface ResumeSummary {
  id: number | string;
  filename: string;
  format: DocFormat | string;
  created_at: Timestamp;
  name: string;
  years: number;
  seniority: Seniority | string;
  skills: number;
  ats_score: number;
}

export type SectionId = 'header' | 'summary' | 'experience' | 'education' | 'skills' | 'projects' | 'certifications' | 'achievements' | 'other';

export interface ResumeSkill {
  name: string;
  category: string;
  count: number;
  /** Byte offset of the first mention in the resume text. */
  first: number;
}

export interface ResumeAnalysis {
  /** Each field is null (older servers: "") when absent. */
  contact: { name: string | null; email: string | null; phone: string | null; linkedin: string | null; github: string | null; website: string | null };
  sections: { id: SectionId | string; heading: string; standard: boolean; start: number; end: number }[];
  jobs: { title: string; start: string; end: string | null; present: boolean; line?: number; years?: number }[];
  years: number;
  seniority: Seniority | string;
  date_problems: number;
  date_problem: string | null;
  /** level: "associate" | "bachelor" | "master" | "doctorate" | "other" (1–4 on early servers). */
  degrees: { level: string | number; degree: string; school: string; year: number | string | null }[];
  skills: ResumeSkill[];
  layout: { pages: number; images: number; tables: number; multi_column: boolean; scanned: boolean };
  format: DocFormat | string;
  words: number;
  /** The server sends { count, quantified, action_verbs }; docs/api.md lists three flat fields. Read with lib/docs bulletStats. */
  bullets: number | { count: number; quantified: number; action_verbs: number };
  bullets_quantified?: number;
  bullets_action?: number;
}

export interface AtsCheck {
  id: string;
  label: string;
  points: number;
  max: number;
  reason: string;
  /** null (or "") when the check passed. */
  suggestion: string | null;
}

export interface Ats {
  score: number;
  checks: AtsCheck[];
}

export interface Resume extends ResumeSummary {
  analysis: ResumeAnalysis;
  ats: Ats;
  text: string;
}

export interface JobSummary {
  id: number | string;
  title: string;
  source: 'text' | 'url' | 'file' | string;
  url: string | null;
  created_at: Timestamp;
  role_family: string;
  seniority: Seniority | string;
  skills: number;
}

export interface JobSkill {
  name: string;
  category: string;
  required: boolean;
  weight: number;
  count: number;
}

export interface JobAnalysis {
  title: string | null;
  role_family: string;
  seniority: Seniority | string;
  min_years: number;
  skills: JobSkill[];
}

export interface Job extends JobSummary {
  analysis: JobAnalysis;
  text: string;
}

export interface MatchSkill {
  name: string;
  category: string;
  required: boolean;
  weight: number;
}

export interface Match {
  resume_id: number | string;
  job_id: number | string;
  match: {
    percent: number;
    formula: string;
    matched: MatchSkill[];
    missing: MatchSkill[];
    /** Skills on the resume the job does not name ({ name, category }; plain names on early servers). */
    extra: ({ name: string; category: string } | string)[];
    gaps: MatchSkill[];
    seniority_ok: boolean;
    years_short: number;
  };
  ats: Ats;
  topics: { skill: string; category: string; why: string; kind: 'matched' | 'gap' | 'project' | string }[];
}
