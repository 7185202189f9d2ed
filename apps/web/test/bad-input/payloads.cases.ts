// Bodies and parameters of the wrong size, shape or type sent to the REST API.
import { MAX_CAPTION_LENGTH } from '@captionary/shared';
import { ADVISORY_CLASSES, type BadInputCase } from './bad-input-case';

const size = ADVISORY_CLASSES.resourceExhaustion;
const malformed = ADVISORY_CLASSES.malformedInput;

export interface ReviewBodyCase extends BadInputCase {
  action: 'submit' | 'reject';
  /** The body without `version`, which the test adds. */
  body: Record<string, unknown>;
  error: RegExp;
}

export const reviewBodyCases: ReviewBodyCase[] = [
  {
    title: 'Caption of 100 KB',
    advisoryClass: size,
    action: 'submit',
    body: { caption: 'a'.repeat(100 * 1024) },
    error: new RegExp(`Captions are limited to ${MAX_CAPTION_LENGTH} characters`),
  },
  {
    title: `Caption one character over MAX_CAPTION_LENGTH (${MAX_CAPTION_LENGTH + 1})`,
    advisoryClass: size,
    action: 'submit',
    body: { caption: 'b'.repeat(MAX_CAPTION_LENGTH + 1) },
    error: new RegExp(`Captions are limited to ${MAX_CAPTION_LENGTH} characters`),
  },
  {
    title: 'Reject comment of 100 KB',
    advisoryClass: size,
    action: 'reject',
    body: { comment: 'c'.repeat(100 * 1024) },
    error: /comment/,
  },
  {
    title: 'Caption that is not a string ({"$ne": null})',
    advisoryClass: malformed,
    action: 'submit',
    body: { caption: { $ne: null } },
    error: /caption/,
  },
];

export interface RawBodyCase extends BadInputCase {
  contentType: string;
  body: string;
  error: RegExp;
}

export const rawBodyCases: RawBodyCase[] = [
  {
    title: 'Malformed JSON body',
    advisoryClass: malformed,
    contentType: 'application/json',
    body: '{"name": "Unfinished",',
    error: /Request body is not valid JSON/,
  },
  {
    title: 'Form-encoded body instead of JSON',
    advisoryClass: malformed,
    contentType: 'application/x-www-form-urlencoded',
    body: 'name=Form+post',
    error: /Request body is not valid JSON/,
  },
  {
    title: 'JSON body that is an array instead of an object',
    advisoryClass: malformed,
    contentType: 'application/json',
    body: '[{"name": "In an array"}]',
    error: /expected object/i,
  },
];

export interface OversizedBodyCase extends BadInputCase {
  route: 'projects' | 'data-rows';
  bytes: number;
  /** Whether the request says its size up front (Content-Length) or streams it chunked. */
  declaresLength: boolean;
}

export const oversizedBodyCases: OversizedBodyCase[] = [
  {
    title: 'JSON body of 5 MB to POST /api/v1/projects (limit 1 MB)',
    advisoryClass: size,
    route: 'projects',
    bytes: 5 * 1024 * 1024,
    declaresLength: true,
  },
  {
    title: 'JSON body of 5 MB streamed without Content-Length to POST /api/v1/projects',
    advisoryClass: size,
    route: 'projects',
    bytes: 5 * 1024 * 1024,
    declaresLength: false,
  },
  {
    title: 'JSON body of 40 MB to the URL import (limit 32 MB)',
    advisoryClass: size,
    route: 'data-rows',
    bytes: 40 * 1024 * 1024,
    declaresLength: true,
  },
];

export interface QueryCase extends BadInputCase {
  query: string;
}

export const paginationCases: QueryCase[] = [
  { title: 'Negative page size (limit=-1)', advisoryClass: malformed, query: 'limit=-1' },
  { title: 'Huge page size (limit=1e12)', advisoryClass: size, query: 'limit=1000000000000' },
  { title: 'Page size that is not a number', advisoryClass: malformed, query: 'limit=ten' },
  {
    title: 'Cursor that is a SQL fragment',
    advisoryClass: ADVISORY_CLASSES.sqlInjection,
    query: `cursor=${encodeURIComponent("' OR 1=1 --")}`,
  },
];

export const urlCountCase: BadInputCase = {
  title: 'URL import of 100,001 URLs in one request (limit 100,000)',
  advisoryClass: size,
};
