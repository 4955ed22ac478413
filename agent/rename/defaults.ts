import type { ConflictPolicy } from '#core/rename/plan-types';
import type { ProfileName } from '#core/rename/sanitise';
import type { SettingsStore } from '../settings/settings-store';

export interface RenameDefaults {
  pattern: string;
  profile: ProfileName;
  /** Skip unless asked: the safe choice, shown in the preview before anything moves. */
  onConflict: ConflictPolicy;
  removeEmptyFolders: boolean;
}

/** What a rename uses when the request does not say: the admin's settings. */
export function renameDefaults(settings: Pick<SettingsStore, 'get'>): RenameDefaults {
  return {
    pattern: settings.get('namingPattern'),
    profile: settings.get('targetProfile'),
    onConflict: 'skip',
    removeEmptyFolders: settings.get('removeEmptyFolders'),
  };
}
