/**
 * What the page shows beyond the flows: times with seconds and the zone; one size unit
 * convention; "off-site copies are off" and how to turn them on; badges at least 12 px with at
 * least 4.5:1 contrast; legible file names; a favicon; at 390 px wide (a phone) the history is
 * cards with every action on screen and nothing scrolls sideways.
 */
import { check } from '../harness/runner';
import { checkNoPageProblems, row, screenshot, type E2eContext } from './helpers';

/**
 * WCAG contrast of an element's text against its first non-transparent background, and its font
 * size — as source text, so the bundler's helpers never end up inside the browser's copy.
 */
const CONTRAST_OF = `(element) => {
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let bg = [255, 255, 255];
  for (let e = element; e; e = e.parentElement) {
    const c = parse(getComputedStyle(e).backgroundColor);
    if (c.length >= 3 && (c.length < 4 || c[3] > 0)) { bg = c; break; }
  }
  const style = getComputedStyle(element);
  const [a, b] = [lum(parse(style.color)), lum(bg)].sort((x, y) => y - x);
  return { size: parseFloat(style.fontSize), ratio: (a + 0.05) / (b + 0.05) };
}`;

interface Legibility {
  size: number;
  ratio: number;
}

export async function pageDetails(ctx: E2eContext): Promise<void> {
  const { page } = ctx;
  const backup = ctx.firstBackup;
  check(backup, 'scenario 1 made a backup');
  await page.goto(`${ctx.baseUrl}/admin/backups`);

  const rowText = await row(page, backup.id).innerText();
  check(/\d{2}:\d{2}:\d{2} (UTC|GMT)/.test(rowText), `a row's time has seconds and the zone: ${rowText}`);
  check(/\d+(\.\d)? (B|kB|MB|GB)\b/.test(rowText), `sizes in SI units: ${rowText}`);
  const cloudOff = await page.getByTestId('cloud-off').innerText();
  check(/Off-site copies are off/.test(cloudOff) && /BACKUP_S3_BUCKET/.test(cloudOff), `the page says off-site copies are off and how to turn them on: ${cloudOff}`);
  check((await page.getByTestId('cloud-status').innerText()) === 'Off', 'the banner lists off-site copies as off');

  const measure = (selector: string) => page.evaluate(`Array.from(document.querySelectorAll(${JSON.stringify(selector)})).map(${CONTRAST_OF})`) as Promise<Legibility[]>;
  const badges = await measure('.badge');
  check(badges.length > 0, 'the page has badges');
  for (const b of badges) {
    check(b.size >= 12, `badge font size ${b.size} px ≥ 12 px`);
    check(b.ratio >= 4.5, `badge contrast ${b.ratio.toFixed(2)}:1 ≥ 4.5:1`);
  }
  const [filename] = await measure(`tr[data-backup-id="${backup.id}"] .filename`);
  check(filename, 'the row shows its file name');
  check(filename.size >= 12 && filename.ratio >= 4.5, `file names legible: ${filename.size} px at ${filename.ratio.toFixed(2)}:1`);

  const icon = await page.locator('link[rel="icon"]').first().getAttribute('href');
  check(icon, 'the page links a favicon');
  const iconResponse = await page.request.get(new URL(icon, ctx.baseUrl).toString());
  check(iconResponse.status() === 200, `the favicon answers 200 (got ${iconResponse.status()})`);

  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.reload();
    await row(page, backup.id).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    check(overflow <= 0, `nothing scrolls sideways at 390 px (overflow ${overflow} px)`);
    const card = await row(page, backup.id).boundingBox();
    check(card && card.width <= 390, `the history row is a card within the screen (${card?.width} px)`);
    for (const name of [`Restore ${backup.filename}`, `Delete ${backup.filename}`, `Verify ${backup.filename}`]) {
      const box = await row(page, backup.id).getByRole('button', { name }).boundingBox();
      check(box && box.x >= 0 && box.x + box.width <= 390, `"${name}" is on screen at 390 px (${JSON.stringify(box)})`);
    }
    await screenshot(ctx, '33-phone-390px');
  } finally {
    await page.setViewportSize({ width: 1440, height: 900 });
  }
  checkNoPageProblems(ctx);
}
