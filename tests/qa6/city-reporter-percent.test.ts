import { describe, expect, it } from 'vitest';
import { freshDb, runCli } from '../support/run-cli.js';

const NOW = '2021-06-15T02:00:00Z';

describe('a city reporter writes a percentage out in Chinese (百分之六十)', () => {
  it('"T12 已完成百分之六十，进度正常" is proposed as 60% on track, not as done, and recorded only once confirmed', async () => {
    const env = { PLANBOT_DB: freshDb() };
    const chat = (lines: string[]) => runCli(['chat', '--user', '郑记者', '--now', NOW], { env, stdin: lines });
    const proposed = await chat(['T12 已完成百分之六十，进度正常，资金到位慢', '/plan history T12']);
    expect(proposed.stdout).toMatch(/尚未记录。是否记录以下内容？/);
    expect(proposed.stdout).toMatch(/状态: 正常推进/);
    expect(proposed.stdout).toMatch(/进度: 总体 60%/);
    expect(proposed.stdout).toMatch(/备注: 资金到位慢/);
    expect(proposed.stdout).not.toMatch(/状态: 已完成/);
    expect(proposed.stdout).toMatch(/T12 提升生态功能 尚无更新记录/);

    const confirmed = await chat(['T12 完成了百分之六十', '确认', '/plan history T12']);
    expect(confirmed.stdout).toMatch(/已更新 T12 提升生态功能/);
    expect(confirmed.stdout).toMatch(/郑记者 · 总体 60%/);
    expect(confirmed.stdout).not.toMatch(/状态: 已完成|· 已完成/);
  });
});
