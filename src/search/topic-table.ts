import type { PlanItem } from '../plan/schema.js';

/** A topic people list items by ("water", "大气"): the names they ask with, and the plan words that make an item belong to it. */
export interface Topic {
  id: string;
  /** What people call the topic in a list question, lower case ("water", "水", "air pollution"). */
  names: readonly string[];
  /**
   * Words of the plan (its Chinese text and titles) that make an item belong to the topic. Whole words
   * only: 水环境 and 污水 are water, 水平 (level) is not, so a bare 水 is never a term.
   */
  terms: readonly string[];
}

/**
 * The topics of an ecological-environment work plan. Data, not code: membership of every item follows
 * from these terms (tests/search/topics.test.ts checks every topic against the plan).
 */
export const TOPICS: readonly Topic[] = [
  {
    id: 'water',
    names: ['water', 'water pollution', 'water environment', 'water quality', 'rivers', '水', '水环境', '水污染', '水质', '治水', '水相关'],
    terms: ['水环境', '水质', '水污染', '污水', '废水', '水源', '饮用水', '地下水', '黑臭水体', '河流', '河湖', '河长', '入河', '流域', '水体', '水生态', '排污口', '南水北调', '水资源', '地表水', '水专项'],
  },
  {
    id: 'air',
    names: ['air', 'air pollution', 'air quality', 'atmosphere', 'atmospheric', 'clean air', '大气', '空气', '大气污染', '空气质量', '大气环境'],
    terms: ['大气', '空气', '臭氧', 'PM2.5', '细颗粒物', '挥发性有机物', 'VOCs', '扬尘', '重污染天气', '秸秆', '烟花爆竹', '柴油货车', '机动车', '锅炉', '散煤', '氮氧化物', '蓝天'],
  },
  {
    id: 'soil',
    names: ['soil', 'land', 'soil pollution', 'contaminated land', '土壤', '土壤污染', '净土'],
    terms: ['土壤', '耕地', '污染地块', '农用地', '建设用地', '重金属', '净土'],
  },
  {
    id: 'radiation',
    names: ['radiation', 'nuclear', 'radioactive', 'nuclear safety', 'radiation safety', '辐射', '核', '核安全', '辐射安全', '放射', '核与辐射'],
    terms: ['辐射', '放射', '核安全', '核技术', '核与辐射', '电磁'],
  },
  {
    id: 'climate',
    names: ['climate', 'climate change', 'carbon', 'carbon emissions', 'greenhouse gas', 'low carbon', '气候', '气候变化', '碳', '碳排放', '温室气体', '低碳', '碳达峰'],
    terms: ['气候变化', '碳排放', '碳达峰', '碳中和', '二氧化碳', '温室气体', '低碳', '碳交易', '碳市场', '配额'],
  },
  {
    id: 'waste',
    names: ['waste', 'solid waste', 'hazardous waste', 'medical waste', '固废', '固体废物', '危废', '危险废物', '医疗废物', '废物'],
    terms: ['固体废物', '危险废物', '医疗废物', '固废', '危废', '无废', '尾矿库', '塑料', '垃圾'],
  },
  {
    id: 'nature',
    names: ['nature', 'ecology', 'ecosystem', 'biodiversity', 'nature reserves', '生态', '自然生态', '生物多样性', '自然保护地', '生态保护'],
    terms: ['生物多样性', '自然保护地', '自然保护区', '生态保护红线', '生态修复', '生态状况', '绿盾', '生态示范'],
  },
  {
    id: 'enforcement',
    names: ['enforcement', 'law enforcement', 'inspection', 'inspections', '执法', '督察', '环境执法', '监管执法'],
    terms: ['执法', '督察', '环境犯罪', '两法衔接', '行政处罚'],
  },
];

/** Folds a name as list questions are compared: lower case, no spaces or punctuation. */
export function topicKey(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}]+/gu, '');
}

const BY_NAME = new Map(TOPICS.flatMap((t) => t.names.map((n) => [topicKey(n), t] as const)));

/** The topic a list question names ("water", "水", "air pollution"), or null when it names none of {@link TOPICS}. */
export function findTopic(text: string): Topic | null {
  const key = topicKey(text);
  // "和辐射有关的内容" leaves "和辐射内容": the joining word and the word for "matters" are not the topic.
  return BY_NAME.get(key) ?? BY_NAME.get(key.replace(/^(?:和|与|跟|同)/, '').replace(/(?:内容|方面|事项|问题|工作|items?|things?|stuff|matters?)$/, '')) ?? null;
}

/** Whether an item belongs to a topic: its Chinese title or text uses one of the topic's terms. */
export function inTopic(item: PlanItem, topic: Topic): boolean {
  const text = `${item.title.zh}\n${item.text.zh}`;
  return topic.terms.some((term) => text.includes(term));
}
