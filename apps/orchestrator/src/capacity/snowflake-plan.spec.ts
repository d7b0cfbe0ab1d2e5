import { baseInputs } from './capacity-inputs';
import { addWork, creditsFor, creditsPerHour, loadWork, secondsOn, smallestSizeWithin } from './snowflake-plan';

describe('snowflake plan arithmetic', () => {
  it('doubles credits per size from XSMALL = 1', () => {
    expect(creditsPerHour('XSMALL')).toBe(1);
    expect(creditsPerHour('LARGE')).toBe(8);
    expect(creditsPerHour('X4LARGE')).toBe(128);
  });

  it('shrinks only the scalable work with size', () => {
    expect(secondsOn('LARGE', { scalableXsSeconds: 800, fixedSeconds: 10 })).toBe(110);
  });

  it('picks the smallest size that does the work within the budget', () => {
    expect(smallestSizeWithin({ scalableXsSeconds: 3600, fixedSeconds: 0 }, 900)).toBe('MEDIUM');
    expect(smallestSizeWithin({ scalableXsSeconds: 3600, fixedSeconds: 0 }, 899)).toBe('LARGE');
    expect(smallestSizeWithin({ scalableXsSeconds: 1e9, fixedSeconds: 0 }, 60)).toBe('X4LARGE');
  });

  it('bills the auto-suspend tail of every resume', () => {
    // SMALL: 3600 / 2 = 1800 s of work + 60 s tail, at 2 credits an hour.
    expect(creditsFor('SMALL', { scalableXsSeconds: 3600, fixedSeconds: 0 }, 1, 60)).toBeCloseTo((1860 * 2) / 3600, 10);
  });

  it('prices a load as COPY by bytes plus MERGE by changed rows', () => {
    const inputs = { ...baseInputs, copyGbPerXsHour: 40, mergesPerChangedRow: 2.5, mergeXsSecondsPerMillionRows: 20, statementsPerHourlyLoad: 10, xsSecondsPerStatement: 1.5 };
    // 10 GB at 40 GB per XSMALL-hour = 900 s; 1M rows x 2.5 MERGEs x 20 s per million = 50 s.
    expect(loadWork(inputs, 1_000_000, 10)).toEqual({ scalableXsSeconds: 950, fixedSeconds: 15 });
    expect(addWork([{ scalableXsSeconds: 1, fixedSeconds: 2 }, { scalableXsSeconds: 3, fixedSeconds: 4 }])).toEqual({ scalableXsSeconds: 4, fixedSeconds: 6 });
  });
});
