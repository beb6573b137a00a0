// Pure helpers for the resume, job and match pages: upload checks made before
// any bytes leave the browser (mirroring the server's limits), and the wording
// of years, seniority, ATS checks, match percentages and model costs.

import type { Ats, AtsCheck, JobSkill, MatchSkill, ResumeAnalysis, ResumeSkill } from '../api/types';

/** The server's upload limit (docs/api.md): 10 MiB. */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
/** Pasted job descriptions: 50 to 100,000 characters. */
export const JOB_TEXT_MIN = 50;
export const JOB_TEXT_MAX = 100_000;

/** "512 B", "48 KiB", "12.3 MiB". */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '—';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

/** File-name endings the server cannot read, with the reason it would give. */
const REFUSED_EXTENSIONS: Record<string, string> = {
  doc: 'is a legacy Word .doc file: save it as .docx or PDF first',
  rtf: 'is an RTF file: save it as .docx, PDF or plain text first',
  odt: 'is an OpenDocument file: save it as .docx or PDF first',
  pages: 'is a Pages file: export it as PDF first',
  png: 'is an image: upload the PDF, DOCX or text of your resume instead',
  jpg: 'is an image: upload the PDF, DOCX or text of your resume instead',
  jpeg: 'is an image: upload the PDF, DOCX or text of your resume instead',
  gif: 'is an image: upload the PDF, DOCX or text of your resume instead',
  webp: 'is an image: upload the PDF, DOCX or text of your resume instead',
  heic: 'is an image: upload the PDF, DOCX or text of your resume instead',
  zip: 'is a zip archive: upload the resume file itself',
};

/**
 * Why a chosen file cannot be uploaded, or null when it may be sent. Only
 * refusals that are certain happen here (size, empty, a known unreadable
 * type); the server decides the type from the content and has the last word.
 */
export function uploadProblem(file: { name: string; size: number }): string | null {
  const name = file.name || 'The file';
  if (file.size === 0) return `${name} is empty.`;
  if (file.size > UPLOAD_MAX_BYTES) return `${name} is ${formatBytes(file.size)}; the limit is 10 MiB. Remove images or export a smaller PDF.`;
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const why = REFUSED_EXTENSIONS[ext];
  return why ? `${name} ${why}.` : null;
}

/** The problem with a pasted job description, or null. */
export function jobTextProblem(text: string): string | null {
  const n = text.trim().length;
  if (n === 0) return 'Paste the job description.';
  if (n < JOB_TEXT_MIN) return `That is only ${n} characters; paste the whole job description (at least ${JOB_TEXT_MIN}).`;
  if (text.length > JOB_TEXT_MAX) return `That is ${text.length.toLocaleString('en')} characters; the limit is ${JOB_TEXT_MAX.toLocaleString('en')}.`;
  return null;
}

/** The problem with a job posting address, or null. */
export function jobUrlProblem(url: string): string | null {
  const u = url.trim();
  if (!u) return 'Enter the address of the job posting.';
  let parsed: URL;
  try {
    parsed = new URL(u);
  } catch {
    return 'Enter a full address, starting with https://';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'Only http and https addresses can be fetched.';
  if (!parsed.hostname) return 'Enter a full address, starting with https://';
  return null;
}

/** "4.5 years", "1 year", "under a year", "—" (no dated roles). */
export function formatYears(y: number | null | undefined): string {
  if (y === null || y === undefined || !Number.isFinite(y) || y < 0) return '—';
  if (y === 0) return 'under a year';
  const r = Math.round(y * 10) / 10;
  if (r < 1) return 'under a year';
  return `${Number.isInteger(r) ? r.toFixed(0) : r.toFixed(1)} year${r === 1 ? '' : 's'}`;
}

const SENIORITY: Record<string, string> = {
  unknown: 'not stated',
  intern: 'Intern',
  junior: 'Junior',
  mid: 'Mid-level',
  senior: 'Senior',
  lead: 'Lead',
};

export function seniorityLabel(s: string | null | undefined): string {
  return (s && SENIORITY[s]) || (s ? s : 'not stated');
}

const SECTION_NAMES: Record<string, string> = {
  header: 'Header',
  summary: 'Summary',
  experience: 'Experience',
  education: 'Education',
  skills: 'Skills',
  projects: 'Projects',
  certifications: 'Certifications',
  achievements: 'Achievements',
  other: 'Other',
};

export function sectionLabel(id: string): string {
  return SECTION_NAMES[id] ?? id;
}

const DEGREE_LEVELS: Record<string, string> = {
  associate: 'Associate',
  bachelor: "Bachelor's",
  master: "Master's",
  doctorate: 'Doctorate',
  other: '',
  1: 'Associate',
  2: "Bachelor's",
  3: "Master's",
  4: 'Doctorate',
};
/** "bachelor" → "Bachelor's" (numeric levels 1–4 of early servers too); "" when unknown. */
export function degreeLevel(level: string | number | null | undefined): string {
  return level === null || level === undefined ? '' : (DEGREE_LEVELS[String(level)] ?? '');
}

/** "language" → "Language", "devops" → "DevOps"; names already written for people ("Cloud and DevOps") stay. */
export function categoryLabel(c: string): string {
  const special: Record<string, string> = { devops: 'DevOps', ml: 'ML', ai: 'AI', ui: 'UI', qa: 'QA', '': 'Other' };
  if (c in special) return special[c]!;
  if (/[A-Z ]/.test(c)) return c;
  return c
    .split(/[_\s-]+/)
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join(' ');
}

export interface SkillGroup<T> {
  category: string;
  label: string;
  skills: T[];
}

/** Skills grouped by category: biggest groups first, then by name; inside a group, most mentioned first. */
export function groupSkills<T extends { name: string; category: string; count?: number }>(skills: T[]): SkillGroup<T>[] {
  const by = new Map<string, T[]>();
  for (const s of skills) {
    const k = s.category || '';
    const list = by.get(k);
    if (list) list.push(s);
    else by.set(k, [s]);
  }
  return [...by.entries()]
    .map(([category, list]) => ({
      category,
      label: categoryLabel(category),
      skills: [...list].sort((a, b) => (b.count ?? 0) - (a.count ?? 0) || a.name.localeCompare(b.name)),
    }))
    .sort((a, b) => b.skills.length - a.skills.length || a.label.localeCompare(b.label));
}

export type Band = 'good' | 'fair' | 'weak';

/** Colour hint for a 0–100 score (ATS, match); the number is always shown too. */
export function band100(score: number): Band {
  return score >= 75 ? 'good' : score >= 50 ? 'fair' : 'weak';
}

export interface AtsCheckView extends AtsCheck {
  /** "8/10" */
  tally: string;
  status: 'pass' | 'partial' | 'fail';
  /** 0–100, for the bar. */
  pct: number;
}

/** Every check with its tally and status, in the server's order. */
export function atsChecks(ats: Ats): AtsCheckView[] {
  return ats.checks.map((c) => {
    const max = Math.max(0, c.max);
    const points = Math.max(0, Math.min(max, c.points));
    return {
      ...c,
      tally: `${fmtPoints(points)}/${fmtPoints(max)}`,
      status: max === 0 || points >= max ? 'pass' : points <= 0 ? 'fail' : 'partial',
      pct: max ? Math.round((points / max) * 100) : 100,
    };
  });
}

function fmtPoints(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** One line under the ATS score: "7 of 10 checks passed · 18 points lost on 3 checks". */
export function atsSummary(ats: Ats): string {
  const views = atsChecks(ats);
  const passed = views.filter((v) => v.status === 'pass').length;
  const lost = views.reduce((s, v) => s + Math.max(0, v.max - Math.max(0, Math.min(v.max, v.points))), 0);
  const failing = views.length - passed;
  const head = `${passed} of ${views.length} check${views.length === 1 ? '' : 's'} passed`;
  return failing ? `${head} · ${fmtPoints(lost)} point${lost === 1 ? '' : 's'} lost on ${failing} check${failing === 1 ? '' : 's'}` : head;
}

/** Required and nice-to-have skills of a job, heaviest first. */
export function splitJobSkills<T extends JobSkill | MatchSkill>(skills: T[]): { required: T[]; nice: T[] } {
  const order = (a: T, b: T) => b.weight - a.weight || a.name.localeCompare(b.name);
  return { required: skills.filter((s) => s.required).sort(order), nice: skills.filter((s) => !s.required).sort(order) };
}

/** How important a gap is, in words, from its weight in the job description. */
export function importance(s: { required: boolean; weight: number }): string {
  if (s.required) return s.weight >= 0.8 ? 'required, key' : 'required';
  return 'nice to have';
}

/** "$0.0042", "$1.27", "$0" — small costs keep two significant digits. */
export function formatCost(usd: number): string {
  if (!Number.isFinite(usd) || usd <= 0) return '$0';
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  return `$${usd.toPrecision(2).replace(/0+$/, '').replace(/\.$/, '')}`;
}

/** "12,345" */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '—';
}

/** The usage footer line, or null when the model was never called. */
export function usageLine(u: { calls: number; input_tokens: number; output_tokens: number; cost_usd: number } | null | undefined): string | null {
  if (!u || !(u.calls > 0)) return null;
  return `${formatCount(u.calls)} model call${u.calls === 1 ? '' : 's'} · ${formatCount(u.input_tokens)} input + ${formatCount(u.output_tokens)} output tokens · ${formatCost(u.cost_usd)}`;
}

/** Bullet counts, whether the server nests them ({ count, quantified, action_verbs }) or not. */
export function bulletStats(a: Pick<ResumeAnalysis, 'bullets' | 'bullets_quantified' | 'bullets_action'>): { count: number; quantified: number; action: number } {
  const b = a.bullets;
  if (b && typeof b === 'object') return { count: b.count ?? 0, quantified: b.quantified ?? 0, action: b.action_verbs ?? 0 };
  return { count: typeof b === 'number' ? b : 0, quantified: a.bullets_quantified ?? 0, action: a.bullets_action ?? 0 };
}

/** A 0–100 figure as shown: whole numbers stay whole, others get one decimal ("70.6"). */
export function formatPercent(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const c = Math.max(0, Math.min(100, v));
  const r = Math.round(c * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/** Resume skills sorted by first mention, for the "skills in order" view. */
export function byFirstMention(skills: ResumeSkill[]): ResumeSkill[] {
  return [...skills].sort((a, b) => a.first - b.first);
}

/** A heading for a refused upload, from the error code, so the server's message reads in context. */
export function uploadRefusal(code: string): string {
  switch (code) {
    case 'payload_too_large':
      return 'The file is too large';
    case 'unsupported_media_type':
      return 'This file type cannot be read';
    case 'unprocessable':
      return 'No text could be read from the file';
    case 'conflict':
      return 'You have reached the limit';
    case 'invalid_argument':
      return 'The upload was refused';
    default:
      return 'The upload failed';
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2021-03" → "Mar 2021"; a bare year stays; anything else is shown as given. */
export function formatMonth(ym: string | null | undefined): string {
  if (!ym) return '';
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m) return ym;
  const k = Number(m[2]);
  return k >= 1 && k <= 12 ? `${MONTHS[k - 1]} ${m[1]}` : m[1]!;
}

/** "Mar 2021 – present", "Jan 2019 – Dec 2020". */
export function formatSpan(job: { start: string; end: string | null; present: boolean }): string {
  const end = job.present ? 'present' : formatMonth(job.end) || '?';
  return `${formatMonth(job.start) || '?'} – ${end}`;
}

/**
 * The reason under a targeted question, split for display. The server sends
 * "Kafka: listed in your skills and used at Acme" (skill, colon, reason) or a
 * plain sentence; either way the user reads why this question is asked.
 */
export function whyParts(why: string | null | undefined): { skill: string; reason: string } | null {
  const w = (why ?? '').trim().replace(/\.+$/, '');
  if (!w) return null;
  const m = /^([^:]{1,60}):\s+(.+)$/.exec(w);
  // "project: Tiny compiler" alone is a reason, not a skill.
  if (m && !/^(project|because|asked because)$/i.test(m[1]!.trim())) return { skill: m[1]!.trim(), reason: m[2]!.trim() };
  return { skill: '', reason: w };
}
