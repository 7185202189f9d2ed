/**
 * Characters of text a format hands on at a time: about one socket write. Small pieces keep the
 * text in flight (and its encoded bytes) to a few of them, however large a batch of rows is.
 */
export const PIECE_CHARS = 64 * 1024;
