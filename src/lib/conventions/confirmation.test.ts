import { describe, expect, it } from 'vitest';
import { confirmationPhrase, matchesConfirmation } from './confirmation';

describe('confirmation phrase', () => {
  const at = new Date('2026-12-01T13:26:09.512Z');
  it("is the creation time in the school's time zone, to the second", () => {
    expect(confirmationPhrase(at, 'UTC')).toBe('2026-12-01 13:26:09');
    expect(confirmationPhrase(at, 'Europe/Berlin')).toBe('2026-12-01 14:26:09');
    expect(confirmationPhrase('2026-12-31T23:00:00Z', 'Asia/Tokyo')).toBe('2027-01-01 08:00:00');
  });
  it('matches typed text with stray spaces, and nothing else', () => {
    expect(matchesConfirmation('  2026-12-01   13:26:09 ', at, 'UTC')).toBe(true);
    expect(matchesConfirmation('2026-12-01 13:26', at, 'UTC')).toBe(false);
    expect(matchesConfirmation('erp-backup-20261201T132609Z-abc.erpbak', at, 'UTC')).toBe(false);
  });
});
