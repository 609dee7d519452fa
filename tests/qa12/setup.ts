import { expect } from 'vitest';
import { testBot } from '../intents/fixtures.js';

/**
 * The QA scenario of issue 12: console:admin is admin; T9 is led by the Soil Division with Zhoukou
 * and Nanyang responsible; zl reports for Zhoukou, ny for Nanyang, both belongs to both cities.
 */
export async function cityScenario(overrides: Parameters<typeof testBot>[0] = {}) {
  const t = await testBot({ admins: ['console:admin'], ...overrides });
  const admin = (text: string) => t.say(text, 'console:admin');
  for (const cmd of ['/plan member @zl 周口', '/plan member @ny 南阳', '/plan member @both 周口 南阳', '/plan lead T9 土壤处', '/plan units T9 +周口 +南阳']) {
    const r = await admin(cmd);
    expect(r.error, `${cmd}: ${r.text}`).toBeUndefined();
  }
  return { ...t, admin };
}
