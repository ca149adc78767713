// The RL lab as a learner uses it: the default maze solved (the greedy arrows reach the goal)
// within 10 s of Play at ≥ 50 fps while the agent visibly moves; the grid edited by a click and
// by the keyboard, the address following and a reload restoring it, an edit that would remove
// the start refused with a message; the planner sweep by sweep to the value by hand; the cliff
// walk separating Q-learning from SARSA; greed settling for the near goal while exploring
// first finds the far one; accumulating traces blowing up; every setting in the address, a bad link's notice;
// the concept card; Hebrew right to left.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, canvasFingerprint, number, waitFor, sleep, openLab, openPage, pressKey } from './harness.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const open = (query = '') => openLab(browser, srv.base, 'rl', query);
const param = (page, name) => new URL(page.url()).searchParams.get(name);
const greedy = (page) => page.getByTestId('grid').getAttribute('data-greedy');
const finished = (page, ms = 30000) => waitFor(async () => (await page.getByTestId('play').getAttribute('aria-pressed')) === 'false', ms);

/** Clicks the centre of cell (row, col) of the grid as drawn: 4 px margins, square cells, the
 *  grid centred (crates/app/src/labs/rl/draw.rs, `Geometry`). */
async function clickCell(page, row, col, width, height) {
  const box = await page.getByTestId('grid').boundingBox();
  const cell = Math.min((box.width - 8) / width, (box.height - 8) / height);
  const x0 = (box.width - cell * width) / 2;
  const y0 = (box.height - cell * height) / 2;
  await page.getByTestId('grid').click({ position: { x: x0 + (col + 0.5) * cell, y: y0 + (row + 0.5) * cell } });
}

test('Play: the default maze is solved within 10 s, at ≥ 50 fps, the agent moving', async () => {
  const { page, problems } = await open();
  await page.getByTestId('episode').waitFor();
  await pressKey(page, 'KeyR', 'r');
  assert.ok(await waitFor(async () => (await number(page, 'moves-made')) === 0, 3000), 'R starts again');
  assert.match(await page.getByTestId('solved').innerText(), /not yet/);
  const start = await canvasFingerprint(page, 'grid');
  const result = await page.evaluate(() => new Promise((resolve) => {
    const stamps = [];
    let solved = null;
    let changes = 0;
    let last = null;
    const t0 = performance.now();
    document.querySelector('[data-testid="play"]').click();
    const tick = (t) => {
      stamps.push(t);
      const g = document.querySelector('[data-testid="grid"]');
      if (solved === null && g.dataset.greedy?.endsWith(':true')) {
        solved = { ms: t - t0, moves: document.querySelector('[data-testid="moves-made"]').textContent, episode: document.querySelector('[data-testid="episode"]').textContent, path: g.dataset.greedy };
      }
      // The picture changes second after second (read back once a second: it costs a frame).
      if (stamps.length % 30 === 0) {
        const url = g.toDataURL();
        if (last !== null && url !== last) changes++;
        last = url;
      }
      if ((t - t0 < 6000 || solved === null) && t - t0 < 15000) requestAnimationFrame(tick);
      else resolve({ solved, changes, deltas: stamps.slice(1).map((s, i) => s - stamps[i]) });
    };
    requestAnimationFrame(tick);
  }));
  const deltas = result.deltas.sort((a, b) => a - b);
  const median = deltas[Math.floor(deltas.length / 2)];
  const p95 = deltas[Math.floor(deltas.length * 0.95)];
  console.log(`# rl lab, default maze: greedy path to the goal after ${result.solved ? `${(result.solved.ms / 1000).toFixed(1)} s (${result.solved.moves} moves, episode ${result.solved.episode}, path ${result.solved.path})` : 'never'}; frames ${deltas.length}, median ${median.toFixed(1)} ms (${(1000 / median).toFixed(1)} fps), p95 ${p95.toFixed(1)} ms; the grid changed ${result.changes} times`);
  assert.ok(result.solved && result.solved.ms <= 10000, 'the greedy policy reaches the goal within 10 s of Play');
  assert.ok(1000 / median >= 50, `median frame rate ${(1000 / median).toFixed(1)} fps < 50`);
  assert.ok(result.changes >= 5, `the agent moves (${result.changes})`);
  assert.notEqual((await canvasFingerprint(page, 'grid')).sum, start.sum);
  assert.ok(await waitFor(async () => /moves/.test(await page.getByTestId('solved').innerText()), 2000));
  for (const chart of ['return-chart', 'moves-chart', 'gap-chart']) {
    assert.ok(Number(await page.getByTestId(chart).getAttribute('data-points')) > 0, `${chart} has points`);
  }
  // One move by hand (→ pauses and moves once).
  await pressKey(page, 'Space', ' ');
  await sleep(200);
  const before = await number(page, 'moves-made');
  await pressKey(page, 'ArrowRight', 'ArrowRight');
  assert.ok(await waitFor(async () => (await number(page, 'moves-made')) === before + 1, 2000), 'one move');
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
});

test('the grid is edited by a click and by the keyboard; the address follows and a reload restores it', async () => {
  const { page, problems } = await open('&speed=slow');
  await page.getByTestId('episode').waitFor();
  assert.equal(await page.getByTestId('tool-wall').getAttribute('aria-pressed'), 'true', 'walls by default');
  await clickCell(page, 0, 1, 8, 8);
  assert.ok(await waitFor(async () => param(page, 'world')?.startsWith('sx..x...,'), 2000), param(page, 'world'));
  assert.equal(await number(page, 'moves-made'), 0, 'a new world starts a new run');
  // The keyboard: the frame moves down from the cell clicked, 3 picks the goal, Enter places it.
  await page.getByTestId('grid').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('3');
  assert.equal(await page.getByTestId('tool-goal').getAttribute('aria-pressed'), 'true');
  await page.keyboard.press('Enter');
  assert.ok(await waitFor(async () => param(page, 'world')?.startsWith('sx..x...,.gx.x.x.,'), 2000), param(page, 'world'));
  // Removing the start is refused, with the reason; the world stays.
  const world = param(page, 'world');
  await page.getByTestId('tool-empty').click();
  await clickCell(page, 0, 0, 8, 8);
  await page.getByTestId('edit-refused').waitFor({ timeout: 2000 });
  assert.match(await page.getByTestId('edit-refused').innerText(), /without a start/);
  assert.equal(param(page, 'world'), world);
  // A pit worth −10, placed with the reward slider.
  await page.getByTestId('tool-pit').click();
  await page.getByTestId('cell-reward').fill('1');
  assert.equal(await page.getByTestId('cell-reward-value').innerText(), '−10');
  await clickCell(page, 0, 2, 8, 8);
  assert.ok(await waitFor(async () => param(page, 'world')?.startsWith('sxp-10.x...,'), 2000), param(page, 'world'));
  // The size: 5 columns keep the left part.
  await page.getByTestId('width').fill('5');
  assert.ok(await waitFor(async () => param(page, 'world')?.startsWith('sxp-10.x,'), 2000), param(page, 'world'));
  await sleep(300);
  const kept = param(page, 'world');
  await page.reload();
  await page.getByTestId('episode').waitFor();
  assert.equal(param(page, 'world'), kept, 'a reload keeps the world');
  assert.equal(await page.getByTestId('width-value').innerText(), '5');
  // The presets.
  await page.getByTestId('preset-cliff').click();
  assert.ok(await waitFor(async () => param(page, 'pits') === 'restart' && param(page, 'step') === '-1', 2000));
  assert.equal(await page.getByTestId('width-value').innerText(), '12');
  assert.equal(await page.getByTestId('height-value').innerText(), '4');
  await page.getByTestId('preset-lake').click();
  assert.ok(await waitFor(async () => param(page, 'world') === 's...,.p0.p0,...p0,p0..g', 2000));
  assert.equal(await page.getByTestId('success-value').innerText(), '1/3');
  assert.deepEqual(problems.errors, []);
});

test('planning with the rules: one sweep, an improvement, value iteration to V*(start)', async () => {
  const { page, problems } = await open('&speed=slow');
  await page.getByTestId('plan-sweeps').waitFor();
  assert.equal(await number(page, 'plan-sweeps'), 0);
  const before = await canvasFingerprint(page, 'plan-grid');
  await page.getByTestId('plan-evaluate').click();
  assert.ok(await waitFor(async () => (await number(page, 'plan-sweeps')) === 1, 2000));
  assert.notEqual((await canvasFingerprint(page, 'plan-grid')).sum, before.sum, 'the values change');
  await page.getByTestId('plan-improve').click();
  assert.ok(await waitFor(async () => (await number(page, 'plan-improvements')) === 1, 2000));
  await page.getByTestId('plan-iterate').click();
  assert.ok(await waitFor(async () => (await number(page, 'plan-sweeps')) === 2, 2000));
  // The shortest way is 14 moves: 13 cost −0.01, the 14th enters the goal (+1), γ = 0.9:
  // V*(start) = −0.01·(1 − 0.9¹³)/(1 − 0.9) + 0.9¹³ = −0.0746 + 0.2542 = 0.1796.
  await page.getByTestId('plan-solve').click();
  assert.ok(await waitFor(async () => (await page.getByTestId('plan-start').innerText()) === '0.1796', 2000), await page.getByTestId('plan-start').innerText());
  assert.ok((await number(page, 'plan-delta')) < 0.0001);
  await page.getByTestId('plan-reset').click();
  assert.ok(await waitFor(async () => (await number(page, 'plan-sweeps')) === 0, 2000));
  // Pointing at the start reads its Q-values and the best possible value there.
  const box = await page.getByTestId('grid').boundingBox();
  const cell = Math.min((box.width - 8) / 8, (box.height - 8) / 8);
  await page.getByTestId('grid').hover({ position: { x: (box.width - cell * 8) / 2 + cell / 2, y: (box.height - cell * 8) / 2 + cell / 2 } });
  assert.ok(await waitFor(async () => /^Row 1, column 1: Q .*↑.*→.*↓.*←.*; best possible V\* 0\.180$/.test(await page.getByTestId('cell-readout').innerText()), 2000),
    await page.getByTestId('cell-readout').innerText());
  assert.deepEqual(problems.errors, []);
});

test('the bandit warm-up: greed gets stuck, UCB gathers the least regret', async () => {
  const { page, problems } = await open('&speed=slow');
  await page.getByTestId('bandit-run').click();
  assert.ok(await waitFor(async () => /^1000 of 1000 pulls/.test(await page.getByTestId('bandit-pulls').innerText()), 15000), 'the race runs to its end');
  const regret = [];
  for (const p of [0, 1, 2]) regret.push(Number((await page.getByTestId(`bandit-row-${p}`).locator('td').nth(1).innerText()).replace('\u2212', '-')));
  console.log(`# rl lab, bandit (10 arms, 200 bandits, 1,000 pulls): regret greedy ${regret[0]}, ε-greedy ${regret[1]}, UCB ${regret[2]}`);
  assert.ok(regret[2] < regret[1] && regret[1] < regret[0], regret.join(' / '));
  assert.equal(await page.getByTestId('regret-chart').getAttribute('data-points'), '1000');
  // A new ε starts a new race.
  await page.getByTestId('bandit_epsilon').fill('0');
  assert.ok(await waitFor(async () => param(page, 'bandit_epsilon') === '0.01', 2000));
  assert.deepEqual(problems.errors, []);
});

test('explore or exploit: the cliff walk separates Q-learning (the edge) from SARSA (the safe way); near or far: greed settles, ε = 1 never exploits, exploring first then exploiting wins', async () => {
  const { page, problems } = await open('&speed=max');
  await page.getByTestId('episode').waitFor();
  await page.getByTestId('try-cliff-q').click();
  assert.ok(await waitFor(async () => param(page, 'method') === 'q' && param(page, 'pits') === 'restart', 2000));
  assert.ok(await waitFor(async () => (await page.getByTestId('episode').innerText()).startsWith('500 /'), 30000), 'Q-learning finishes 500 episodes');
  assert.equal(await greedy(page), '13:true', 'the shortest path, along the edge');
  const qReturn = await number(page, 'last-return');
  await page.getByTestId('try-cliff-sarsa').click();
  assert.ok(await waitFor(async () => param(page, 'method') === 'sarsa', 2000));
  assert.ok(await waitFor(async () => (await page.getByTestId('episode').innerText()).startsWith('500 /'), 30000), 'SARSA finishes 500 episodes');
  const [moves, reached] = (await greedy(page)).split(':');
  assert.ok(Number(moves) > 13 && reached === 'true', `SARSA's path is longer and safe: ${moves} moves`);
  console.log(`# rl lab, cliff walk: Q-learning's greedy path 13 moves (last return ${qReturn}), SARSA's ${moves} moves (last return ${await number(page, 'last-return')})`);
  // Near or far: greed settles for the near goal (3 moves); ε = 1 never exploits, yet its
  // arrows lead to the far goal (5 moves); exploring first and exploiting later walks there.
  await page.getByTestId('try-greedy').click();
  assert.ok(await waitFor(async () => param(page, 'epsilon') === '0' && param(page, 'world') === 'xxxxxxxxx,g0.3..s....g,xxxxxxxxx', 2000));
  assert.ok(await waitFor(async () => (await page.getByTestId('episode').innerText()).startsWith('200 /'), 30000));
  assert.equal(await greedy(page), '3:true', 'greed walks to the near, small goal');
  assert.ok((await number(page, 'gap-last')) > 0.4, 'and the gap stays');
  await page.getByTestId('try-random').click();
  assert.ok(await waitFor(async () => param(page, 'epsilon') === '1', 2000));
  assert.ok(await waitFor(async () => (await page.getByTestId('episode').innerText()).startsWith('200 /'), 30000));
  assert.equal(await greedy(page), '5:true', 'the arrows lead to the far goal');
  await page.getByTestId('try-decay').click();
  assert.ok(await waitFor(async () => param(page, 'decay') === '0.98', 2000));
  assert.ok(await waitFor(async () => (await page.getByTestId('episode').innerText()).startsWith('200 /'), 30000));
  assert.equal(await greedy(page), '5:true');
  assert.equal(await number(page, 'last-return'), 1, 'and the agent walks there');
  assert.ok((await number(page, 'gap-last')) < 1e-6);
  assert.deepEqual(problems.errors, []);
});

test('every setting round-trips through the address; a bad link is explained', async () => {
  const query = '&world=s...,.x.p,...g5&step=-0.04&success=0.8&pits=restart&method=expected&alpha=0.2&gamma=0.95&epsilon=0.2&decay=0.99'
    + '&lambda=0.8&traces=accumulating&planning=5&episodes=300&moves=200&seed=9&speed=normal&arms=5&bandit_epsilon=0.2&ucb=1';
  const { page, problems } = await open(query);
  await page.getByTestId('episode').waitFor();
  for (const [id, value] of [['alpha', '0.2'], ['gamma', '0.95'], ['epsilon', '0.2'], ['decay', '0.99'], ['lambda', '0.8'], ['planning', '5'],
    ['episodes', '300'], ['moves', '200'], ['step', '-0.04'], ['success', '0.80'], ['width', '4'], ['height', '3'], ['arms', '5'],
    ['bandit_epsilon', '0.2'], ['ucb', '1']]) {
    assert.equal(await page.getByTestId(`${id}-value`).innerText(), value, id);
  }
  for (const [id, value] of [['method', 'expected'], ['traces', 'accumulating'], ['pits', 'restart'], ['speed', 'normal'], ['seed', '9']]) {
    assert.equal(await page.getByTestId(id).inputValue(), value, id);
  }
  await sleep(300);
  const url = new URL(page.url());
  for (const pair of query.slice(1).split('&')) {
    const [k, v] = pair.split('=');
    assert.equal(url.searchParams.get(k), v, `${k} kept in the address`);
  }
  const { page: bad } = await open('&method=dqn&gamma=2&world=s..,...&alpha=banana&unknownparam=1');
  const notice = await bad.getByTestId('notice').innerText();
  for (const name of ['method', 'gamma', 'world', 'alpha']) assert.match(notice, new RegExp(name));
  assert.doesNotMatch(notice, /unknownparam/);
  assert.ok(await waitFor(async () => (await number(bad, 'moves-made')) > 0, 10000), 'runs with the defaults');
  // Accumulating traces with α = 0.5, λ = 1 blow up: the run stops and says so, and the way
  // out lowers α two stops.
  const { page: blown } = await open('&method=sarsa&alpha=0.5&gamma=0.99&lambda=1&traces=accumulating&epsilon=0.3&speed=max');
  await blown.getByTestId('diverged').waitFor({ timeout: 10000 });
  await blown.getByTestId('fix-divergence').click();
  assert.ok(await waitFor(async () => param(blown, 'alpha') === '0.1', 2000), `α lowered to ${param(blown, 'alpha')}`);
  assert.ok(await waitFor(async () => (await blown.getByTestId('diverged').count()) === 0, 3000), 'the new run is fine');
  assert.deepEqual(problems.errors, []);
});

test('the concept card; Hebrew right to left', async () => {
  const { page: home, problems } = await openPage(browser.context, srv.base);
  await home.goto(srv.base);
  await home.getByTestId('home').waitFor();
  await home.getByTestId('concept-6').getByRole('link').click();
  await home.getByTestId('lab-rl').waitFor();
  assert.equal(param(home, 'planning'), '10');
  assert.ok(await waitFor(async () => (await greedy(home))?.endsWith(':true'), 15000), 'the preset solves the maze');
  const { page: he } = await open('&lang=he');
  await he.getByTestId('episode').waitFor();
  assert.equal(await he.locator('html').getAttribute('dir'), 'rtl');
  assert.match(await he.locator('h1').innerText(), /[\u0590-\u05FF]/);
  assert.equal(await he.getByTestId('grid').getAttribute('dir'), 'ltr', 'the grid is a picture: drawn the same way');
  assert.match(await he.getByTestId('solved').innerText(), /[\u0590-\u05FF]/);
  assert.match(await he.getByTestId('plan-evaluate').innerText(), /הערכה/);
  assert.deepEqual(problems.errors, []);
});
