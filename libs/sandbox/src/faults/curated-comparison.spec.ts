import { compareKeyed } from './curated-comparison';

const owed = [
  { key: '1', status: 'paid', total: '10.00' },
  { key: '2', status: 'shipped', total: '20.00' },
  { key: '3', status: 'paid', total: '30.00' },
];
const curated = (key: string, status: string, total: string, is_deleted = false) => ({ key, status, total, is_deleted });

describe('compareKeyed', () => {
  it('finds nothing when every owed row is there once with its values', () => {
    expect(compareKeyed(owed, [curated('1', 'paid', '10.00'), curated('2', 'shipped', '20.00'), curated('3', 'paid', '30.00')], ['status', 'total'])).toEqual({ lost: 0, duplicated: 0, wrong: 0 });
  });

  it('counts a missing key as lost, a second copy as duplicated and a stale value as wrong', () => {
    expect(compareKeyed(owed, [curated('1', 'paid', '10.00'), curated('1', 'paid', '10.00'), curated('2', 'paid', '20.00')], ['status', 'total'])).toEqual({ lost: 1, duplicated: 1, wrong: 1 });
  });

  it('counts a row flagged deleted that the source still has, and a live row the source no longer has, as wrong', () => {
    const rows = [curated('1', 'paid', '10.00', true), curated('2', 'shipped', '20.00'), curated('3', 'paid', '30.00'), curated('9', 'paid', '1.00')];
    expect(compareKeyed(owed, rows, ['status', 'total'])).toEqual({ lost: 0, duplicated: 0, wrong: 2 });
  });

  it('takes a deleted row the source no longer has as right: that is what a hard delete must leave', () => {
    const rows = [curated('1', 'paid', '10.00'), curated('2', 'shipped', '20.00'), curated('3', 'paid', '30.00'), curated('9', 'paid', '1.00', true)];
    expect(compareKeyed(owed, rows, ['status', 'total'])).toEqual({ lost: 0, duplicated: 0, wrong: 0 });
  });
});
