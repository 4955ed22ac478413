import type { JobNotice } from '#core/jobs/job-notices';

const KEY = 'colophon:system-notices';

/**
 * Whether this browser also shows the end of work as a system notification.
 * It is this device's choice (the permission is the browser's), so it lives
 * here, not in the user's synced preferences.
 */
class SystemNotices {
  wanted = $state(typeof localStorage !== 'undefined' && localStorage.getItem(KEY) === 'on');

  get supported(): boolean {
    return typeof Notification !== 'undefined';
  }

  get permission(): NotificationPermission | 'unsupported' {
    return this.supported ? Notification.permission : 'unsupported';
  }

  /** Turns them on, asking the browser first; false when the browser said no. */
  async turnOn(): Promise<boolean> {
    if (!this.supported) return false;
    const answer =
      Notification.permission === 'default'
        ? await Notification.requestPermission()
        : Notification.permission;
    this.set(answer === 'granted');
    return answer === 'granted';
  }

  turnOff(): void {
    this.set(false);
  }

  /** Shown only while the app is out of sight: in view, the in-app notice says it. */
  show(notice: JobNotice): void {
    if (!this.wanted || this.permission !== 'granted' || document.visibilityState === 'visible')
      return;
    new Notification(notice.title, { body: notice.text, tag: `colophon-job-${notice.id}` });
  }

  private set(on: boolean): void {
    this.wanted = on;
    localStorage.setItem(KEY, on ? 'on' : 'off');
  }
}

export const systemNotices = new SystemNotices();
