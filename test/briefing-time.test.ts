import { describe, expect, test } from 'vitest';
import { instantOf, isValidTimezone, localTime, nextRunAfter, parseTime } from '../src/briefing/local-time.js';
import { cronExpression } from '../src/briefing/scheduler.js';

describe('local time in a guild’s timezone', () => {
  test.each([
    ['2024-06-01', '09:00', 'Europe/Istanbul', '2024-06-01T06:00:00.000Z'],
    ['2024-06-01', '09:00', 'Asia/Kathmandu', '2024-06-01T03:15:00.000Z'],
    ['2024-06-01', '00:00', 'UTC', '2024-06-01T00:00:00.000Z'],
    // DST starts in New York: 02:30 is never shown, the run moves past the gap
    ['2024-03-10', '02:30', 'America/New_York', '2024-03-10T07:30:00.000Z'],
    // DST ends: 01:30 is shown twice, the first one counts
    ['2024-11-03', '01:30', 'America/New_York', '2024-11-03T05:30:00.000Z'],
    ['2024-03-31', '09:00', 'Europe/Berlin', '2024-03-31T07:00:00.000Z'],
    // Southern DST starts in October: 02:30 in Sydney moves past the gap to 03:30
    ['2024-10-06', '02:30', 'Australia/Sydney', '2024-10-05T16:30:00.000Z'],
    // Lord Howe moves its clocks by half an hour: 02:15 is never shown, 02:45 is
    ['2024-10-06', '02:15', 'Australia/Lord_Howe', '2024-10-05T15:45:00.000Z'],
  ])('GIVEN %s %s in %s THEN it is %s', (date, time, timezone, iso) => {
    expect(instantOf(date, parseTime(time)!, timezone).toISOString()).toBe(iso);
  });

  test('GIVEN an instant THEN its local date and minute follow the timezone', () => {
    expect(localTime(new Date('2024-06-01T22:30:00Z'), 'Europe/Istanbul')).toEqual({ date: '2024-06-02', minutes: 90 });
    expect(localTime(new Date('2024-06-01T02:00:00Z'), 'America/Los_Angeles')).toEqual({ date: '2024-05-31', minutes: 19 * 60 });
  });

  test('GIVEN the day DST starts THEN the next run comes after the gap, and the day after at the usual time', () => {
    expect(nextRunAfter(new Date('2024-03-10T05:00:00Z'), '02:30', 'America/New_York').toISOString()).toBe('2024-03-10T07:30:00.000Z');
    expect(nextRunAfter(new Date('2024-03-10T07:30:00Z'), '02:30', 'America/New_York').toISOString()).toBe('2024-03-11T06:30:00.000Z');
  });

  test('GIVEN the time today has passed THEN the next run is tomorrow', () => {
    expect(nextRunAfter(new Date('2024-06-01T06:00:00Z'), '09:00', 'Europe/Istanbul').toISOString()).toBe('2024-06-02T06:00:00.000Z');
    expect(nextRunAfter(new Date('2024-06-01T05:59:00Z'), '09:00', 'Europe/Istanbul').toISOString()).toBe('2024-06-01T06:00:00.000Z');
  });

  test.each(['08:30', '00:00', '23:59'])('GIVEN %s THEN it is a time', (time) => expect(parseTime(time)).not.toBeNull());
  test.each(['9:00', '24:00', '12:60', '9am', '', '08:30:00'])('GIVEN “%s” THEN it is not a time', (time) => expect(parseTime(time)).toBeNull());
  test.each(['Europe/Istanbul', 'America/New_York', 'UTC', 'Asia/Kathmandu'])('GIVEN %s THEN it is a timezone', (tz) => expect(isValidTimezone(tz)).toBe(true));
  test.each(['Mars/Olympus', 'Europe/Istambul', '', 'GMT+25'])('GIVEN “%s” THEN it is not a timezone', (tz) => expect(isValidTimezone(tz)).toBe(false));

  test('GIVEN HH:MM THEN the cron expression fires then and an hour later, for a day DST skips the hour', () => {
    expect(cronExpression('09:00')).toBe('0 9,10 * * *');
    expect(cronExpression('23:45')).toBe('45 23,0 * * *');
  });
});
