import { describe, expect, it } from 'vitest';
import { DEFAULT_BANNED_OPENERS, LintRules, lintCaption, parseStoredLintRules } from './lint-rules';

const defaults = LintRules.parse({});
const rulesOf = (caption: string, rules = defaults, prelabel?: string) =>
  lintCaption(caption, rules, prelabel).map((hit) => hit.rule);

describe('LintRules', () => {
  it('defaults to the banned openers and PII check, nothing else', () => {
    expect(defaults).toEqual({
      bannedOpeners: DEFAULT_BANNED_OPENERS,
      bannedWords: [],
      flagUnchangedFromPrelabel: false,
      flagPii: true,
    });
    expect(parseStoredLintRules({ minWords: 'three' })).toEqual(defaults);
  });

  it('refuses a minimum above the maximum', () => {
    expect(LintRules.safeParse({ minWords: 10, maxWords: 5 }).success).toBe(false);
  });
});

describe('lintCaption', () => {
  it('passes a plain caption', () => {
    expect(lintCaption('a dog catching a frisbee in a park', defaults)).toEqual([]);
  });

  it('checks word counts without counting punctuation', () => {
    const rules = LintRules.parse({ minWords: 3, maxWords: 5 });
    expect(rulesOf('a dog .', rules)).toEqual(['minWords']);
    expect(rulesOf('a dog on a red sofa', rules)).toEqual(['maxWords']);
    expect(rulesOf('a dog, sleeping.', rules)).toEqual([]);
    expect(lintCaption('a dog', rules)[0]!.message).toMatch(
      /at least 3 words \(this caption has 2\)/,
    );
  });

  it('flags banned openers case-insensitively and by whole words only', () => {
    expect(rulesOf('An image of a dog')).toEqual(['bannedOpener']);
    expect(rulesOf('A PHOTO OF two cats')).toEqual(['bannedOpener']);
    expect(rulesOf('“A picture of” a sunset')).toEqual(['bannedOpener']);
    expect(rulesOf('an imagery of colours')).toEqual([]);
    expect(rulesOf('a dog next to an image of a cat')).toEqual([]);
  });

  it('flags banned words and phrases anywhere, as whole words', () => {
    const rules = LintRules.parse({ bannedWords: ['beautiful', 'stock photo'] });
    expect(rulesOf('a Beautiful sunset', rules)).toEqual(['bannedWord']);
    expect(rulesOf('a stock photo of a desk', rules)).toEqual(['bannedWord']);
    expect(rulesOf('a beautifully lit room', rules)).toEqual([]);
    expect(lintCaption('beautiful stock photo', rules)[0]!.message).toBe(
      'Avoid "beautiful", "stock photo"',
    );
  });

  it('flags a caption left as the model wrote it, when asked', () => {
    const rules = LintRules.parse({ flagUnchangedFromPrelabel: true });
    expect(rulesOf('a dog  on a beach', rules, 'a dog on a beach')).toEqual([
      'unchangedFromPrelabel',
    ]);
    expect(rulesOf('a dog on the beach', rules, 'a dog on a beach')).toEqual([]);
    expect(rulesOf('a dog on a beach', rules)).toEqual([]);
    expect(rulesOf('a dog on a beach', defaults, 'a dog on a beach')).toEqual([]);
  });

  it('flags e-mail addresses and phone numbers, not dates or counts', () => {
    expect(rulesOf('a sign reading jane.doe@example.com')).toEqual(['pii']);
    expect(rulesOf('a van with +1 (555) 123-4567 on the side')).toEqual(['pii']);
    expect(rulesOf('call 020 7946 0958 written on a wall')).toEqual(['pii']);
    expect(rulesOf('a poster dated 2024-05-01 with 3 people from 1990')).toEqual([]);
    expect(rulesOf('jane@example.com', LintRules.parse({ flagPii: false }))).toEqual([]);
  });

  it('handles RTL, emoji and combining marks without breaking words', () => {
    const rules = LintRules.parse({ minWords: 3, bannedWords: ['café'] });
    expect(rulesOf('חתול ישן על ספה', rules)).toEqual([]);
    expect(rulesOf('قطة سوداء 🐈‍⬛', rules)).toEqual([]);
    // A decomposed é still matches the banned composed word.
    expect(rulesOf('a small cafe\u0301 at night', rules)).toEqual(['bannedWord']);
    expect(rulesOf('<script>alert(1)</script> a cat', defaults)).toEqual([]);
  });
});
