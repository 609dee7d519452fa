import { it } from 'vitest';
import { loadPlan } from '../../src/plan/load-plan.js';
import { parseUpdate } from '../../src/core/parse-update.js';
it('x', async () => {
  const plan = await loadPlan();
  for (const t of ['T9 @周口 120/800', 'T9 @周口120/800 note', '@zhoukou T9 on track 50%', 'T9 @Zhoukuo 120/800', 'T9 @foo 1/2', 'T9 done @bob please']) console.log(t, JSON.stringify(parseUpdate(t, plan)));
});
