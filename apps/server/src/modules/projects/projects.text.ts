import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Text and distance measures behind the "similar cases" suggestions: jieba word tokens without
 * stop words and punctuation, their Jaccard overlap, and a distance in metres. The trigram
 * similarity itself is computed by PostgreSQL (`similarity()` of pg_trgm) over the space-joined
 * tokens, so a shared word counts even when the sentences are ordered differently.
 */

let jieba: Jieba | null = null;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** Function words and filler that say nothing about the problem. */
const STOP_WORDS = new Set(
  `的 了 和 与 及 或 是 在 有 也 都 就 还 又 被 把 给 让 对 向 从 到 为 而 但 却 很 太 更 最 非常 比较 一个 一些 这个 那个 这里 那里 这样 那样 这些 那些
   我 我们 你 你们 他 他们 她 它 咱们 自己 大家 什么 怎么 怎么办 为什么 如何 哪里 没有 没 不 不能 不是 能 能否 可以 可否 希望 请 请求 麻烦 一下 一直 经常 总是 时候 现在 目前 已经 还是 因为 所以 如果 虽然 但是 然后 而且 并且 以及
   啊 呀 吧 呢 吗 嘛 哦 哈 啦 么 等 等等 个 些 次 里 上 下 中 后 前 说 问题 情况 反映 反应 诉求 相关 有关 方面 部门 进行 解决 处理`.split(
    /\s+/,
  ),
);

const PUNCT_OR_SPACE = /^[\p{P}\p{S}\p{Z}\s]+$/u;

/** Distinct meaningful tokens of a text, lower-cased, in order of first appearance. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of segmenter().cut(text.normalize('NFKC'), false)) {
    const w = raw.trim().toLowerCase();
    if (!w || PUNCT_OR_SPACE.test(w) || STOP_WORDS.has(w)) continue;
    // Single ASCII letters and bare digits are noise (unit numbers, list markers).
    if (/^[a-z0-9]$/.test(w) || /^\d+$/.test(w)) continue;
    if (!seen.has(w)) {
      seen.add(w);
      out.push(w);
    }
  }
  return out;
}

/** |A ∩ B| / |A ∪ B|; 0 when both are empty. */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 0;
  const sa = new Set(a);
  const sb = new Set(b);
  let inter = 0;
  for (const x of sa) if (sb.has(x)) inter++;
  return inter / (sa.size + sb.size - inter);
}

/** Great-circle distance in metres (WGS-84 points; the spherical model is plenty for a few km). */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface SimilarityInput {
  /** Jaccard of the token sets, 0..1. */
  jaccard: number;
  /** pg_trgm similarity of the space-joined tokens, 0..1. */
  trigram: number;
  /** Metres between the two cases, null when one has no location. */
  meters: number | null;
  /** The radius within which cases count as nearby. */
  radiusMeters: number;
}

export interface SimilarityScore {
  /** Text similarity: the mean of Jaccard and trigram, 0..1. */
  text: number;
  nearby: boolean;
  /** 0..1; same category is a given (the candidates are of the case's category). */
  score: number;
  reasons: string[];
}

/** Text similarity from which a case counts as "similar text". */
export const TEXT_THRESHOLD = 0.2;

/**
 * Combines the measures: same category 0.2, proximity up to 0.3 (linear in distance within the
 * radius), text up to 0.5. Reasons in the staff's words: 同类 / 相近 N 米 / 文本相似 x%.
 */
export function scoreSimilarity(i: SimilarityInput): SimilarityScore {
  const text = (i.jaccard + i.trigram) / 2;
  const nearby = i.meters !== null && i.meters <= i.radiusMeters;
  const proximity = nearby && i.meters !== null ? 1 - i.meters / i.radiusMeters : 0;
  const score = Math.round((0.2 + 0.3 * proximity + 0.5 * text) * 1000) / 1000;
  const reasons = ['同类'];
  if (nearby && i.meters !== null) reasons.push(`相近 ${Math.round(i.meters)} 米`);
  if (text >= TEXT_THRESHOLD) reasons.push(`文本相似 ${Math.round(text * 100)}%`);
  return { text, nearby, score, reasons };
}

/** The most frequent tokens over several texts, for a proposed project title. */
export function topTokens(texts: readonly string[], n = 3): string[] {
  const counts = new Map<string, number>();
  for (const t of texts) for (const w of tokenize(t)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts.entries()]
    .filter(([w]) => [...w].length >= 2)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([w]) => w);
}
