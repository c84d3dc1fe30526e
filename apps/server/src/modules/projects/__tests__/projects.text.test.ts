import { describe, expect, it } from 'vitest';
import { distanceMeters, jaccard, scoreSimilarity, tokenize, topTokens } from '../projects.text.ts';

describe('tokenizer and similarity', () => {
  it('cuts Chinese into words without stop words or punctuation', () => {
    const t = tokenize('沙湾区外卖电动车没有地方停放，经常被贴罚单！');
    expect(t).toEqual(expect.arrayContaining(['沙湾区', '外卖', '电动车', '停放', '罚单']));
    for (const w of ['，', '！', '没有', '经常', '被', '的']) expect(t).not.toContain(w);
  });

  it('keeps each token once, lower-cases Latin and drops bare digits', () => {
    const t = tokenize('APP 打不开，APP 打不开 3 次');
    expect(t.filter((w) => w === 'app')).toHaveLength(1);
    expect(t).toContain('打不开');
    expect(t).not.toContain('3');
    expect(tokenize('，。！？')).toEqual([]);
    expect(tokenize('')).toEqual([]);
  });

  it('normalises full-width characters', () => {
    expect(tokenize('ＡＰＰ打不开')).toContain('app');
  });

  it('measures word overlap with Jaccard', () => {
    const a = tokenize('外卖电动车没有地方停放');
    const b = tokenize('电动车停放点太少，外卖骑手没地方停车');
    const c = tokenize('心理压力大，想找人聊聊');
    expect(jaccard(a, a)).toBe(1);
    expect(jaccard(a, b)).toBeGreaterThan(0.3);
    expect(jaccard(a, c)).toBe(0);
    expect(jaccard([], [])).toBe(0);
  });

  it('measures distance in metres', () => {
    expect(distanceMeters({ lat: 29.55, lng: 103.76 }, { lat: 29.55, lng: 103.76 })).toBe(0);
    const d = distanceMeters({ lat: 29.55, lng: 103.76 }, { lat: 29.56, lng: 103.76 });
    expect(d).toBeGreaterThan(1100);
    expect(d).toBeLessThan(1125);
  });

  it('scores and explains: 同类 / 相近 / 文本相似', () => {
    const near = scoreSimilarity({ jaccard: 0.5, trigram: 0.5, meters: 100, radiusMeters: 1000 });
    expect(near.reasons).toEqual(['同类', '相近 100 米', '文本相似 50%']);
    expect(near.score).toBeCloseTo(0.2 + 0.3 * 0.9 + 0.25, 3);
    const far = scoreSimilarity({ jaccard: 0.05, trigram: 0.05, meters: 5000, radiusMeters: 1000 });
    expect(far.nearby).toBe(false);
    expect(far.reasons).toEqual(['同类']);
    const noLocation = scoreSimilarity({ jaccard: 0.4, trigram: 0.2, meters: null, radiusMeters: 1000 });
    expect(noLocation.nearby).toBe(false);
    expect(noLocation.reasons).toEqual(['同类', '文本相似 30%']);
    expect(near.score).toBeGreaterThan(noLocation.score);
  });

  it('proposes keywords from a group of texts', () => {
    expect(topTokens(['货车停车场夜间油箱被偷油', '停车场货车轮胎被盗', '货车停车场货物被偷'], 2)).toEqual([
      '停车场',
      '货车',
    ]);
  });
});
