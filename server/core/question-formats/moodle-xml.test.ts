import { describe, expect, it } from 'vitest';
import { exportMoodleXml, importMoodleXml } from './moodle-xml';
import { refusals, refused, singleChoiceDraft } from './test-support';

// As Moodle 4.x writes it (Question bank → Export → Moodle XML format), trimmed of empty hints and files.
const MOODLE_EXPORT = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 0  -->
  <question type="category">
    <category>
      <text>$course$/top/Informatics/Number systems</text>
    </category>
    <info format="moodle_auto_format">
      <text></text>
    </info>
    <idnumber></idnumber>
  </question>

<!-- question: 101  -->
  <question type="multichoice">
    <name>
      <text>Binary 1010</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p dir="ltr" style="text-align: left;">What is binary <strong>1010</strong> in decimal?</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text><![CDATA[<p>1·8 + 0·4 + 1·2 + 0·1 = 10</p>]]></text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber>inf-bin-01</idnumber>
    <single>true</single>
    <shuffleanswers>true</shuffleanswers>
    <answernumbering>abc</answernumbering>
    <showstandardinstruction>0</showstandardinstruction>
    <correctfeedback format="html">
      <text>Your answer is correct.</text>
    </correctfeedback>
    <answer fraction="100" format="html">
      <text><![CDATA[<p>10</p>]]></text>
      <feedback format="html">
        <text></text>
      </feedback>
    </answer>
    <answer fraction="0" format="html">
      <text><![CDATA[<p>8</p>]]></text>
      <feedback format="html">
        <text></text>
      </feedback>
    </answer>
    <answer fraction="0" format="html">
      <text><![CDATA[<p>12 &amp; more</p>]]></text>
      <feedback format="html">
        <text></text>
      </feedback>
    </answer>
  </question>

<!-- question: 102  -->
  <question type="multichoice">
    <name>
      <text>Primes</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<span lang="az" class="multilang">Hansılar sadə ədəddir?</span><span lang="ru" class="multilang">Какие числа простые?</span>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text></text>
    </generalfeedback>
    <idnumber></idnumber>
    <single>false</single>
    <answer fraction="50" format="html">
      <text><![CDATA[<span lang="az" class="multilang">2</span><span lang="ru_old" class="multilang">2</span>]]></text>
    </answer>
    <answer fraction="50" format="html">
      <text><![CDATA[<span lang="az" class="multilang">3</span><span lang="ru" class="multilang">3</span>]]></text>
    </answer>
    <answer fraction="-100" format="html">
      <text><![CDATA[<span lang="az" class="multilang">4</span><span lang="ru" class="multilang">4</span>]]></text>
    </answer>
    <tags>
      <tag><text>arithmetic</text></tag>
    </tags>
  </question>

<!-- question: 103  -->
  <question type="shortanswer">
    <name>
      <text>Capital</text>
    </name>
    <questiontext format="html">
      <text>&lt;p&gt;Azərbaycanın paytaxtı hansı şəhərdir?&lt;/p&gt;</text>
    </questiontext>
    <generalfeedback format="html">
      <text></text>
    </generalfeedback>
    <usecase>0</usecase>
    <answer fraction="100" format="moodle_auto_format">
      <text>Bakı</text>
      <feedback format="html"><text>Düzdür</text></feedback>
    </answer>
    <answer fraction="100" format="moodle_auto_format">
      <text>Baku</text>
    </answer>
    <answer fraction="0" format="moodle_auto_format">
      <text>*</text>
      <feedback format="html"><text>Yenidən düşünün</text></feedback>
    </answer>
  </question>
</quiz>
`;

describe('importMoodleXml', () => {
  it('reads a real Moodle export: multichoice, multiple-answer multichoice and shortanswer', () => {
    const result = importMoodleXml(MOODLE_EXPORT);
    expect(result).toEqual({
      ok: true,
      drafts: [
        {
          externalId: 'inf-bin-01',
          subject: 'Informatics',
          topic: 'Number systems',
          difficulty: 'medium',
          content: {
            type: 'single',
            text: { az: 'What is binary 1010 in decimal?' },
            options: [
              { id: 'a', text: { az: '10' } },
              { id: 'b', text: { az: '8' } },
              { id: 'c', text: { az: '12 & more' } },
            ],
          },
          key: { type: 'single', correct: ['a'] },
          explanation: { az: '1·8 + 0·4 + 1·2 + 0·1 = 10' },
          tags: [],
        },
        {
          // No <idnumber>: the name the examiner gave is kept as the external id.
          externalId: 'Primes',
          subject: 'Informatics',
          topic: 'Number systems',
          difficulty: 'medium',
          content: {
            type: 'multiple',
            text: { az: 'Hansılar sadə ədəddir?', ru: 'Какие числа простые?' },
            options: [
              { id: 'a', text: { az: '2', ru: '2' } },
              { id: 'b', text: { az: '3', ru: '3' } },
              { id: 'c', text: { az: '4', ru: '4' } },
            ],
          },
          // Moodle's fractions are partial credit; the -100 % penalty marks "4" wrong (penalties are blueprint rules).
          key: { type: 'multiple', correct: ['a', 'b'], scoring: 'partial' },
          explanation: {},
          tags: ['arithmetic'],
        },
        {
          externalId: 'Capital',
          subject: 'Informatics',
          topic: 'Number systems',
          difficulty: 'medium',
          content: { type: 'short', text: { az: 'Azərbaycanın paytaxtı hansı şəhərdir?' }, options: [] },
          // The 0 % catch-all `*` is Moodle's "anything else is wrong" feedback, not an accepted answer.
          key: { type: 'short', accepted: [{ az: 'Bakı' }, { az: 'Baku' }], match: 'normalised' },
          explanation: {},
          tags: [],
        },
      ],
      categories: [{ path: '$course$/top/Informatics/Number systems', questions: 3 }],
    });
  });

  it('refuses a plain question with no category and no subject tag, naming the subject field', () => {
    const xml = MOODLE_EXPORT.replace(/<question type="category">[\s\S]*?<\/question>/, '');
    const problems = refused(importMoodleXml(xml));
    expect(problems.map((p) => [p.row, p.field, p.code])).toEqual([
      [1, 'subject', 'required'],
      [2, 'subject', 'required'],
      [3, 'subject', 'required'],
    ]);
    expect(problems[0]?.message).toMatch(/category/);
  });

  it('is all-or-nothing: 3 good and 2 bad questions give exactly the 2 problems', () => {
    const good = (id: string) => singleChoiceDraft({ externalId: id });
    const text = exportMoodleXml([good('q1'), good('q2'), good('q3'), good('q4'), good('q5')])
      // Question 2: two options fully correct in a single-choice question.
      .replace(/(<idnumber>q2<\/idnumber>[\s\S]*?)<answer fraction="0"/, '$1<answer fraction="100"')
      // Question 4: an unknown difficulty.
      .replace(/(<idnumber>q4<\/idnumber>[\s\S]*?)imtahan:difficulty=easy/, '$1imtahan:difficulty=hardest');
    const result = importMoodleXml(text);
    expect(result).toMatchObject({ ok: false });
    if (result.ok) return;
    expect(result.problems.map((p) => [p.row, p.field, p.code])).toEqual([
      [2, 'key.correct', 'invalid'],
      [4, 'difficulty', 'invalid'],
    ]);
    expect('drafts' in result).toBe(false);
  });

  it.each([
    ['broken XML', '<quiz><question type="multichoice"><name><text>x</text></question></quiz>', /line 1/],
    ['not XML at all', 'Hello, examiner', /not well-formed/],
    ['an empty file', '', /not well-formed/],
    ['XML that is not a quiz', '<html><body/></html>', /no <quiz>/],
    ['a DOCTYPE (entity expansion)', '<!DOCTYPE quiz [<!ENTITY a "aaaa">]><quiz>&a;</quiz>', /DOCTYPE/],
  ])('refuses %s with a file-level problem and no throw', (_what, xml, message) => {
    const problems = refused(importMoodleXml(xml));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.row).toBe(0);
    expect(problems[0]?.message).toMatch(message);
  });

  it('refuses what it would otherwise lose: other types, images, wildcards, partial short answers', () => {
    const xml = `<quiz>
      <question type="category"><category><text>$course$/top/logic</text></category></question>
      <question type="numerical"><questiontext format="html"><text>How many?</text></questiontext></question>
      <question type="multichoice"><questiontext format="html"><text><![CDATA[<img src="@@PLUGINFILE@@/a.png">Which?]]></text></questiontext>
        <single>true</single><answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text></answer></question>
      <question type="shortanswer"><questiontext format="html"><text>Name?</text></questiontext>
        <answer fraction="100"><text>Ali*</text></answer><answer fraction="50"><text>Veli</text></answer></question>
    </quiz>`;
    expect(refusals(importMoodleXml(xml))).toEqual([
      [1, 'content.type', 'unsupported'],
      [2, 'content.text', 'unsupported'],
      [3, 'key.accepted', 'unsupported'],
      [3, 'key.accepted', 'unsupported'],
    ]);
  });

  it('accepts an empty quiz as zero questions', () => {
    expect(importMoodleXml('<?xml version="1.0"?>\n<quiz>\n</quiz>')).toEqual({ ok: true, drafts: [] });
  });
});

describe('exportMoodleXml', () => {
  const sample = singleChoiceDraft({
    externalId: 'leg-const-07',
    topic: 'constitution',
    source: 'Konstitusiya, maddə 7',
    content: {
      type: 'multiple',
      text: { az: 'A < B & "C"\nikinci sətir', ru: 'Вопрос' },
      options: [
        { id: 'a', text: { az: 'bir', ru: 'один' } },
        { id: 'b', text: { az: 'iki', ru: 'два' } },
        { id: 'c', text: { az: 'üç', ru: 'три' } },
      ],
    },
    key: { type: 'multiple', correct: ['a', 'c'], scoring: 'all-or-nothing' },
    tags: ['imtahan:looks-like-metadata', 'constitution'],
  });
  const xml = exportMoodleXml([sample]);

  it('writes each language as a Moodle multilang span, HTML-escaped inside CDATA', () => {
    expect(xml).toContain(
      '<text><![CDATA[<span lang="az" class="multilang">A &lt; B &amp; "C"<br>ikinci sətir</span><span lang="ru" class="multilang">Вопрос</span>]]></text>',
    );
  });

  it('shares 100 % among the correct options, and keeps what Moodle lacks in imtahan: tags', () => {
    expect(xml.match(/fraction="[^"]*"/g)).toEqual(['fraction="50"', 'fraction="0"', 'fraction="50"']);
    expect(xml).toContain('<single>false</single>');
    expect(xml).toContain('<idnumber>leg-const-07</idnumber>');
    expect(xml).toContain('<text>$course$/top/logic/constitution</text>');
    for (const tag of [
      'imtahan:subject=logic',
      'imtahan:topic=constitution',
      'imtahan:difficulty=easy',
      'imtahan:source=Konstitusiya, maddə 7',
      'imtahan:option-ids=a,b,c',
      'imtahan:scoring=all-or-nothing',
      'imtahan:tag=imtahan:looks-like-metadata',
      'constitution',
    ]) {
      expect(xml).toContain(`<tag><text>${tag}</text></tag>`);
    }
    expect(importMoodleXml(xml)).toEqual({ ok: true, drafts: [sample] });
  });

  it('escapes asterisks in short answers so Moodle does not read them as wildcards', () => {
    const short = singleChoiceDraft({
      content: { type: 'short', text: { az: '2 * 3 = ?' }, options: [] },
      key: { type: 'short', accepted: [{ az: '2*3' }], match: 'exact' },
    });
    const text = exportMoodleXml([short]);
    expect(text).toContain('<text>2\\*3</text>');
    expect(text).toContain('<usecase>1</usecase>');
    expect(importMoodleXml(text)).toEqual({ ok: true, drafts: [short] });
  });
});
