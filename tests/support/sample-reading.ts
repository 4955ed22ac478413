import { progressDoc, type ProgressDoc } from '#core/schema/progress-doc';
import {
  readingStatusDoc,
  type ReadingStatus,
  type ReadingStatusDoc,
} from '#core/schema/reading-status-doc';

const AT = Date.parse('2026-03-01T12:00:00Z');

/** A valid reading position of `book:lib:<id>` on a device, `minute` minutes after a fixed time. */
export function samplePosition(
  id: string,
  device = 'device-a',
  percentage = 0.42,
  minute = 0,
): ProgressDoc {
  return progressDoc({
    book: `book:lib:${id}`,
    locator: `page:${Math.round(percentage * 100)}`,
    percentage,
    device,
    deviceName: `Test device ${device}`,
    at: new Date(AT + minute * 60_000),
  });
}

/** A valid reading status of `book:lib:<id>`, set `minute` minutes after a fixed time. */
export function sampleStatus(
  id: string,
  status: ReadingStatus = 'reading',
  device = 'device-a',
  minute = 0,
): ReadingStatusDoc {
  return readingStatusDoc(`book:lib:${id}`, status, device, new Date(AT + minute * 60_000));
}
