import { describe, expect, it } from 'vitest';
import { runSoak } from './runSoak';

describe('soak (short run; `npm run soak -- --minutes 30` for the real one)', () => {
  it('holds 50 live streams over the demo load and reports memory and handle slopes', async () => {
    const report = await runSoak({ minutes: 0.4, clients: 50, sampleEveryMs: 1000 });
    console.log(JSON.stringify({ soakSmoke: report }));
    expect(report.samples).toBeGreaterThanOrEqual(15);
    expect(report.clientsOpenAtEnd).toBe(50);
    expect(report.last.sseClients).toBe(50);
    expect(report.eventsPerClient.min).toBeGreaterThan(0);
    for (const value of Object.values(report.slopes)) expect(Number.isFinite(value)).toBe(true);
  });
});
