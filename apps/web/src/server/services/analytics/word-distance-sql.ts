// Word edit distance computed inside PostgreSQL, so acceptance analytics aggregate millions of
// captions without shipping them to the app. The JavaScript reference is wordEditDistance in
// @captionary/shared; this SQL follows it for ordinary space-separated captions (see WORD_SPLIT).
import { Prisma } from '@captionary/db';

/**
 * Words are the runs between whitespace and punctuation; apostrophes stay inside words ("don't"
 * is one word), as in the editor. Differences from the editor's Unicode segmentation: a decimal
 * number such as 3.5 counts as two words here, and emoji written against a word join it.
 */
const WORD_SPLIT = `[[:space:].,;:!?"“”«»()\\[\\]{}<>…—–/\\\\|*#~^=+&@%-]+`;
const EDGE_APOSTROPHES = `'’`;

/** `text` as an array of NFC-normalized words (case kept: the editor's comparison is exact). */
function wordsOf(text: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`ARRAY(
    SELECT w FROM (
      SELECT btrim(part, ${EDGE_APOSTROPHES}) AS w
      FROM regexp_split_to_table(normalize(${text}, NFC), ${WORD_SPLIT}) AS part
    ) parts WHERE w <> '')`;
}

/**
 * CTEs (to follow `WITH RECURSIVE`) that turn `pairsCte` — a CTE with columns id (unique),
 * group_key, before_text, after_text — into `pair_distances(id, group_key, before_words,
 * distance)`. Equal prefixes and suffixes are cut first, so a light edit only runs the dynamic
 * programme over the few words around it. The programme handles one row of the Levenshtein table
 * per recursion step, all pairs at once; within a row, the left-to-right dependency is a running
 * minimum (a window function): row[j] = j + min over k ≤ j of (candidate[k] − k).
 */
export function pairDistanceCtes(pairsCte: string): Prisma.Sql {
  return Prisma.sql`
  pair_words AS (
    SELECT id, group_key,
           ${wordsOf(Prisma.raw('before_text'))} AS a,
           ${wordsOf(Prisma.raw('after_text'))} AS b
    FROM ${Prisma.raw(pairsCte)}
  ), pair_prefix AS (
    SELECT *, coalesce(
      (SELECT min(i) FROM generate_series(1, least(cardinality(a), cardinality(b))) i
       WHERE a[i] <> b[i]) - 1,
      least(cardinality(a), cardinality(b))) AS prefix
    FROM pair_words
  ), pair_affix AS (
    SELECT *, coalesce(
      (SELECT min(k) FROM generate_series(1, least(cardinality(a), cardinality(b)) - prefix) k
       WHERE a[cardinality(a) - k + 1] <> b[cardinality(b) - k + 1]) - 1,
      least(cardinality(a), cardinality(b)) - prefix) AS suffix
    FROM pair_prefix
  ), pair_cores AS (
    SELECT id, group_key, cardinality(a) AS before_words,
           a[prefix + 1 : cardinality(a) - suffix] AS ca,
           b[prefix + 1 : cardinality(b) - suffix] AS cb
    FROM pair_affix
  ), levenshtein(id, i, ca, cb, dp_row) AS (
    SELECT id, 0, ca, cb, ARRAY(SELECT generate_series(0, cardinality(cb)))
    FROM pair_cores WHERE cardinality(ca) > 0 AND cardinality(cb) > 0
    UNION ALL
    SELECT l.id, l.i + 1, l.ca, l.cb, ARRAY(
      SELECT k + min(candidate - k) OVER (ORDER BY k)
      FROM (
        SELECT k, CASE WHEN k = 0 THEN l.i + 1
                       ELSE least(l.dp_row[k + 1] + 1,
                                  l.dp_row[k] + CASE WHEN l.ca[l.i + 1] = l.cb[k] THEN 0 ELSE 1 END)
                  END AS candidate
        FROM generate_series(0, cardinality(l.cb)) k
      ) candidates ORDER BY k)
    FROM levenshtein l WHERE l.i < cardinality(l.ca)
  ), pair_distances AS (
    SELECT c.id, c.group_key, c.before_words,
           CASE WHEN cardinality(c.ca) = 0 OR cardinality(c.cb) = 0
                THEN cardinality(c.ca) + cardinality(c.cb)
                ELSE l.dp_row[cardinality(l.dp_row)] END AS distance
    FROM pair_cores c
    LEFT JOIN levenshtein l ON l.id = c.id AND l.i = cardinality(l.ca)
  )`;
}
