import { expect, test } from "@playwright/test";
import { signInByApi, USERS } from "./auth";

// A page streams in behind its loading skeleton: React puts the server's copy in place on the next
// animation frame and hydrates it. The live stream connects meanwhile; if that changed anything
// the page's boundary depends on, React would render the page a second time on the client, and
// for a moment the document would hold two copies (CI once saw two "Name" fields on the tokens page).
// Here animation frames are held back until the test has looked.

test("a streamed page is hydrated once, not rendered again on the client, while the live stream connects", async ({ page }) => {
  await page.addInitScript(() => {
    const frame = window.requestAnimationFrame.bind(window);
    const held: FrameRequestCallback[] = [];
    window.requestAnimationFrame = (cb) => (held.push(cb), 0);
    Object.assign(window, { releaseFrames: () => ((window.requestAnimationFrame = frame), held.splice(0).forEach(frame)) });
    const Native = window.EventSource;
    window.EventSource = class extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        this.addEventListener("open", () => document.documentElement.setAttribute("data-live-open", ""));
      }
    };
  });
  await signInByApi(page, USERS.admin);
  await page.goto("/settings/tokens");
  // (polled by timer: the default polling waits for animation frames, which are held)
  await page.waitForFunction(() => document.documentElement.hasAttribute("data-live-open"), null, { polling: 100 });
  // The server's copy has arrived and is still waiting for its frame to be put in place…
  expect(await page.evaluate(() => document.querySelector("div[hidden][id^='S:']") !== null)).toBe(true);
  // …and it is the only copy: nothing rendered the page again.
  expect(await page.locator("input[name=name]").count()).toBe(1);
  // Once the frame comes, the page is there, once, and works.
  await page.evaluate(() => (window as unknown as { releaseFrames(): void }).releaseFrames());
  await expect(page.getByLabel("Name")).toBeVisible();
  await page.getByLabel("Name").fill("hydrated-once");
  await expect(page.locator("input[name=name]")).toHaveCount(1);
});
