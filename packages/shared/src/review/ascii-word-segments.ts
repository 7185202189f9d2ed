// Unicode word segmentation (UAX #29) for text that is all ASCII, as Intl.Segmenter does it but
// several times faster: most captions are plain English, and the export's edit distances and the
// submit path's lint rules segment every caption they see. Other text goes to Intl.Segmenter.
//
// Only the rules that can apply to ASCII characters are here (no Hebrew, Katakana, emoji or
// regional indicators, and no Extend/Format characters to skip).

/** Word_Break property values of the ASCII characters. */
const Kind = {
  Other: 0,
  CR: 1,
  LF: 2,
  Newline: 3,
  Space: 4,
  Letter: 5,
  Numeric: 6,
  /** `_` joins letters and digits around it. */
  ExtendNumLet: 7,
  /** `:` between letters. */
  MidLetter: 8,
  /** `,` and `;` between digits. */
  MidNum: 9,
  /** `.` and `'`: between letters or between digits. */
  MidNumLetQ: 10,
} as const;
type Kind = (typeof Kind)[keyof typeof Kind];

const KINDS: Kind[] = Array.from({ length: 128 }, (_, code) => {
  const char = String.fromCharCode(code);
  if (/[A-Za-z]/.test(char)) return Kind.Letter;
  if (/[0-9]/.test(char)) return Kind.Numeric;
  switch (char) {
    case '\r':
      return Kind.CR;
    case '\n':
      return Kind.LF;
    case '\v':
    case '\f':
      return Kind.Newline;
    case ' ':
      return Kind.Space;
    case '_':
      return Kind.ExtendNumLet;
    case ':':
      return Kind.MidLetter;
    case ',':
    case ';':
      return Kind.MidNum;
    case '.':
    case "'":
      return Kind.MidNumLetQ;
    default:
      return Kind.Other;
  }
});

const NON_ASCII = /[^\p{ASCII}]/u;

/** Whether `asciiWordSegments` can segment this text. */
export function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}

const isNewline = (kind: Kind) => kind === Kind.CR || kind === Kind.LF || kind === Kind.Newline;
const joinsLetters = (kind: Kind) => kind === Kind.MidLetter || kind === Kind.MidNumLetQ;
const joinsDigits = (kind: Kind) => kind === Kind.MidNum || kind === Kind.MidNumLetQ;
const isWordPart = (kind: Kind) =>
  kind === Kind.Letter || kind === Kind.Numeric || kind === Kind.ExtendNumLet;

/** Whether the rules keep the characters at `at - 1` and `at` in one segment. */
function staysTogether(kinds: Kind[], at: number): boolean {
  const before = kinds[at - 1]!;
  const after = kinds[at]!;
  const twoBefore = kinds[at - 2];
  const next = kinds[at + 1];
  if (before === Kind.CR && after === Kind.LF) return true; // WB3
  if (isNewline(before) || isNewline(after)) return false; // WB3a, WB3b
  if (before === Kind.Space && after === Kind.Space) return true; // WB3d
  if (before === Kind.Letter && after === Kind.Letter) return true; // WB5
  if (before === Kind.Letter && joinsLetters(after) && next === Kind.Letter) return true; // WB6
  if (twoBefore === Kind.Letter && joinsLetters(before) && after === Kind.Letter) return true; // WB7
  if (before === Kind.Numeric && after === Kind.Numeric) return true; // WB8
  if (before === Kind.Letter && after === Kind.Numeric) return true; // WB9
  if (before === Kind.Numeric && after === Kind.Letter) return true; // WB10
  if (twoBefore === Kind.Numeric && joinsDigits(before) && after === Kind.Numeric) return true; // WB11
  if (before === Kind.Numeric && joinsDigits(after) && next === Kind.Numeric) return true; // WB12
  if (isWordPart(before) && after === Kind.ExtendNumLet) return true; // WB13a
  if (before === Kind.ExtendNumLet && isWordPart(after)) return true; // WB13b
  return false; // WB999
}

/** The text's word-break segments (words, spaces, punctuation), in order; ASCII text only. */
export function asciiWordSegments(text: string): string[] {
  const kinds = new Array<Kind>(text.length);
  for (let i = 0; i < text.length; i++) kinds[i] = KINDS[text.charCodeAt(i)] ?? Kind.Other;
  const segments: string[] = [];
  let start = 0;
  for (let i = 1; i < text.length; i++) {
    if (staysTogether(kinds, i)) continue;
    segments.push(text.slice(start, i));
    start = i;
  }
  if (text.length) segments.push(text.slice(start));
  return segments;
}
