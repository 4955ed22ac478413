import { describe, expect, it } from 'vitest';
import { ProgressMeter } from './progress-meter';

describe('ProgressMeter', () => {
  it('predicts the time left from bytes, and from files when sizes are unknown', () => {
    let now = 0;
    const meter = new ProgressMeter(4, 1000, () => now);
    expect(meter.etaSeconds()).toBeUndefined();
    now = 2000;
    meter.add(250);
    expect(meter.rate()).toBe(0.5);
    expect(meter.etaSeconds()).toBe(6);
    const files = new ProgressMeter(4, 0, () => now);
    now = 3000;
    files.add(0);
    expect(files.etaSeconds()).toBe(3);
  });
});
