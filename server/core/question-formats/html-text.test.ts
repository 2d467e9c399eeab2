import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlLosesContent, htmlToText, textToHtml } from './html-text';

const read = (html: string) => {
  const reading = htmlToText(html);
  return reading.ok ? reading.text : `refused: ${reading.message}`;
};

describe('htmlToText', () => {
  it.each([
    [
      'every HTML5 named entity',
      'l&rsquo;&eacute;t&eacute; &le; 2 &times; 3 &hellip; &euro;&nbsp;5',
      'l’été ≤ 2 × 3 … €\u00a05',
    ],
    ['numeric references', '&#601; &#x259;', 'ə ə'],
    ['an ampersand that starts no entity', 'Q&A &amp; R&D', 'Q&A & R&D'],
    [
      'subscripts and superscripts',
      'H<sub>2</sub>O, x<sup>n+1</sup>, 10<sup>−3</sup>, a<sub>i</sub>',
      'H₂O, xⁿ⁺¹, 10⁻³, aᵢ',
    ],
    ['an entity inside a superscript', 'm<sup>&#50;</sup>', 'm²'],
    ['line breaks and paragraphs', '<p>one</p><p>two<br>three</p>', 'one\ntwo\nthree'],
    ['source line breaks as spaces', 'one\n  two', 'one two'],
    [
      'preformatted text as written',
      '<p>Code:</p><pre>\nif x:\n    y = 1</pre><p>End</p>',
      'Code:\nif x:\n    y = 1\nEnd',
    ],
    ['emphasis dropped, its text kept', 'a <strong>bold</strong> <em>claim</em>', 'a bold claim'],
  ])('reads %s', (_what, html, text) => {
    expect(read(html)).toBe(text);
  });

  it('refuses a sub/superscript with no Unicode form, naming it', () => {
    expect(read('T<sub>max</sub> and T<sub>Max</sub>')).toMatch(/subscript "Max" has no Unicode form/);
    expect(read('x<sup>q</sup>')).toMatch(/superscript "q"/);
  });
});

describe('htmlLosesContent', () => {
  it.each([
    ['<a href="@@PLUGINFILE@@/x%20y.mp3">x</a>', 'a file embedded in the Moodle question (@@PLUGINFILE@@/x y.mp3)'],
    ['<img src="https://example.org/x.png">', 'an image'],
    ['<audio controls src="x.ogg"></audio>', 'audio'],
    ['<video src="x.mp4"></video>', 'a video'],
    ['<iframe src="https://example.org"></iframe>', 'embedded content'],
    ['<table><tr><td>1</td></tr></table>', 'a table'],
    ['<math><mi>x</mi></math>', 'a formula (MathML)'],
    ['Solve \\(x^2 = 4\\)', 'a formula (TeX)'],
    ['$$x^2$$', 'a formula (TeX)'],
    ['See <a href="https://example.org">the law</a>', 'a link'],
    ['<script>alert(1)</script>', 'a script or style sheet'],
  ])('refuses %s', (html, what) => {
    expect(htmlLosesContent(html)).toBe(what);
  });

  it('lets escaped markup through as text', () => {
    expect(htmlLosesContent('&lt;img src=x&gt; costs $5, and $&#36; is no formula')).toBeUndefined();
  });
});

describe('textToHtml', () => {
  it('is undone by htmlToText for every plain text the bank stores', () => {
    const text = fc
      .string({
        unit: fc.constantFrom('a', 'ə', 'Ж', ' ', '  ', '\t', '\n', '<', '>', '&', '&amp;', '\\(', '$$', '²', '<pre>'),
        maxLength: 30,
      })
      .map((value) => value.trim())
      .filter((value) => !value.includes('\n\n'));
    fc.assert(
      fc.property(text, (value) => {
        expect(read(textToHtml(value))).toBe(value);
      }),
      { numRuns: 500 },
    );
  });

  it('writes indentation and runs of spaces inside <pre>, other text with <br>', () => {
    expect(textToHtml('a\nb')).toBe('a<br>b');
    expect(textToHtml('if x:\n    y')).toBe('<pre>if x:\n    y</pre>');
  });
});
