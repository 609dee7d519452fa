import { describe, expect, it } from 'vitest';
import { freshDb, runCli } from '../support/run-cli.js';

const NOW = '2021-06-15T02:00:00Z';

describe('an analyst asks for the tasks of a group with a status, as people phrase it', () => {
  it('"which tasks are at risk in group 3" lists the group’s tasks, not the group’s own status', async () => {
    const db = freshDb();
    const env = { PLANBOT_DB: db };
    await runCli(['chat', '--user', 'ann', '--now', NOW], { env, stdin: ['/plan update T7 at-risk ozone rising', '/plan update T8 off-track'] });
    const asked = await runCli(['ask', '--now', NOW], {
      env,
      stdin: ['which tasks are at risk in group 3', 'what tasks are off track in G3', 'which tasks are off track in group 2', 'how is group 3 going'],
    });
    const answers = asked.stdout.split(/\n\n+/);
    expect(answers[0]).toMatch(/^2 tasks in G3 at risk, off track/);
    expect(answers[0]).toMatch(/T7 PM2\.5 and ozone co-control — 🟡 at risk/);
    expect(answers[1]).toMatch(/^1 task in G3 off track/);
    expect(answers[2]).toMatch(/^No tasks in G2 off track/);
    // The group's own status is still its status.
    expect(answers.at(-1)).toMatch(/^G3 Pollution prevention and control actions\nStatus:/);
  });
});

describe('an analyst asks what is in trouble with a contraction, as people type it', () => {
  it.each(["what's behind schedule", 'whats behind schedule', 'what’s behind schedule', 'whats off track', "what's late"])('%s lists what is off track', async (question) => {
    const env = { PLANBOT_DB: freshDb() };
    await runCli(['chat', '--user', 'ann', '--now', NOW], { env, stdin: ['/plan update T8 off-track'] });
    const asked = await runCli(['ask', '--now', NOW, question], { env });
    expect(asked.stdout).toMatch(/^\d+ items? off track, behind pace or overdue:/);
    expect(asked.stdout).toMatch(/T8 Three-water coordination, water pollution action — 🔴 off track/);
  });

  it("what's at risk lists what is at risk", async () => {
    const env = { PLANBOT_DB: freshDb() };
    await runCli(['chat', '--user', 'ann', '--now', NOW], { env, stdin: ['/plan update T7 at-risk ozone rising'] });
    const asked = await runCli(['ask', '--now', NOW, "what's at risk"], { env });
    expect(asked.stdout).toMatch(/^\d+ items? at risk, off track, behind pace or overdue:/);
    expect(asked.stdout).toMatch(/T7 PM2\.5 and ozone co-control — 🟡 at risk/);
  });
});

describe('an analyst mistypes one word of a list question', () => {
  it.each([
    ['at-risk taks', /^\d+ tasks? at risk, off track, behind pace or overdue:/],
    ['list tasks at rsik', /^\d+ tasks? at risk, off track, behind pace or overdue:/],
    ['which tasks are yelow', /^1 task with a 🟡 yellow light:/],
    ['show me taks that are off trakc', /^\d+ tasks? off track, behind pace or overdue:/],
  ])('%s is read as the list it asks for', async (question, heading) => {
    const env = { PLANBOT_DB: freshDb() };
    await runCli(['chat', '--user', 'ann', '--now', NOW], { env, stdin: ['/plan update T7 at-risk ozone rising', '/plan update T8 off-track'] });
    const asked = await runCli(['ask', '--now', NOW, question], { env });
    expect(asked.stdout).toMatch(heading);
    expect(asked.stdout).not.toMatch(/tasks about/);
  });

  it('a word spelt right is never “corrected”: water tasks are still the water tasks', async () => {
    const asked = await runCli(['ask', '--now', NOW, 'water tasks'], { env: { PLANBOT_DB: freshDb() } });
    expect(asked.stdout).toMatch(/^\d+ tasks about “water”:/);
  });
});
