// Caption lint rules a project sets: shown in the editor before submit, and usable as review-step
// filters. Pure, so the editor and the server judge a caption the same way.
import { z } from 'zod';
import { captionWords, tokenizeCaption } from './caption-tokens';

/** Openers that describe the photo instead of its content; the default banned list. */
export const DEFAULT_BANNED_OPENERS = ['an image of', 'a picture of', 'a photo of'];

const Phrase = z.string().trim().min(1).max(100);

/** A project's caption lint rules (Project.lintRules); `{}` means the defaults. */
export const LintRules = z
  .object({
    minWords: z.number().int().min(1).max(500).optional(),
    maxWords: z.number().int().min(1).max(500).optional(),
    /** Phrases a caption may not start with (case-insensitive, whole words). */
    bannedOpeners: z.array(Phrase).max(100).default(DEFAULT_BANNED_OPENERS),
    /** Words or phrases a caption may not contain (case-insensitive, whole words). */
    bannedWords: z.array(Phrase).max(500).default([]),
    /** Flag captions submitted exactly as the model wrote them. */
    flagUnchangedFromPrelabel: z.boolean().default(false),
    /** Flag things that look like e-mail addresses or phone numbers. */
    flagPii: z.boolean().default(true),
  })
  .refine((rules) => !rules.minWords || !rules.maxWords || rules.minWords <= rules.maxWords, {
    message: 'the minimum word count cannot exceed the maximum',
    path: ['minWords'],
  });
export type LintRules = z.infer<typeof LintRules>;
export type LintRulesInput = z.input<typeof LintRules>;

/** Every lint rule's name, in the order lintCaption reports hits. */
export const LINT_RULE_NAMES = [
  'minWords',
  'maxWords',
  'bannedOpener',
  'bannedWord',
  'unchangedFromPrelabel',
  'pii',
] as const;
export const LintRuleName = z.enum(LINT_RULE_NAMES);
export type LintRuleName = z.infer<typeof LintRuleName>;

/** Narrows a step's queue by lint hits: items with any hit, or with a hit of one rule. */
export const QueueLintFilter = z.union([z.literal('any'), LintRuleName]);
export type QueueLintFilter = z.infer<typeof QueueLintFilter>;

/** One rule a caption breaks, with a message for the person editing it. */
export interface LintHit {
  rule: LintRuleName;
  message: string;
}

function lowerWords(text: string): string[] {
  return captionWords(text).map((word) => word.toLowerCase());
}

function startsWithWords(words: readonly string[], phrase: readonly string[]): boolean {
  return phrase.length > 0 && phrase.every((word, index) => words[index] === word);
}

function containsWords(words: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  for (let start = 0; start + phrase.length <= words.length; start++) {
    if (phrase.every((word, index) => words[start + index] === word)) return true;
  }
  return false;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
// Digit runs with phone-like separators; judged by their digit count below.
const PHONE_CANDIDATE = /\+?\(?\d[\d\s().-]{5,}\d/gu;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for 7–15 digits written like a phone number (not a date or a plain year range). */
function looksLikePhoneNumber(candidate: string): boolean {
  const trimmed = candidate.trim();
  if (ISO_DATE.test(trimmed)) return false;
  const digits = trimmed.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 15;
}

function piiKinds(caption: string): string[] {
  const kinds: string[] = [];
  if (EMAIL.test(caption)) kinds.push('an e-mail address');
  if ([...caption.matchAll(PHONE_CANDIDATE)].some(([match]) => looksLikePhoneNumber(match))) {
    kinds.push('a phone number');
  }
  return kinds;
}

/**
 * The rules `caption` breaks, in a fixed order. `prelabel` is the model's caption for the row,
 * when there is one (needed by the unchanged-from-pre-label rule).
 */
export function lintCaption(
  caption: string,
  rules: LintRules,
  prelabel?: string | null,
): LintHit[] {
  const hits: LintHit[] = [];
  const words = lowerWords(caption);
  if (rules.minWords !== undefined && words.length < rules.minWords) {
    hits.push({
      rule: 'minWords',
      message: `Use at least ${rules.minWords} words (this caption has ${words.length})`,
    });
  }
  if (rules.maxWords !== undefined && words.length > rules.maxWords) {
    hits.push({
      rule: 'maxWords',
      message: `Use at most ${rules.maxWords} words (this caption has ${words.length})`,
    });
  }
  const opener = rules.bannedOpeners.find((phrase) => startsWithWords(words, lowerWords(phrase)));
  if (opener !== undefined) {
    hits.push({
      rule: 'bannedOpener',
      message: `Describe the content directly instead of starting with "${opener}"`,
    });
  }
  const banned = rules.bannedWords.filter((phrase) => containsWords(words, lowerWords(phrase)));
  if (banned.length) {
    hits.push({
      rule: 'bannedWord',
      message: `Avoid ${banned.map((phrase) => `"${phrase}"`).join(', ')}`,
    });
  }
  if (rules.flagUnchangedFromPrelabel && prelabel != null && sameTokens(caption, prelabel)) {
    hits.push({ rule: 'unchangedFromPrelabel', message: 'The caption is the model’s, unchanged' });
  }
  if (rules.flagPii) {
    const kinds = piiKinds(caption);
    if (kinds.length) {
      hits.push({ rule: 'pii', message: `Looks like it contains ${kinds.join(' and ')}` });
    }
  }
  return hits;
}

/** Equal up to whitespace and Unicode normalization (what "unchanged" means to a reader). */
function sameTokens(a: string, b: string): boolean {
  const left = tokenizeCaption(a);
  const right = tokenizeCaption(b);
  return left.length === right.length && left.every((token, i) => token.key === right[i]!.key);
}

/** The project's stored rules, or the defaults when the stored value is missing or invalid. */
export function parseStoredLintRules(stored: unknown): LintRules {
  const parsed = LintRules.safeParse(stored ?? {});
  return parsed.success ? parsed.data : LintRules.parse({});
}
