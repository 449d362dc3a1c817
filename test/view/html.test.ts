import * as fs from 'fs';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { renderHtml, scriptJson, xml } from '../../lib/view/html';
import { tempDir } from '../fixtures';
import { artifactsDir, launchChromium } from '../support/browser';
import { generatedGraph, platformGraphs } from '../targets/stepfunctions/support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** Open a page's file in a new tab, recording every request it makes. */
async function open(html: string) {
  const file = path.join(tempDir('tributary-page-'), 'page.html');
  fs.writeFileSync(file, html);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const started = Date.now();
  await page.goto(`file://${file}`);
  await page.waitForSelector('body[data-ready]');
  return { page, requests, file, millis: Date.now() - started };
}

test('user strings are escaped for the markup and for the inline JSON', () => {
  // THEN
  expect(xml('<a href="x">&\'')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
  expect(scriptJson({ s: '</script><!--' })).toBe('{"s":"\\u003c/script\\u003e\\u003c!--"}');
  expect(JSON.parse(scriptJson({ s: '</script>' }))).toEqual({ s: '</script>' });
});

test('the page of each platform workflow draws every node and edge, asks for nothing over the network, and a click shows the node\'s props, schema and artifacts', async () => {
  for (const [id, graph] of Object.entries(platformGraphs())) {
    // GIVEN
    const html = renderHtml(graph, { sessionize: ['emr/sessionize.json'] });

    // WHEN
    const { page, requests } = await open(html);

    // THEN
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    expect(await page.locator('g.node').count()).toBe(graph.nodes.length);
    expect(await page.locator('path.edge').count()).toBe(graph.edges.length);
    const critical = await page.locator('g.node.critical').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-id')));
    expect(critical.sort()).toEqual([...graph.criticalPath().nodes].sort());
    const target = id === 'clickstream' ? 'sessionize' : graph.order[0];
    await page.locator(`g.node[data-id="${target}"]`).click();
    const details = page.locator('#details');
    expect(await details.isVisible()).toBe(true);
    expect(await details.locator('h2').textContent()).toBe(target);
    const columns = graph.node(target).output?.columns ?? [];
    expect(await details.locator('table tr').count()).toBe(columns.length === 0 ? 0 : columns.length + 1);
    expect(await details.locator('pre').textContent()).toContain('"properties"');
    if (id === 'clickstream') {
      expect(await details.locator('li').allTextContents()).toEqual(['emr/sessionize.json']);
      const shot = path.join(artifactsDir(), 'graph-page-clickstream.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(fs.statSync(shot).size).toBeGreaterThan(10_000);
      process.stderr.write(`graph page screenshot: ${shot}\n`);
    }
    await page.close();
  }
}, 60_000);

test('a 2,000-node page draws every node and opens a node\'s details', async () => {
  // GIVEN 2,000 generated Spark and SQL nodes (about 4,000 edges)
  const graph = generatedGraph(2000);
  const started = Date.now();
  const html = renderHtml(graph);
  const renderMillis = Date.now() - started;

  // WHEN
  const { page, millis } = await open(html);
  const clickStarted = Date.now();
  await page.locator('g.node[data-id="n01999"]').click();
  await page.locator('#details h2').waitFor();
  const clickMillis = Date.now() - clickStarted;

  // THEN
  expect(await page.locator('g.node').count()).toBe(2000);
  expect(await page.locator('#details h2').textContent()).toBe('n01999');
  process.stderr.write(`2,000-node page: ${(html.length / 1024).toFixed(0)} KiB, rendered in ${renderMillis} ms, loaded and drawn in ${millis} ms, click to details ${clickMillis} ms\n`);
  await page.close();
}, 60_000);

/** Points along an SVG path of M, L and C commands (absolute), 32 per curve. */
function pathPoints(d: string): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  let current: [number, number] = [0, 0];
  for (const [, command, args] of d.matchAll(/([MLC])([^MLC]*)/g)) {
    const n = args.trim().split(/[\s,]+/).map(Number);
    if (command === 'M') current = [n[0], n[1]];
    else if (command === 'L') {
      for (let t = 0; t <= 32; t++) points.push([current[0] + (n[0] - current[0]) * t / 32, current[1] + (n[1] - current[1]) * t / 32]);
      current = [n[0], n[1]];
    } else {
      const [p0, p1, p2, p3] = [current, [n[0], n[1]], [n[2], n[3]], [n[4], n[5]]];
      for (let t = 0; t <= 32; t++) {
        const u = 1 - t / 32;
        const v = t / 32;
        points.push([0, 1].map((k) => u * u * u * p0[k] + 3 * u * u * v * p1[k] + 3 * u * v * v * p2[k] + v * v * v * p3[k]) as [number, number]);
      }
      current = [n[4], n[5]];
    }
    points.push(current);
  }
  return points;
}

test('no edge is drawn across a node: long edges pass through slots of their own between the columns of their ends', () => {
  for (const graph of [...Object.values(platformGraphs()), generatedGraph(300)]) {
    // GIVEN a workflow with edges that skip columns (the generated one reads up to 40 nodes back)
    // WHEN its page is rendered
    const html = renderHtml(graph);

    // THEN every point of every edge's path lies outside every node's box (its border included as outside)
    const [, w, h] = html.match(/<g class="node[^>]*><rect width="(\d+)" height="(\d+)"/)!.map(Number);
    const boxes = [...html.matchAll(/<g class="node[^"]*" data-id="([^"]*)" transform="translate\(([\d.]+),([\d.]+)\)">/g)]
      .map(([, id, x, y]) => ({ id, x: Number(x), y: Number(y) }));
    expect(boxes).toHaveLength(graph.nodes.length);
    const edges = [...html.matchAll(/<path class="edge[^"]*" data-from="([^"]*)" data-to="([^"]*)" d="([^"]*)"\/>/g)];
    expect(edges).toHaveLength(graph.edges.length);
    const crossings: string[] = [];
    for (const [, from, to, d] of edges) {
      for (const [px, py] of pathPoints(d)) {
        const hit = boxes.find((b) => px > b.x + 0.5 && px < b.x + w - 0.5 && py > b.y + 0.5 && py < b.y + h - 0.5);
        if (hit) {
          crossings.push(`${from} -> ${to} crosses ${hit.id}`);
          break;
        }
      }
    }
    expect(crossings).toEqual([]);
    // ... and some edges do skip columns, so the check is not empty
    expect(edges.some(([, , , d]) => d.includes(' L'))).toBe(true);
  }
});

test('the page names the workflow in its title and links nothing outside itself', () => {
  // GIVEN
  const graph = Object.values(platformGraphs())[0];

  // WHEN
  const html = renderHtml(graph);

  // THEN
  expect(html).toMatch(new RegExp(`<title>${graph.workflow.id} — Tributary workflow</title>`));
  expect(html).not.toMatch(/(src|href)=["']https?:/);
});
