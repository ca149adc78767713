// Lessons, as a teacher makes and plays one: steps gathered in two labs with "+ Step", put in
// order, annotated in Hebrew and English, a control hidden, the link copied (under 2,000
// characters: the whole lesson is in it), and the lesson played from that link — the notes, the
// step count, the hidden control, Next / Previous and PageDown / PageUp across the two labs, the
// bar in Hebrew, leaving the lesson. And a damaged lesson link: the notice, and the lab as usual.
// The README's lesson link opens its lesson.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, startServer, launch, openLab, openPage, waitFor, sleep } from './harness.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const text = (page, id) => page.getByTestId(id).innerText();
const param = (page, name) => new URL(page.url()).searchParams.get(name);

test('a lesson written in two labs, linked, and played step by step', async () => {
  // Step one: the Playground on the spiral.
  const { page, problems } = await openLab(browser, srv.base, 'playground', '&dataset=spiral&noise=20&lang=en', 'boundary');
  await page.evaluate(() => localStorage.removeItem('perplexed.lesson'));
  await sleep(300);
  await page.getByTestId('lesson-add').click();
  assert.match(await text(page, 'lesson-added'), /step 1 of your lesson/);
  // Step two: gradient descent in its ravine.
  await page.goto(`${srv.base}?lab=descent&surface=rosenbrock&lang=en`);
  await page.getByTestId('lab-descent').waitFor();
  await sleep(300);
  await page.getByTestId('lesson-add').click();
  assert.match(await text(page, 'lesson-added'), /step 2 of your lesson/);

  // The editor: both steps, with their labs and the settings that differ from the defaults.
  await page.getByTestId('lesson-edit').click();
  await page.getByTestId('lesson-editor').waitFor();
  assert.match(await text(page, 'lesson-step-1'), /Playground/);
  assert.match(await text(page, 'lesson-step-1'), /dataset=spiral · noise=20/);
  assert.match(await text(page, 'lesson-step-2'), /surface=rosenbrock/);
  // Descent first: moved up, the order follows.
  await page.getByTestId('lesson-up-2').click();
  assert.match(await text(page, 'lesson-step-1'), /surface=rosenbrock/);
  assert.match(await text(page, 'lesson-step-2'), /dataset=spiral/);
  await page.getByTestId('lesson-title-input').fill('Gradient descent, then a network');
  await page.getByTestId('lesson-note-1').fill('Watch each optimizer find the valley of the banana.');
  await page.getByTestId('lesson-note-2').fill('ספירלה עם רעש: לחצו על הפעלה וצפו בגבול ההחלטה.');
  // The Playground's learning-rate slider is hidden in step 2.
  await page.getByTestId('lesson-hide-2-lr').check();
  // Kept in this browser as typed: a reload shows the same lesson.
  await page.reload();
  await page.getByTestId('lesson-editor').waitFor();
  assert.equal(await page.getByTestId('lesson-note-2').inputValue(), 'ספירלה עם רעש: לחצו על הפעלה וצפו בגבול ההחלטה.');
  assert.ok(await page.getByTestId('lesson-hide-2-lr').isChecked());

  await page.getByTestId('lesson-copy').click();
  const link = await page.getByTestId('lesson-link').inputValue();
  assert.ok(link.length < 2000, `${link.length} characters`);
  assert.match(await text(page, 'lesson-link-length'), new RegExp(`${link.length} characters`));
  assert.match(link, /\?lab=descent&surface=rosenbrock&lang=en&lesson=[A-Za-z0-9_-]+&step=1$/);

  // Played from the link, in a fresh page: step 1 of 2, its note, the descent lab as set.
  const { page: play, problems: playProblems } = await openPage(browser.context, srv.base);
  await play.goto(link);
  await play.getByTestId('lesson-bar').waitFor();
  assert.equal(await text(play, 'lesson-title'), 'Gradient descent, then a network');
  assert.equal(await text(play, 'lesson-step'), 'Step 1 of 2');
  assert.equal(await text(play, 'lesson-note'), 'Watch each optimizer find the valley of the banana.');
  assert.ok(await play.getByTestId('lesson-prev').isDisabled(), 'no step before the first');
  // The lab's own address writing keeps the lesson in the address.
  await sleep(400);
  assert.equal(param(play, 'step'), '1');
  assert.ok(param(play, 'lesson'));
  // Next: the Playground on the spiral, its note, its learning rate hidden.
  await play.getByTestId('lesson-next').click();
  await play.getByTestId('boundary').waitFor();
  await play.getByTestId('lesson-bar').waitFor();
  assert.equal(await text(play, 'lesson-step'), 'Step 2 of 2');
  assert.equal(await text(play, 'lesson-note'), 'ספירלה עם רעש: לחצו על הפעלה וצפו בגבול ההחלטה.');
  assert.equal(param(play, 'dataset'), 'spiral');
  assert.equal(await play.locator('[data-control="lr"]').count() > 0, true, 'the slider is on the page');
  assert.equal(await play.locator('[data-control="lr"]').first().isVisible(), false, 'and hidden in this step');
  assert.ok(await play.locator('[data-control="batch"]').first().isVisible(), 'the others are not');
  assert.ok(await play.getByTestId('lesson-next').isDisabled(), 'no step after the last');
  // The lab works inside a lesson: Play trains it.
  await play.getByTestId('play').click();
  assert.ok(await waitFor(async () => Number(await text(play, 'epoch')) > 0, 8000), 'it trains');
  // Hebrew: the bar speaks Hebrew, the note is the teacher's own.
  await play.getByTestId('lang').click();
  assert.equal(await text(play, 'lesson-step'), 'שלב 2 מתוך 2');
  assert.equal(await text(play, 'lesson-prev'), '→ הקודם');
  // PageUp: back to step 1 (a clicker's "previous"), in Hebrew now.
  await play.locator('body').click({ position: { x: 5, y: 5 } });
  await play.keyboard.press('PageUp');
  await play.getByTestId('lab-descent').waitFor();
  await play.getByTestId('lesson-bar').waitFor();
  assert.equal(await text(play, 'lesson-step'), 'שלב 1 מתוך 2');
  assert.equal(await play.locator('html').getAttribute('dir'), 'rtl');
  await play.keyboard.press('PageDown');
  await play.getByTestId('boundary').waitFor();
  await play.getByTestId('lesson-bar').waitFor();
  assert.equal(await text(play, 'lesson-step'), 'שלב 2 מתוך 2');
  // Leaving: the bar goes, the hidden control comes back, the address forgets the lesson.
  await play.getByTestId('lesson-leave').click();
  assert.equal(await play.getByTestId('lesson-bar').count(), 0);
  assert.ok(await play.locator('[data-control="lr"]').first().isVisible());
  assert.ok(await waitFor(() => param(play, 'lesson') === null, 3000), play.url());
  assert.equal(param(play, 'dataset'), 'spiral', 'the settings stay');
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(playProblems.errors, []);
});

test('a damaged lesson link is named in the notice and the lab opens as usual', async () => {
  const { page, problems } = await openLab(browser, srv.base, 'playground', '&lang=en&lesson=Zm9v*bar&step=1', 'boundary');
  await page.getByTestId('notice').waitFor();
  assert.match(await text(page, 'notice'), /lesson=Zm9v\*bar/);
  assert.equal(await page.getByTestId('lesson-bar').count(), 0);
  await page.getByTestId('play').click();
  assert.ok(await waitFor(async () => Number(await text(page, 'epoch')) > 0, 8000), 'the lab trains');
  assert.ok(await waitFor(() => param(page, 'lesson') === null, 3000), 'the address drops it');
  // A step past the end: the last step, and the notice says which step was asked for.
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const code = readme.match(/lesson=([A-Za-z0-9_-]+)/)[1];
  await page.goto(`${srv.base}?lab=overfitting&lang=en&lesson=${code}&step=40`);
  await page.getByTestId('lesson-bar').waitFor();
  assert.match(await text(page, 'notice'), /step=40/);
  assert.match(await text(page, 'lesson-step'), /^Step (\d+) of \1$/);
  assert.deepEqual(problems.errors, []);
});

test('the README\'s lesson link opens its lesson', async () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const link = readme.match(/http:\/\/127\.0\.0\.1:8080\/(\?lab=[^\s)>]+lesson=[^\s)>]+)/);
  assert.ok(link, 'the README shows a lesson link');
  const { page, problems } = await openPage(browser.context, srv.base);
  await page.goto(`${srv.base}${link[1]}`);
  await page.getByTestId('lesson-bar').waitFor();
  assert.match(await text(page, 'lesson-step'), /^Step 1 of \d+$/);
  assert.ok((await text(page, 'lesson-note')).length > 10, 'the first step has a note');
  assert.equal(await page.getByTestId('notice').count(), 0, 'nothing in it is refused');
  assert.deepEqual(problems.errors, []);
});
