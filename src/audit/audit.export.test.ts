import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './audit.export.ts';

describe('audit CSV export', () => {
  it('quotes per RFC 4180 and neutralises spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"\nbye')).toBe('"say ""hi""\nbye"');
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+1+1')).toBe(`'+1+1`);
    expect(csvCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvCell(null)).toBe('');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });

  it('writes one line per event with an ISO time', () => {
    const line = csvRow({ seq: 3, id: 'aud_1', institutionId: 'inst_a', actor: '=cmd', actorKind: 'user', action: 'x.y', targetType: 't', targetId: null, ip: '10.0.0.1', before: null, after: { n: 1 }, at: 0, hash: 'ab' });
    expect(line).toBe(`3,aud_1,0,1970-01-01T00:00:00.000Z,inst_a,'=cmd,user,x.y,t,,10.0.0.1,,"{""n"":1}",ab\r\n`);
  });
});
