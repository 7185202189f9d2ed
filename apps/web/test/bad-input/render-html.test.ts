import { describe, expect, it } from 'vitest';
import { elementsOf, escapeHtml, expectRenderedAsText } from './render-html';

describe('expectRenderedAsText', () => {
  const payload = '<img src=x onerror="alert(1)">';

  it('passes escaped text, even inside attribute values', () => {
    const escaped = escapeHtml(payload);
    expect(() =>
      expectRenderedAsText(`<p title="${escaped}">${escaped}</p>`, payload),
    ).not.toThrow();
  });

  it('fails on a live element, a handler or a javascript: URL', () => {
    expect(() => expectRenderedAsText(`<p>${payload}</p>`, payload)).toThrow();
    const escaped = escapeHtml(payload);
    for (const live of [
      `<p>${escaped}<script>x</script></p>`,
      `<p onclick="x">${escaped}</p>`,
      `<a href=" javascript:alert(1)">${escaped}</a>`,
    ]) {
      expect(() => expectRenderedAsText(live, payload), live).toThrow();
    }
  });

  it('reads tags and quoted attributes', () => {
    expect(elementsOf('<a href="/x" title=\'a > b\'>t</a><br/>')).toEqual([
      {
        tag: 'a',
        attributes: new Map([
          ['href', '/x'],
          ['title', 'a > b'],
        ]),
      },
      { tag: 'br', attributes: new Map() },
    ]);
  });
});
