import type { Indicator, PlanItem } from '../../src/plan/schema.js';

/** An indicator with defaults; pass only what the test is about. */
export function indicator(overrides: Partial<Indicator> & Pick<Indicator, 'id' | 'metric'>): Indicator {
  return {
    comparator: '>=',
    value: null,
    unit: null,
    deadline: '2021-12-31',
    text: overrides.metric,
    unitLabel: null,
    aspirational: false,
    capped: false,
    ...overrides,
  };
}

/** A plan item with defaults; pass only what the test is about. */
export function planItem(overrides: Partial<PlanItem> & Pick<PlanItem, 'id'>): PlanItem {
  const kind = overrides.id.startsWith('O') ? 'objective' : overrides.id.startsWith('G') ? 'group' : 'task';
  return {
    kind,
    parent: null,
    title: { zh: overrides.id, en: overrides.id },
    text: { zh: overrides.id, en: overrides.id },
    indicators: [],
    aliases: { zh: [], en: [] },
    note: null,
    line: 1,
    ...overrides,
  };
}

/**
 * A handful of real items of the 2021 Henan plan: Chinese verbatim from the document, English
 * written for these tests, no aliases (so search is tested on the text itself).
 */
export const FIXTURE_ITEMS: readonly PlanItem[] = [
  planItem({
    id: 'O3',
    title: { zh: '土壤和地下水环境', en: 'Soil and groundwater' },
    text: {
      zh: '土壤和地下水环境方面全省土壤环境质量保持稳定,受污染耕地安全利用率力争实现100%,污染地块安全利用率力争实现100%。持续保持地下水环境质量稳定,保障地下水型饮用水源安全。农村生活污水治理率达到33%。',
      en: 'Soil and groundwater: keep soil quality across the province stable; strive for 100% safe use of contaminated farmland and 100% safe use of contaminated land plots. Keep groundwater quality stable and protect groundwater drinking water sources. Treat 33% of rural domestic sewage.',
    },
    indicators: [
      indicator({ id: 'O3.1', metric: { zh: '受污染耕地安全利用率', en: 'Safe use of contaminated farmland' }, value: 100, unit: '%' }),
      indicator({ id: 'O3.2', metric: { zh: '污染地块安全利用率', en: 'Safe use of contaminated land plots' }, value: 100, unit: '%' }),
      indicator({ id: 'O3.3', metric: { zh: '农村生活污水治理率', en: 'Rural domestic sewage treatment rate' }, value: 33, unit: '%' }),
    ],
  }),
  planItem({
    id: 'O6',
    title: { zh: '核与辐射安全', en: 'Nuclear and radiation safety' },
    text: {
      zh: '核与辐射安全方面全省放射源辐射事故年发生率低于每万枚1.5起。辐射环境质量保持良好。',
      en: 'Nuclear and radiation safety: fewer than 1.5 radiation accidents a year per 10,000 radioactive sources in the province. Keep the radiation environment good.',
    },
    indicators: [
      indicator({ id: 'O6.1', metric: { zh: '放射源辐射事故年发生率', en: 'Yearly rate of radiation accidents of radioactive sources' }, comparator: '<', value: 1.5, unit: '起/万枚' }),
    ],
  }),
  planItem({
    id: 'G2',
    title: { zh: '积极应对气候变化,开展二氧化碳排放达峰行动', en: 'Climate change and the CO2 peaking action' },
    text: { zh: '积极应对气候变化,开展二氧化碳排放达峰行动', en: 'Respond actively to climate change and carry out the action for peaking carbon dioxide emissions.' },
  }),
  planItem({
    id: 'T4',
    parent: 'G2',
    title: { zh: '二氧化碳排放达峰行动方案', en: 'Action plan for peaking CO2 emissions' },
    text: {
      zh: '研究制定我省二氧化碳排放达峰行动方案,明确我省二氧化碳排放达峰目标、路线图、实施路径,制定配套措施,强化政策行动,落实行动方案。鼓励郑州、洛阳、安阳、济源率先开展达峰研究。',
      en: "Draw up the province's action plan for peaking carbon dioxide emissions, with the peaking target, roadmap and path, supporting measures and policies. Encourage Zhengzhou, Luoyang, Anyang and Jiyuan to study peaking first.",
    },
  }),
  planItem({
    id: 'G3',
    title: { zh: '突出精准治污、科学治污、依法治污,继续开展污染防治行动', en: 'Pollution prevention and control actions' },
    text: { zh: '突出精准治污、科学治污、依法治污,继续开展污染防治行动', en: 'Targeted, science-based and law-based pollution control; continue the pollution prevention and control actions.' },
  }),
  planItem({
    id: 'T8',
    parent: 'G3',
    title: { zh: '强化“三水统筹”,持续推进水污染防治行动', en: 'Three waters and the water pollution action' },
    text: {
      zh: '强化“三水统筹”,持续推进水污染防治行动。统筹做好水资源利用、水生态保护和水环境治理,持续抓好饮用水水源地保护、黑臭水体治理、河湖水生态环境治理与修复等标志性战役,推进美丽河湖保护与建设。',
      en: 'Manage water resources, water ecology and the water environment together and push on with the water pollution prevention action: protect drinking water sources, clean up black and odorous water bodies, restore rivers and lakes.',
    },
  }),
  planItem({
    id: 'T9',
    parent: 'G3',
    title: { zh: '严格风险管控,扎实推进土壤污染防治行动', en: 'Soil pollution prevention action' },
    text: {
      zh: '严格风险管控,扎实推进土壤污染防治行动。深入推进农村环境整治,因地制宜推进农村生活污水治理。全省完成800个行政村庄整治任务,列入国家监管清单的农村黑臭水体治理数量达到10%。持续开展危险废物专项整治三年行动。',
      en: 'Control risks and push on with the soil pollution prevention action. Improve the rural environment and treat rural sewage as local conditions allow. Finish the environmental rectification of 800 administrative villages; treat 10% of the rural black and odorous water bodies on the national list. Continue the three-year campaign on hazardous waste.',
    },
    indicators: [
      indicator({ id: 'T9.1', metric: { zh: '完成整治的行政村数量', en: 'Administrative villages rectified' }, value: 800, unit: '个' }),
    ],
  }),
  planItem({
    id: 'T14',
    title: { zh: '加强基础研究', en: 'Basic research on biodiversity and ecology' },
    text: {
      zh: '加强基础研究。探索开展黄河流域等典型地区生物多样性调查、观测与评估,继续开展2015-2020年全省生态状况变化遥感调查评估。',
      en: 'Strengthen basic research: survey, observe and assess biodiversity in typical areas such as the Yellow River basin, and continue the remote-sensing assessment of ecological change in 2015-2020.',
    },
  }),
  planItem({
    id: 'T21',
    title: { zh: '发动全民监督', en: 'Public supervision' },
    text: {
      zh: '发动全民监督。维护好运用好12369环境热线全省“一号通”,推进信访投诉工作机制改革,完善有奖举报机制,激发全民参与热情。',
      en: 'Mobilise public supervision: run the 12369 environmental hotline as one number for the whole province, reform the handling of petitions and complaints, and reward people who report violations.',
    },
  }),
  planItem({
    id: 'T37',
    title: { zh: '加强教育培训', en: 'Education and training' },
    text: {
      zh: '加强教育培训。科学制定干部教育培训计划,综合运用组织调训、脱产培训、网络培训等方式,用好河南干部网络学院及“学习强国”学习平台,办好“生态环境网校”。',
      en: 'Strengthen education and training: plan cadre training, using organised, full-time and online training, the Henan Cadre Online College, the Xuexi Qiangguo platform and the environment online school.',
    },
  }),
];
