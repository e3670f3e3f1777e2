import { expect, test } from './support/test';
import { uniqueQueue } from './support/ojs';

test('a workflow graph recolours its nodes live and opens a job on click', async ({ page, ojs }) => {
  const queue = uniqueQueue('wf');
  const step = (type: string) => ({ type, args: [{ step: type }], options: { queue } });
  const workflow = await ojs.workflow({
    type: 'chain',
    name: 'e2e-chain',
    steps: [step('e2e.extract'), step('e2e.transform'), step('e2e.load')],
  });

  await page.goto(`/workflows/local/${workflow.id}`);
  const graph = page.getByTestId('workflow-graph');
  await expect(graph.locator('.react-flow__node')).toHaveCount(3, { timeout: 20_000 });
  await expect(graph.locator('.react-flow__node.state-completed')).toHaveCount(0);

  const first = await ojs.fetchOne(queue);
  await ojs.ack(first.id, { rows: 10 });
  await expect(graph.locator('.react-flow__node.state-completed')).toHaveCount(1, { timeout: 20_000 });

  await graph.locator('.react-flow__node.state-completed').click();
  await expect(page).toHaveURL(new RegExp(`/jobs/local/${first.id}$`));
});
