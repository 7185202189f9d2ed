import type { ImageRejectedError, ImageRejectionReason } from '../preprocess/image-rejected-error';

/** A captioned image. `ms` is the image's share of its batch's wall time (batch ms / images). */
export interface CaptionSuccess {
  caption: string;
  score: number;
  /** Number of generated tokens (the stop token included when one was generated). */
  tokens: number;
  tokenIds: number[];
  ms: number;
}

/** An image that could not be captioned; `reason` says whether retrying could help. */
export interface CaptionFailure {
  error: string;
  reason: ImageRejectionReason | 'inference-failed';
}

export type CaptionItemResult = CaptionSuccess | CaptionFailure;

export const isCaptionFailure = (result: CaptionItemResult): result is CaptionFailure =>
  'error' in result;

/** The failure of an image that preprocessing refused. */
export const refusedImage = ({ reason, detail }: ImageRejectedError): CaptionFailure => ({
  error: detail,
  reason,
});

/** A failure as one line, reason first: "undecodable: VipsJpeg: Premature end of input file". */
export const describeFailure = ({ reason, error }: CaptionFailure): string => `${reason}: ${error}`;
