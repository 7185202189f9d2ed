/**
 * GPT-2 byte-level BPE represents every byte as a printable character: printable Latin-1 bytes
 * map to themselves and the rest are shifted to code points from 256 upwards (space becomes "Ġ",
 * newline "Ċ"). The tiny tokenizer must use the same table as the library that decodes it.
 */
export function byteToUnicodeTable(): string[] {
  const printable = (b: number) =>
    (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  const table: string[] = [];
  let shifted = 0;
  for (let byte = 0; byte < 256; byte++) {
    table.push(String.fromCharCode(printable(byte) ? byte : 256 + shifted++));
  }
  return table;
}

/** Special tokens in OPT's order: `</s>` (id 2) serves as BOS and EOS, as in OPT. */
export const TINY_SPECIAL_TOKENS = ['<s>', '<pad>', '</s>', '<unk>'] as const;
export const TINY_SPECIAL_IDS = { bos: 2, eos: 2, pad: 1, unk: 3 } as const;

/** Words that become single tokens (with a leading space), so tiny-model captions look word-like. */
// prettier-ignore
export const TINY_WORDS = [
  'a', 'an', 'the', 'of', 'on', 'in', 'with', 'and', 'at', 'by', 'near', 'under', 'over', 'next', 'to',
  'is', 'are', 'two', 'three', 'some', 'photo', 'picture', 'image', 'close', 'up', 'view',
  'man', 'woman', 'person', 'people', 'child', 'boy', 'girl', 'group', 'dog', 'cat', 'bird', 'horse',
  'cow', 'sheep', 'car', 'bus', 'truck', 'bike', 'train', 'boat', 'plane', 'street', 'road', 'city',
  'building', 'house', 'room', 'kitchen', 'table', 'chair', 'bed', 'window', 'door', 'wall', 'floor',
  'tree', 'trees', 'grass', 'field', 'flower', 'flowers', 'water', 'beach', 'sea', 'lake', 'river',
  'mountain', 'sky', 'snow', 'sun', 'cloud', 'food', 'plate', 'pizza', 'cake', 'fruit', 'cup',
  'bowl', 'sign', 'light', 'ball', 'game', 'red', 'blue', 'green', 'yellow', 'white', 'black',
  'brown', 'orange', 'pink', 'gray', 'small', 'large', 'big', 'old', 'young', 'empty', 'bright',
  'dark', 'sitting', 'standing', 'walking', 'running', 'riding', 'playing', 'holding', 'eating',
  'looking', 'flying', 'parked', 'front', 'top', 'side', 'background', 'outside', 'inside', 'day',
  'night', 'colorful', 'pattern', 'square', 'circle', 'shape', 'texture',
];
