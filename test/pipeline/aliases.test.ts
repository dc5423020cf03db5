import { describe, expect, it } from 'vitest';
import { deriveNames, placeBefore, splitPlaces } from '../../pipeline/aliases.js';

const texts = (name: string) => deriveNames(name).map((d) => d.text);

describe('deriveNames', () => {
  it('abbreviates a city bureau with and without its place', () => {
    const names = deriveNames('济南市住房和城乡建设局');
    expect(names).toEqual(
      expect.arrayContaining([
        { text: '市住建局', needsPlace: false },
        { text: '济南住建局', needsPlace: false },
        { text: '济南市住建局', needsPlace: false },
        { text: '住建局', needsPlace: true },
      ]),
    );
  });

  it('reads the place chain of a village and a township government', () => {
    expect(splitPlaces('A7县春华镇金鼎村')).toEqual({
      places: [
        { text: 'A7县', stem: 'A7', level: '县' },
        { text: '春华镇', stem: '春华', level: '镇' },
      ],
      rest: '金鼎村',
    });
    expect(texts('青石镇人民政府')).toEqual(expect.arrayContaining(['青石镇政府']));
  });

  it('takes a company brand from its legal name', () => {
    expect(texts('泰安市兴泰创富企业管理咨询有限公司')).toContain('兴泰创富');
    expect(texts('华融国际信托有限责任公司')).toContain('华融国际信托');
  });

  it('does not read 住房和城乡 as a place', () => {
    expect(splitPlaces('住房和城乡建设局').places).toEqual([]);
  });

  it('finds the place right before a mention', () => {
    expect(placeBefore('明州市明湖区住建局', 6)).toBe('明州市明湖区');
    expect(placeBefore('网友称住建局', 3)).toBeUndefined();
  });
});
