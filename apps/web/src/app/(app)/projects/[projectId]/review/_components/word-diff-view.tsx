import { wordDiff } from '@captionary/shared';
import styles from './review.module.css';

/** Splits a diff run into the whitespace before it and its words, so marks cover words only. */
function splitLeadingSpace(text: string): [string, string] {
  const words = text.trimStart();
  return [text.slice(0, text.length - words.length), words];
}

/**
 * A word-level diff as running text: inserted words underlined, deleted words struck through
 * (never colour alone), each also announced by its <ins>/<del> element.
 */
export function WordDiffView({
  before,
  after,
  testId,
}: {
  before: string;
  after: string;
  testId?: string;
}) {
  if (before === after) {
    return (
      <p className={styles.diff} data-testid={testId}>
        {after} <span className="muted">(no change)</span>
      </p>
    );
  }
  return (
    <p className={styles.diff} data-testid={testId}>
      {wordDiff(before, after).map((part, index, parts) => {
        const [leading, words] = splitLeadingSpace(part.text);
        if (part.op === 'equal') return <span key={index}>{part.text}</span>;
        // A replaced first word: the deleted and inserted runs both start the text, so neither
        // brings a space of its own; one keeps "old new" from reading as "oldnew".
        const previous = parts[index - 1];
        const space = leading || (previous && previous.op !== 'equal' ? ' ' : '');
        const Mark = part.op === 'insert' ? 'ins' : 'del';
        return (
          <span key={index}>
            {space}
            <Mark className={part.op === 'insert' ? styles.diffInsert : styles.diffDelete}>
              {words}
            </Mark>
          </span>
        );
      })}
    </p>
  );
}
