import { expect, type Page } from '@playwright/test';
import type { AgentProcess } from './agent-process';

/** Signs in through the app's own sign-in page, as a user would. */
export async function signIn(page: Page, agent: AgentProcess, next = '/'): Promise<void> {
  await page.goto(`${agent.url}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('User name').fill(agent.admin.username);
  await page.getByLabel('Password').fill(agent.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The setup wizard shows no menu, so no name to wait for: its page is the sign of being in.
  if (next.startsWith('/wizard')) await expect(page).toHaveURL(/\/wizard/);
  else await expect(page.getByTestId('signed-in-as')).toHaveText(agent.admin.username);
}

/** Signs out from the header, through the Menu button where the screen is narrow. */
export async function signOut(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: 'Sign out', exact: true });
  if (!(await button.isVisible())) await page.getByRole('button', { name: 'Menu' }).click();
  await button.click();
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
}
