import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApp } from '../../src/api/app';
import { runWorkers, type RunningWorkers } from '../../src/cli/worker-command';
import type { AppConfig } from '../../src/config';
import { ScreeningService } from '../../src/queue/screening-service';
import { apiTestConfig, multipartBody, removePrefix, TEST_API_TOKEN, uniquePrefix, waitFor } from '../integration/api/api-helpers';
import { artifactPath, fixturePerson, launchChromium } from './workspace-helpers';

jest.setTimeout(120_000);

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'resumes');
const ALICE = { id: 'alice', token: 'alice-token-0123456789abcdef' };
const BOB = { id: 'bob', token: 'bob-token-0123456789abcdef00' };

const prefix = uniquePrefix();
let config: AppConfig;
let service: ScreeningService;
let app: FastifyInstance;
let workers: RunningWorkers;
let base: string;
let chromium: { browser: Browser; close(): Promise<void> };

beforeAll(async () => {
  config = apiTestConfig(prefix, { REVIEWER_TOKENS: `${ALICE.id}:${ALICE.token},${BOB.id}:${BOB.token}`, PUBLIC_BASE_URL: 'http://127.0.0.1' });
  service = ScreeningService.create(config);
  app = buildApp({ config, service });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  workers = await runWorkers(config);
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  await workers?.close();
  await app?.close();
  await service?.close();
  await removePrefix(prefix);
});

async function uploadOverApi(files: string[]): Promise<string> {
  const form = multipartBody(files.map((file) => ({ name: 'file', fileName: file, bytes: new Uint8Array(readFileSync(join(FIXTURES, file))) })));
  const response = await fetch(`${base}/v1/batches`, { method: 'POST', headers: { authorization: `Bearer ${TEST_API_TOKEN}`, ...form.headers }, body: new Uint8Array(form.payload) });
  expect(response.status).toBe(202);
  return ((await response.json()) as { batchId: string }).batchId;
}

async function waitForBatch(batchId: string): Promise<void> {
  await waitFor(`batch ${batchId} finished`, async () => {
    const response = await fetch(`${base}/v1/batches/${batchId}`, { headers: { authorization: `Bearer ${TEST_API_TOKEN}` } });
    const body = (await response.json()) as { finished: boolean };
    return body.finished;
  }, 90_000);
}

async function signIn(context: BrowserContext, next: string, reviewer: { id: string; token: string }): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}${next}`);
  // Not signed in: the workspace sends the browser to the login form, which returns it to `next`.
  expect(new URL(page.url()).pathname).toBe('/review/login');
  await page.fill('#reviewerId', reviewer.id);
  await page.fill('#token', reviewer.token);
  await Promise.all([page.waitForURL((url) => url.pathname === next.split('?')[0]), page.click('button[type=submit]')]);
  return page;
}

describe('reviewer workspace in Chromium', () => {
  it('shows a batch, links evidence to highlighted lines, records decisions and exports them in the audit log', async () => {
    const batchId = await uploadOverApi(['ada-lindqvist.pdf', 'bruno-okafor.pdf', 'zz-empty.pdf']);
    await waitForBatch(batchId);
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, `/review/batches/${batchId}`, ALICE);

    // The session cookie is HttpOnly and SameSite=Strict.
    const cookie = (await context.cookies()).find((entry) => entry.name === 're_review_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    // A column per requirement, level badges with words, flags, and no rank or score column.
    const headers = await page.locator('thead th').allInnerTexts();
    expect(headers.join(' ')).toMatch(/Python/);
    expect(headers.join(' ').toLowerCase()).not.toMatch(/rank|score|recommend/);
    const rows = page.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(3);
    await expect(page.locator('tbody').innerText()).resolves.toMatch(/unreadable file/);
    await expect(page.locator('tbody .level').first().innerText()).resolves.toMatch(/none|mentioned|used|strong/);
    await page.screenshot({ path: artifactPath('batch-page.png'), fullPage: true });

    // Filtering by a requirement level works without JavaScript: a GET form with query parameters.
    await page.selectOption('#min-rl', 'strong');
    await Promise.all([page.waitForURL(/min-rl=strong/), page.click('form.filters button[type=submit]')]);
    const filtered = await page.locator('tbody th[scope=row]').allInnerTexts();
    expect(filtered).toEqual(['ada-lindqvist.pdf']);

    // Open the candidate; follow an evidence item to its line in the extracted text.
    await Promise.all([page.waitForURL(/\/candidates\/report-/), page.click('text=ada-lindqvist.pdf')]);
    const evidenceLink = page.locator('section[aria-labelledby=req-python] a.evidence-link').first();
    const href = await evidenceLink.getAttribute('href');
    expect(href).toMatch(/^#p\d+-l\d+$/);
    await evidenceLink.focus();
    await page.keyboard.press('Enter');
    // Evaluated in the page (strings: the test's TypeScript has no DOM types).
    await page.waitForFunction(`window.location.hash === ${JSON.stringify(href)}`);
    const target = (await page.evaluate(
      `(() => { const element = document.querySelector(':target'); return element ? { id: element.id, text: element.textContent || '', background: getComputedStyle(element).backgroundColor } : null; })()`,
    )) as { id: string; text: string; background: string } | null;
    expect(target?.id).toBe(href?.slice(1));
    expect(target?.text).toMatch(/Python/);
    expect(target?.background).toBe('rgb(255, 213, 79)');
    await expect(page.locator('body').innerText()).resolves.toMatch(/research-engineer.*v\d+\.\d+\.\d+/s);
    await page.screenshot({ path: artifactPath('candidate-page.png'), fullPage: false });

    // The original file: the stored bytes, as an attachment with the right type.
    const candidatePath = new URL(page.url()).pathname;
    const original = await page.request.get(`${base}${candidatePath}/original`);
    expect(original.status()).toBe(200);
    expect(original.headers()['content-type']).toBe('application/pdf');
    expect(original.headers()['content-disposition']).toMatch(/^attachment; filename="ada-lindqvist\.pdf"/);
    expect(Buffer.from(await original.body()).equals(readFileSync(join(FIXTURES, 'ada-lindqvist.pdf')))).toBe(true);

    // A decline needs a reason: refused, nothing recorded.
    await page.check('#d-decline');
    await page.click('form[action$="/decisions"] button[type=submit]');
    await expect(page.locator('[role=alert]').innerText()).resolves.toMatch(/decline needs a reason/);
    await expect(page.locator('ol.history li').count()).resolves.toBe(0);

    await page.check('#d-hold');
    await page.fill('#reason', 'Want to see the publication list in full');
    await Promise.all([page.waitForURL(/recorded=decision/), page.click('form[action$="/decisions"] button[type=submit]')]);
    await page.check('#d-advance');
    await page.fill('#notes', 'Strong RLHF leadership evidence');
    await Promise.all([page.waitForURL(/recorded=decision/), page.click('form[action$="/decisions"] button[type=submit]')]);
    // Changing a decision appends: both are in the history, the second marked as a change.
    const history = await page.locator('ol.history li').allInnerTexts();
    expect(history).toHaveLength(2);
    expect(history[0]).toMatch(/hold by alice/);
    expect(history[1]).toMatch(/advance by alice.*changes their earlier decision/s);

    // The audit export has both decisions, with the report version they were made on.
    const reportId = /candidates\/(report-[0-9a-f]+)/.exec(page.url())?.[1];
    const audit = await page.request.get(`${base}/review/batches/${batchId}/audit.csv`);
    const auditText = await audit.text();
    const decisionRows = auditText.split('\r\n').filter((line) => line.includes(',decision,alice,'));
    expect(decisionRows).toHaveLength(2);
    expect(decisionRows.every((line) => line.includes(reportId ?? '?'))).toBe(true);
    expect(decisionRows[1]).toMatch(/,advance,/);

    // A POST without the session's CSRF token is refused.
    const forged = await page.request.post(`${base}${candidatePath}/decisions`, { form: { decision: 'decline', reason: 'forged', csrf: 'nope' } });
    expect(forged.status()).toBe(401);

    // The oversight page puts the decision beside the evidence.
    await page.goto(`${base}/review/batches/${batchId}/oversight`);
    await expect(page.locator('main').innerText()).resolves.toMatch(/alice/);
    await context.close();
  });

  it('hides names and e-mails in a blind batch until a reviewer reveals, and logs the reveal and erasures', async () => {
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, '/review', BOB);
    // Upload from the browser form, blind review ticked (the default).
    await page.setInputFiles('#files', [join(FIXTURES, 'chiara-vesela.pdf'), join(FIXTURES, 'kalinda-reyes.md')]);
    await expect(page.isChecked('#blind')).resolves.toBe(true);
    await Promise.all([page.waitForURL(/\/review\/batches\/batch-/), page.click('form[enctype="multipart/form-data"] button[type=submit]')]);
    const batchId = /batches\/(batch-[^/?]+)/.exec(page.url())?.[1] ?? '';
    await waitForBatch(batchId);
    await page.reload();

    const people = [fixturePerson('chiara-vesela.pdf'), fixturePerson('kalinda-reyes.md')];
    const assertNoIdentity = async (html: string): Promise<void> => {
      for (const person of people) {
        for (const word of [...person.nameWords, person.email, person.email.split('@')[0] ?? '']) {
          expect({ word, found: html.toLowerCase().includes(word.toLowerCase()) }).toEqual({ word, found: false });
        }
      }
    };
    await expect(page.locator('.blind').innerText()).resolves.toMatch(/Blind review is on/);
    await assertNoIdentity(await page.content());

    const hrefs = await Promise.all((await page.locator('tbody th[scope=row] a').all()).map((anchor) => anchor.getAttribute('href')));
    const links = hrefs.map((href) => `${base}${href ?? ''}`);
    expect(links).toHaveLength(2);
    for (const link of links) {
      await page.goto(link);
      await assertNoIdentity(await page.content());
      const original = await page.request.get(`${link}/original`);
      expect(original.status()).toBe(403);
    }
    // The exports of a blind batch carry no identity either.
    await assertNoIdentity(await (await page.request.get(`${base}/review/batches/${batchId}/decisions.json`)).text());

    // Revealing is an explicit, logged action; afterwards this reviewer sees the name.
    const chiaraLink = links[0] ?? '';
    await page.goto(chiaraLink);
    await Promise.all([page.waitForURL(/recorded=reveal/), page.click('form[action$="/reveal"] button[type=submit]')]);
    const revealedText = await page.locator('main').innerText();
    expect(people.some((person) => revealedText.includes(person.nameWords[1] ?? '?'))).toBe(true);
    const audit = (await (await page.request.get(`${base}/review/batches/${batchId}/audit.json`)).json()) as { entries: Array<{ action: string; actor: string; resumeId?: string }> };
    expect(audit.entries.map((entry) => `${entry.action}:${entry.actor}`)).toEqual(['blind-review-on:bob', 'reveal:bob']);

    // Erasure (over the API) removes the candidate and is logged, by id only.
    const resumeId = audit.entries[1]?.resumeId ?? '';
    const erased = await fetch(`${base}/v1/candidates/${resumeId}`, { method: 'DELETE', headers: { authorization: `Bearer ${TEST_API_TOKEN}` } });
    expect(erased.status).toBe(200);
    const after = (await (await page.request.get(`${base}/review/batches/${batchId}/audit.json`)).json()) as { entries: Array<{ action: string; resumeId?: string }> };
    expect(after.entries.at(-1)).toMatchObject({ action: 'erasure', resumeId });
    await page.goto(`${base}/review/batches/${batchId}`);
    await expect(page.locator('tbody tr').count()).resolves.toBe(1);
    await context.close();
  });
});
