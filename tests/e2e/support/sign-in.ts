import { expect, type Page } from '@playwright/test';
import type { AgentProcess } from './agent-process';

/** Signs in through the app's own sign-in page, as a user would. */
export async function signIn(page: Page, agent: AgentProcess, next = '/'): Promise<void> {
  await page.goto(`${agent.url}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('User name').fill(agent.admin.username);
  await page.getByLabel('Password').fill(agent.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(agent.admin.username);
}
