// End-to-end tests of the desktop app as people use it: the real window (WebKitGTK), driven
// over WebDriver (tauri-driver → WebKitWebDriver) with plain HTTP. Run by ./run under Xvfb,
// twice: on the embedded SQLite file, and as a terminal of `hoshu serve` on PostgreSQL
// (HOSHU_E2E_SERVER_DB), reached through a loopback proxy that can lose an answer.
import { execFileSync, spawn } from "node:child_process";
import http from "node:http";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const APP = process.env.HOSHU_E2E_APP;
const SHOTS = process.env.HOSHU_E2E_SCREENSHOTS;
const PASSWORD = "hoshu-demo-2026";
const DRIVER = "http://127.0.0.1:4444";
/** Server mode: the database `hoshu serve` holds (the terminal never sees it). */
const SERVER_DB = process.env.HOSHU_E2E_SERVER_DB;
/** The SQLite file of the first pass (the window's own database). */
const LOCAL_DB = process.env.HOSHU_DB;
const SERVER_PORT = 4460;
const PROXY_PORT = 4461;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let session;
let passed = 0;
const failures = [];
/**
 * `HOSHU_E2E_ONLY=text` runs only the steps whose name holds the text (while working on them);
 * `a|b` the steps holding either.
 */
const ONLY = (process.env.HOSHU_E2E_ONLY ?? "").split("|").filter(Boolean);

/**
 * axe-core, the accessibility engine, run inside the real window: the rules of WCAG 2.1 AA
 * (what JIS X 8341-3 AA asks). A serious or critical violation fails the step that met it.
 */
const AXE = readFileSync(new URL("../../ui/node_modules/axe-core/axe.min.js", import.meta.url), "utf8");
const axeChecked = new Set();
async function accessible(screen) {
  // The window's CSP forbids eval, but a script the driver runs is not the page's: the
  // engine goes in as the body of one such script, once per page.
  if (!(await exec("return !!window.axe"))) {
    if (!(await exec(`${AXE}\nreturn !!window.axe;`))) throw new Error("axe-core did not load in the window");
  }
  const found = await wd("POST", s("/execute/async"), {
    script: `const done = arguments[arguments.length - 1];
      window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        resultTypes: ["violations"],
      }).then((r) => done(r.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }))),
        (e) => done([{ id: "axe-error", help: String(e), nodes: [] }]));`,
    args: [],
  });
  axeChecked.add(screen);
  if (found.length > 0) {
    throw new Error(`accessibility (${screen}): ` + found.map((v) => `${v.id} — ${v.help} — ${v.nodes.join(" | ")}`).join("; "));
  }
}


/**
 * The desktop's open and save dialogs are its own windows, out of WebDriver's reach. A debug
 * build answers them from the folder HOSHU_TEST_DIALOGS instead (src-tauri/src/files.rs): a save
 * goes there under the suggested name, an open picks the file in its `open` subfolder.
 */
const DIALOGS = process.env.HOSHU_TEST_DIALOGS ?? "";

/** Empties the dialogs' folder; `toOpen` (name and content) is what the next open dialog picks. */
function resetDialogs(toOpen) {
  rmSync(DIALOGS, { recursive: true, force: true });
  mkdirSync(path.join(DIALOGS, "open"), { recursive: true });
  if (toOpen) writeFileSync(path.join(DIALOGS, "open", toOpen.name), toOpen.content);
}

/** The file the window says it saved (the path shown in `selector`), checked to start with `magic`. */
async function savedFile(selector, magic) {
  await waitText(selector, DIALOGS, 60_000);
  const shown = await text(selector);
  const file = shown.slice(shown.indexOf(DIALOGS)).trim();
  const saved = readdirSync(DIALOGS).filter((f) => f !== "open");
  if (saved.length !== 1 || path.join(DIALOGS, saved[0]) !== file) {
    throw new Error(`expected only ${file} in the dialogs' folder, found ${saved.join(", ")}`);
  }
  if (!readFileSync(file).subarray(0, magic.length).equals(Buffer.from(magic))) throw new Error(`not ${magic}: ${file}`);
  return file;
}

async function wd(method, url, body) {
  const res = await fetch(`${DRIVER}${url}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${url}: ${JSON.stringify(json.value).slice(0, 400)}`);
  return json.value;
}
const s = (p) => `/session/${session}${p}`;
const ELEMENT = "element-6066-11e4-a6ab-4a4c00cf1d3b";

async function find(css, timeout = 10_000) {
  const end = Date.now() + timeout;
  for (;;) {
    let found = [];
    try {
      found = await wd("POST", s("/elements"), { using: "css selector", value: css });
    } catch (e) {
      // The page re-rendered while the driver was collecting the matches: look again.
      if (!String(e.message).includes("stale element")) throw e;
    }
    if (found.length > 0) return found[0][ELEMENT] ?? Object.values(found[0])[0];
    if (Date.now() > end) throw new Error(`not found: ${css}`);
    await sleep(150);
  }
}
async function absent(css) {
  const found = await wd("POST", s("/elements"), { using: "css selector", value: css });
  return found.length === 0;
}
async function click(css) {
  await wd("POST", s(`/element/${await find(css)}/click`), {});
}
async function type(css, text) {
  const el = await find(css);
  await wd("POST", s(`/element/${el}/clear`), {});
  if (text) await wd("POST", s(`/element/${el}/value`), { text });
}
async function text(css) {
  return wd("GET", s(`/element/${await find(css)}/text`));
}
async function waitText(css, want, timeout = 10_000) {
  const end = Date.now() + timeout;
  let last = "";
  for (;;) {
    try {
      last = await text(css);
      if (last.includes(want)) return last;
    } catch {
      /* not there yet */
    }
    if (Date.now() > end) throw new Error(`${css}: wanted 「${want}」, saw 「${last.slice(0, 200)}」`);
    await sleep(150);
  }
}
/** Types into whatever has the focus, as a keyboard would (WebDriver key actions). */
async function keys(text) {
  const actions = [...text].flatMap((ch) => [{ type: "keyDown", value: ch }, { type: "keyUp", value: ch }]);
  await wd("POST", s("/actions"), { actions: [{ type: "key", id: "keyboard", actions }] });
  await wd("DELETE", s("/actions"));
}
/** Types text into the element that has the focus (WebDriver's element send-keys, which takes Japanese). */
async function typeHere(text) {
  const active = await wd("GET", s("/element/active"));
  const id = active[ELEMENT] ?? Object.values(active)[0];
  await wd("POST", s(`/element/${id}/value`), { text });
}
/** Shift+Tab: focus moves back one stop. */
async function shiftTab() {
  const actions = [
    { type: "keyDown", value: "\uE008" }, { type: "keyDown", value: "\uE004" },
    { type: "keyUp", value: "\uE004" }, { type: "keyUp", value: "\uE008" },
  ];
  await wd("POST", s("/actions"), { actions: [{ type: "key", id: "keyboard", actions }] });
  await wd("DELETE", s("/actions"));
}
async function exec(script, args = []) {
  return wd("POST", s("/execute/sync"), { script, args });
}
/** Calls a command the way the window does, returning {ok} or {err}. */
async function invoke(cmd, args) {
  return wd("POST", s("/execute/async"), {
    script: `const done = arguments[arguments.length - 1];
      window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
        .then((ok) => done({ ok }), (err) => done({ err }));`,
    args: [cmd, args],
  });
}
async function select(css, value) {
  await find(css);
  await exec(
    `const el = document.querySelector(arguments[0]);
     Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set.call(el, arguments[1]);
     el.dispatchEvent(new Event("change", { bubbles: true }));`,
    [css, value],
  );
}
/** Sets an input's value the way typing does (for date and time pickers). */
async function setInput(css, value) {
  await find(css);
  await exec(
    `const el = document.querySelector(arguments[0]);
     Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(el, arguments[1]);
     el.dispatchEvent(new Event("input", { bubbles: true }));`,
    [css, value],
  );
}
/** Every documented screen is also checked for accessibility. */
async function shot(name, dir = SHOTS) {
  if (!dir) return;
  await sleep(300);
  const png = await wd("GET", s("/screenshot"));
  writeFileSync(path.join(dir, `desktop-${name}.png`), Buffer.from(png, "base64"));
  if (dir === SHOTS) await accessible(name);
}

/** Logs out when someone is logged in, answering the unsent-drafts question if it comes. */
async function logout(answer) {
  await click("#logout");
  const end = Date.now() + 10_000;
  while (Date.now() < end) {
    if (!(await absent("#login-id"))) return;
    if (!(await absent("#ask-dialog"))) {
      // Unless told otherwise: keep what waits for the connection, erase what was only typed.
      const choice = answer ?? ((await text("#ask-message")).includes("接続待ち") ? "keep" : "erase");
      await click(`#ask-${choice}`);
      if (choice === "stay") return;
      await find("#login-id");
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("log-out did not reach the log-in screen");
}

async function login(who) {
  if (await absent("#login-id")) {
    await logout();
  }
  await type("#login-id", who);
  await type("#login-password", PASSWORD);
  await click("#login-submit");
  await find("#who");
}
async function openRequestByTitle(title) {
  await click("#nav-requests");
  // The list keeps its filters while logged in: start from none.
  await click("#filter-clear");
  await type("#filter-text", title);
  await click("#filter-submit");
  await waitText("#request-table", title);
  await click(`#request-table a[data-request-id]`);
  await find("#request-detail");
  await waitText(".page-title", title);
}

async function openMeeting(title) {
  await click("#nav-meetings");
  await type("#mtg-filter-text", title);
  await click("#mtg-filter-submit");
  await waitText("#meeting-table", title);
  await click("#meeting-table a[data-meeting-id]");
  await find("#meeting-detail");
  await waitText(".page-title", title);
}

async function step(name, body) {
  if (ONLY.length > 0 && !ONLY.some((text) => name.includes(text))) return;
  process.stdout.write(`e2e: ${name} … `);
  const started = Date.now();
  try {
    await body();
    passed += 1;
    console.log(`ok (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failures.push(name);
    console.log("FAILED");
    console.log(`    ${e.message}`);
    // Failure pictures go to the temporary folder, never among the documented screenshots.
    await shot(`failed-${failures.length}`, os.tmpdir()).catch(() => undefined);
    console.log(`    screenshot: ${path.join(os.tmpdir(), `desktop-failed-${failures.length}.png`)}`);
  }
}

function waitPort(port, timeout = 30_000) {
  const end = Date.now() + timeout;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const sock = net.connect(port, "127.0.0.1");
      sock.once("connect", () => (sock.end(), resolve()));
      sock.once("error", () => {
        sock.destroy();
        if (Date.now() > end) reject(new Error(`port ${port} did not open`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

const stamp = Date.now().toString(36);
const INQUIRY = `E2E 帳票出力の確認 ${stamp}`;
const KEYBOARD_REQUEST = `E2E キーボードで起票 ${stamp}`;
const OUTAGE = `E2E 計画停止（サーバ保守） ${stamp}`;
const INCIDENT = `E2E 夜間バッチ異常終了 ${stamp}`;
const MEETING = `E2E 第9回 定例会議 ${stamp}`;
const REGISTER_ITEM = `E2E 帳票の改ページ位置の見直し ${stamp}`;
const PLAN_NOTE = `E2E 監視項目を追記 ${stamp}`;
const CONTRACT_NUMBER = "岡保委第2026-0412号";
let changeId = 0;

/** `hoshu serve` on the test database, started and stopped by the steps that need it gone. */
const server = {
  child: null,
  async start() {
    this.child = spawn(process.env.HOSHU_E2E_HOSHU,
      ["--db", SERVER_DB, "--audit-key-file", process.env.HOSHU_E2E_AUDIT_KEY, "serve", "--listen", `127.0.0.1:${SERVER_PORT}`],
      { stdio: ["ignore", "ignore", "inherit"] });
    await waitPort(SERVER_PORT);
  },
  async stop() {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise((resolve) => { child.on("exit", resolve); child.kill("SIGTERM"); });
  },
};

/**
 * The network between terminal and server. `loseAnswerOf(op)`: the next call of `op` reaches
 * the server and is committed there, but its answer never arrives (the connection drops).
 */
const network = {
  lost: null,
  lostCount: 0,
  loseAnswerOf(operation) { this.lost = operation; },
  start() {
    return new Promise((resolve) => {
      const proxy = http.createServer((req, res) => {
        const body = [];
        req.on("data", (c) => body.push(c));
        req.on("end", () => {
          const upstream = http.request(
            { host: "127.0.0.1", port: SERVER_PORT, method: req.method, path: req.url, headers: req.headers },
            (answer) => {
              const chunks = [];
              answer.on("data", (c) => chunks.push(c));
              answer.on("end", () => {
                if (this.lost && req.url.endsWith(`/${this.lost}`)) {
                  this.lost = null;
                  this.lostCount += 1;
                  req.socket.destroy();
                  return;
                }
                res.writeHead(answer.statusCode, answer.headers);
                res.end(Buffer.concat(chunks));
              });
            },
          );
          upstream.on("error", () => req.socket.destroy());
          upstream.end(Buffer.concat(body));
        });
      });
      proxy.listen(PROXY_PORT, "127.0.0.1", () => resolve(proxy));
    });
  },
};

/**
 * The shared database stops answering until `release()`: on SQLite another process holds the
 * write lock; in server mode the server itself is stopped (and started again on release).
 */
async function outage() {
  if (!SERVER_DB) return lockDatabase(process.env.HOSHU_DB.replace(/^sqlite:/, ""));
  await server.stop();
  return { release: () => server.start() };
}

async function main() {
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  let proxy = null;
  if (SERVER_DB) {
    await server.start();
    proxy = await network.start();
    // The terminal knows only the server's address.
    process.env.HOSHU_DB = `http://127.0.0.1:${PROXY_PORT}`;
    console.log(`e2e: server mode — hoshu serve on PostgreSQL, terminal at ${process.env.HOSHU_DB}`);
  }
  const driver = spawn("tauri-driver", [], { stdio: ["ignore", "inherit", "inherit"] });
  try {
    await otherTerminal.start();
    await waitPort(4444);
    await waitPort(4445);
    const started = Date.now();
    const created = await wd("POST", "/session", {
      capabilities: { alwaysMatch: { "tauri:options": { application: APP } } },
    });
    session = created.sessionId;
    await find("#login-id", 30_000);
    console.log(`e2e: log-in screen after ${Date.now() - started} ms (session start included)`);
    await exec("document.body.style.zoom = '1'");

    await step("wrong password shows a Japanese error", async () => {
      await shot("login");
      await type("#login-id", "staff01");
      await type("#login-password", "wrong-password-1");
      await click("#login-submit");
      await waitText("#login-error", "ログインIDまたはパスワードが正しくありません");
    });

    await step("staff: home shows office requests and role", async () => {
      await login("staff01");
      await waitText("#who", "一般職員");
      await find("#home-open-requests");
      await shot("home-staff");
    });

    await step("staff: a validation error appears at the field and nothing is saved", async () => {
      await click("#nav-new-request");
      const body = `E2E 件名なしの依頼 ${stamp}`;
      await type("#req-body", body);
      await click("#req-submit");
      await waitText("#req-title-error", "件名");
      await waitText("#error-banner", "入力内容に誤りがあります");
      await shot("new-request-error");
      const page = await invoke("list_requests", { query: { text: body } });
      if (page.err || page.ok.total !== 0) throw new Error(`saved anyway: ${JSON.stringify(page)}`);
    });

    await step("staff logs out with a half-typed request: asked; kept, it comes back at the next log-in; erased, it is gone", async () => {
      const typed = `書きかけの依頼 ${stamp}`;
      await type("#req-title", typed);
      await logout("stay");
      await find("#who");
      await logout("keep");
      await login("staff01");
      await click("#nav-new-request");
      const kept = await exec("return document.querySelector('#req-title').value");
      if (kept !== typed) throw new Error(`draft not restored: ${JSON.stringify(kept)}`);
      await logout("erase");
      await login("staff01");
      await click("#nav-new-request");
      const after = await exec("return document.querySelector('#req-title').value");
      if (after !== "") throw new Error(`erased draft came back: ${JSON.stringify(after)}`);
    });

    await step("staff files an inquiry", async () => {
      await type("#req-title", INQUIRY);
      await type("#req-body", "月次の帳票が出力されません。\n画面: 帳票出力 / 操作: 出力ボタン押下");
      await click("#req-submit");
      await find("#request-detail");
      await waitText(".page-title", INQUIRY);
      await waitText("#request-detail .badge", "受付");
    });

    await step("staff asks for an operating-hour extension with a file: the day is required at its field, then the day, hours and file show on the request", async () => {
      await login("staff01");
      await click("#nav-new-request");
      await select("#req-kind", "hours_extension");
      await find("#req-extension");
      await type("#req-title", "稼働時間延長の依頼（E2E）");
      await type("#req-body", "決算対応のため、システムの稼働時間を延長してください。");
      await click("#req-submit");
      await waitText("#req-extension-day-error", "延長する日と時刻");
      // Three days ahead: its notice deadline (17:00 of that day or the open day before it) is still to come.
      const ahead = new Date(Date.now() + 3 * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 10);
      await setInput("#req-extension-day", ahead);
      await select("#req-urgency", "high");
      // A file chosen on the form travels with the request.
      resetDialogs({ name: `決算日程-${stamp}.txt`, content: "決算処理の日程（延長の理由）\n" });
      await click("#req-attach");
      await waitText("#req-files", `決算日程-${stamp}.txt`);
      await shot("new-request-extension");
      await click("#req-submit");
      await find("#request-detail");
      await waitText("#request-extension", "19:00〜21:00");
      await waitText("#request-urgency", "高");
      await waitText("#attachments", `決算日程-${stamp}.txt`);
    });

    await step("a keyboard-only staff member files a request: Shift+Tab to the menu, Enter, Tab through the form, Enter to send", async () => {
      await login("staff01");
      for (let i = 0; i < 30; i++) {
        if ((await exec("return document.activeElement && document.activeElement.id")) === "nav-new-request") break;
        await shiftTab();
      }
      await keys("\uE007");
      await find("#new-request-form");
      const title = await exec("return document.title");
      if (!title.startsWith("新規依頼")) throw new Error(`window title: ${title}`);
      // Focus is on the screen's heading; Tab reaches 種別, then 件名 (the disabled fields are skipped).
      await keys("\uE004");
      const first = await exec("return document.activeElement.id");
      if (first !== "req-kind") throw new Error(`first stop in the form: ${first}`);
      await keys("\uE004");
      await typeHere(KEYBOARD_REQUEST);
      await keys("\uE004");
      await typeHere("キーボードだけで起票しました。");
      await shiftTab();
      await keys("\uE007");
      await find("#request-detail");
      await waitText(".page-title", KEYBOARD_REQUEST);
    });

    await step("staff has no approve button and the approve command is refused", async () => {
      if (!(await absent("#nav-changes"))) throw new Error("staff sees the change menu");
      if (!(await absent("#change-approve"))) throw new Error("staff sees an approve button");
      const r = await invoke("decide_change", { id: 1, expectedVersion: 1, step: "approve", comment: "" });
      if (!r.err || !["forbidden", "not_found"].includes(r.err.code)) {
        throw new Error(`approve as staff was not refused: ${JSON.stringify(r)}`);
      }
    });

    await step("contractor answers the inquiry", async () => {
      await login("contractor");
      await find("#home-queue");
      // The queue counts each request's answer time down (残り), or up once late (超過).
      await waitText("#queue-table", INQUIRY);
      const clock = await exec(
        "const row = [...document.querySelectorAll('#queue-table tr[data-request-id]')].find((r) => r.textContent.includes(arguments[0])); return row?.querySelector('.clock')?.textContent ?? ''",
        [INQUIRY],
      );
      if (!/残り|超過/.test(clock)) throw new Error(`no answer countdown in the queue: "${clock}"`);
      await shot("home-contractor");
      await openRequestByTitle(INQUIRY);
      await waitText("#request-deadline", "令和");
      await type("#action-text-answer", "帳票出力の設定を修正しました。再度出力してください。");
      await click("#action-answer");
      await waitText("#request-detail .badge", "回答済");
      // Answered straight from 受付: the answer is when it was taken up.
      await waitText("#request-started-at", "令和");
      await shot("request-detail");
    });

    await step("contractor assigns the request and attaches a file", async () => {
      await find("#assign-panel");
      await exec(
        `const el = document.querySelector("#assignee");
         const opt = [...el.options].find((o) => o.text.includes("小川"));
         Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set.call(el, opt.value);
         el.dispatchEvent(new Event("change", { bubbles: true }));`,
      );
      await click("#assign-submit");
      await waitText("#request-detail .props", "小川");
      // A program in disguise is refused at the field; the log file goes on.
      resetDialogs({ name: `請求書\u202Efdp.exe`, content: "MZ" });
      await click("#attach");
      await waitText("#attach-error", "U+202E");
      resetDialogs({ name: `e2e-log-${stamp}.txt`, content: "2026-04-10 09:31 帳票出力 ERROR: テンプレートが見つかりません\n" });
      await click("#attach");
      await waitText("#attachments", `e2e-log-${stamp}.txt`);
      await waitText("#timeline", `e2e-log-${stamp}.txt`);
      await waitText("#timeline", "回答済");
      await shot("request-detail");
    });

    await step("a filter and sort survive opening a request and coming back; the filtered list exported as .xlsx holds exactly its rows (read with calamine)", async () => {
      await click("#nav-requests");
      await click("#filter-clear");
      await select("#filter-kind", "inquiry");
      await type("#filter-text", "帳票");
      await click("#filter-submit");
      await waitText("#list-total", "件中");
      await click('[data-sort="number"]');
      await waitText('th[aria-sort="ascending"]', "番号");
      const idsOnScreen = () => exec(`return [...document.querySelectorAll("#request-table tbody tr[data-request-id]")].map((r) => Number(r.dataset.requestId))`);
      let shown = await idsOnScreen();
      for (let i = 0; i < 50 && (shown.length === 0 || shown.some((id, k) => k > 0 && id < shown[k - 1])); i++) {
        await sleep(200);
        shown = await idsOnScreen();
      }
      if (shown.length === 0) throw new Error("no inquiry about 帳票 in the list");
      if (shown.some((id, k) => k > 0 && id < shown[k - 1])) throw new Error(`not sorted by number: ${shown}`);
      const total = Number((await text("#list-total")).match(/^([\d,]+)件中/)[1].replace(/,/g, ""));
      await shot("request-list");
      // Opened from the keyboard, and back: the list is as it was left.
      await exec(`document.querySelector("#request-table tbody tr[data-request-id]").focus()`);
      await keys("\uE007");
      await find("#request-detail");
      await click("#nav-requests");
      await waitText("#list-total", `${total.toLocaleString("ja-JP")}件中`);
      const kept = await exec(`return [document.getElementById("filter-kind").value, document.getElementById("filter-text").value,
        document.querySelector('th[aria-sort="ascending"]')?.textContent ?? ""]`);
      if (kept[0] !== "inquiry" || kept[1] !== "帳票" || !kept[2].includes("番号")) throw new Error(`filters not kept: ${kept}`);
      if (JSON.stringify(await idsOnScreen()) !== JSON.stringify(shown)) throw new Error("the rows changed after coming back");
      // The export: what is filtered, all pages, in the order on screen.
      resetDialogs();
      await click("#list-export");
      const end = Date.now() + 30_000;
      while (Date.now() < end && (await absent("#export-saved"))) {
        if (!(await absent("#ask-dialog"))) await click("#ask-export");
        await sleep(200);
      }
      const file = await savedFile("#export-saved", "PK");
      const lines = execFileSync(process.env.HOSHU_E2E_SHEET_ROWS, [file], { encoding: "utf8" }).trimEnd().split("\n");
      if (!lines[1].includes("キーワード: 帳票") || !lines[1].includes("種別: 問合せ")) throw new Error(`conditions line: ${lines[1]}`);
      const exported = lines.slice(3).map((l) => Number(l.split("\t")[0]));
      if (exported.length !== total) throw new Error(`${exported.length} rows exported, ${total} filtered`);
      if (JSON.stringify(exported.slice(0, shown.length)) !== JSON.stringify(shown)) {
        throw new Error(`exported rows differ from the screen: ${exported.slice(0, 5)} vs ${shown.slice(0, 5)}`);
      }
      if (exported.some((id, k) => k > 0 && id < exported[k - 1])) throw new Error("the export is not in the screen's order");
    });

    await step("contractor saves the filter as a named view and opens it again; picks unassigned requests and assigns them at once", async () => {
      await login("contractor");
      await click("#nav-requests");
      await click("#filter-clear");
      await select("#filter-assignee", "none");
      await click("#filter-open");
      await click("#filter-submit");
      await waitText("#list-total", "件中");
      await click("#saved-view-new");
      await type("#saved-view-name", `未割当の対応中${stamp}`);
      await click("#saved-view-save");
      await waitText("#saved-view-status", "保存しました");
      await click("#filter-clear");
      await exec(
        `const el = document.querySelector("#saved-view");
         const opt = [...el.options].find((o) => o.text === arguments[0]);
         Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set.call(el, opt.value);
         el.dispatchEvent(new Event("change", { bubbles: true }));`,
        [`未割当の対応中${stamp}`],
      );
      const applied = await exec(`return [document.getElementById("filter-assignee").value, document.getElementById("filter-open").checked]`);
      if (applied[0] !== "none" || applied[1] !== true) throw new Error(`the saved view did not apply: ${applied}`);
      await waitText("#list-total", "件中");
      const picked = await exec(
        `const boxes = [...document.querySelectorAll("#request-table .pick-one")].slice(0, 2);
         boxes.forEach((b) => b.click());
         return boxes.map((b) => Number(b.dataset.requestId));`,
      );
      if (picked.length === 0) throw new Error("no unassigned request to pick");
      await waitText("#bulk-bar", `${picked.length}件を選択中`);
      await exec(
        `const el = document.querySelector("#bulk-assignee");
         const opt = [...el.options].find((o) => o.text.includes("小川"));
         Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set.call(el, opt.value);
         el.dispatchEvent(new Event("change", { bubbles: true }));`,
      );
      await shot("request-list-bulk");
      await click("#bulk-run");
      await waitText("#bulk-done", `${picked.length}件の担当者を変更しました`);
      for (const id of picked) {
        const still = await exec(`return !!document.querySelector('#request-table tr[data-request-id="${id}"]')`);
        if (still) throw new Error(`#${id} is still listed as unassigned`);
      }
      await click("#filter-clear");
    });

    await step("staff sees the answer and closes the request", async () => {
      await login("staff01");
      await openRequestByTitle(INQUIRY);
      await waitText("#answer-text", "帳票出力の設定を修正しました");
      await click("#action-close");
      await waitText("#request-detail .badge", "完了");
      await click("#nav-requests");
      await type("#filter-text", "");
      await click("#filter-submit");
      await find("#request-table a[data-request-id]");
      await shot("request-list");
    });

    await step("staff finds the answered inquiry in ナレッジ検索 by a phrase of its answer; the passage is marked; #N opens it", async () => {
      await click("#nav-search");
      await type("#search-text", "設定を修正");
      await click("#search-submit");
      await waitText("#search-hits", INQUIRY);
      await waitText("#search-hits mark", "設定を修正");
      await shot("search");
      const id = (await invoke("list_requests", { query: { text: INQUIRY } })).ok.items[0].request.id;
      await setInput("#search-text", "");
      await type("#search-text", `#${id}`);
      await click("#search-submit");
      await waitText("#search-jump", INQUIRY);
      await click("#search-jump-open");
      await find("#request-detail");
      await waitText(".page-title", INQUIRY);
    });

    await step("contractor proposes an outage overlapping service hours", async () => {
      await login("contractor");
      const day = await nextOpenDay(3);
      await click("#nav-new-change");
      await select("#chg-kind", "planned_outage");
      await select("#chg-reason", "security_patch");
      await type("#chg-title", OUTAGE);
      await setInput("#chg-start", `${day}T10:00`);
      await setInput("#chg-end", `${day}T12:00`);
      await type("#chg-description", "OS のセキュリティパッチ適用のためサーバを再起動します。");
      await type("#chg-impact", "停止中はレセプト管理システムを利用できません。");
      await type("#chg-rollback", "パッチを削除して再起動し、動作を確認します。");
      await shot("new-change");
      await click("#chg-submit");
      await waitText("#change-detail .badge", "承認待ち");
      changeId = Number((await text("#change-detail .page-title .num")).replace("#", ""));
      await waitText("#conflicts", "サービス時間帯");
    });

    await step("chief sees the conflict; a rejection needs its reason; the clash must be acknowledged; chief approves by keyboard after confirming", async () => {
      await login("chief");
      await waitText("#home-approvals", OUTAGE);
      await waitText(`#home-approvals [data-change-id="${changeId}"]`, "サービス時間帯");
      await shot("home-chief");
      await click(`#home-approvals [data-change-id="${changeId}"]`);
      await waitText("#conflicts", "サービス時間帯");
      await waitText("#change-starts-in", "開始まで");
      await click("#decision-reject");
      await click("#decision-submit");
      await waitText("#decision-comment-error", "却下の理由");
      await click("#decision-approve");
      await click("#decision-submit");
      await waitText("#decision-acknowledge-error", "競合");
      // The error summary took the focus; its link moves it to the field.
      const focused = await exec("return document.activeElement && document.activeElement.id");
      if (focused !== "error-banner") throw new Error(`focus after a refusal: ${focused}`);
      await shot("change-approval");
      // The server refuses an unacknowledged approval whatever the window does.
      const r = await invoke("decide_change", { id: changeId, expectedVersion: 2, step: "approve", comment: "" });
      if (r.err?.code !== "validation" || r.err.fields[0].field !== "acknowledge") {
        throw new Error(`unacknowledged approval not refused: ${JSON.stringify(r)}`);
      }
      // Keyboard only from here: Space ticks the box, Tab to the comment, Enter on the button.
      await exec(`document.getElementById("decision-acknowledge").focus()`);
      await keys(" ");
      await exec(`document.getElementById("decision-comment").focus()`);
      await typeHere("影響周知済みのため承認します。");
      await exec(`document.getElementById("decision-submit").focus()`);
      await keys("\uE007");
      await waitText("#ask-message", "お知らせする事務所");
      // The question starts on やめる (the safe answer); Shift+Tab reaches 承認する.
      await shiftTab();
      const onApprove = await exec("return document.activeElement && document.activeElement.id");
      if (onApprove !== "ask-approve") throw new Error(`focus in the approval question: ${onApprove}`);
      await keys("\uE007");
      await waitText("#change-detail .badge", "承認済");
      await waitText("#decision", "承認");
    });

    await step("staff sees the outage notice on the home screen", async () => {
      await login("staff01");
      await waitText("#outage-notice", "停止中はレセプト管理システムを利用できません。");
      const r = await invoke("decide_change", { id: changeId, expectedVersion: 3, step: "approve", comment: "" });
      if (r.err?.code !== "forbidden") throw new Error(`staff step on a change not refused: ${JSON.stringify(r)}`);
      await shot("home-staff-notice");
      await click("#nav-calendar");
      await find("#calendar");
      await shot("calendar");
    });

    await step("a change submitted at another terminal reaches the chief's badge and home within 5 s, without a click", async () => {
      await login("chief");
      await find("#home-approvals");
      const before = await readEverything();
      const title = `E2E 別端末から承認申請 ${stamp}`;
      const contractor = await otherTerminal.login("contractor");
      const day = await nextOpenDay(5);
      const id = await contractor.call("propose_change", { proposal: {
        kind: "release", outage_reason: null, release_kind: "regular", title,
        description: "定期リリースを適用します。", window_start: `${day}T11:00:00Z`, window_end: `${day}T12:00:00Z`,
        affected_systems: "本番環境", affected_offices: [], impact: "停止中は利用できません。",
        rollback_plan: "前の版に戻します。", test_verification: "検証環境で確認済み。", instruction_ref: null,
      } });
      await contractor.call("decide_change", { id, expectedVersion: 1, step: "submit", comment: "" });
      const submitted = Date.now();
      await waitText("#home-approvals", title, 5_000);
      await waitBadgeAbove(before, 5_000);
      console.log(`e2e: the chief saw it after ${Date.now() - submitted} ms`);
      await shot("home-chief-notified");
      await click("#nav-notifications");
      await waitText("#notification-list", title);
      await click(`#notification-list [data-item="change:${id}"] .notification-open`);
      await find("#change-detail");
      await waitText(".page-title", title);
      await contractor.logout();
    });

    await step("an answer given at another terminal reaches its staff member's badge and home within 5 s", async () => {
      const staff = await otherTerminal.login("staff01");
      const title = `E2E 回答の通知 ${stamp}`;
      const id = await staff.call("file_request", { input: {
        kind: "inquiry", work_sub_kind: null, office: staff.actor.office, title, body: "通知の確認です。",
      } });
      await staff.logout();
      await login("staff01");
      await waitText("#home-my-requests", title);
      const before = await readEverything();
      const contractor = await otherTerminal.login("contractor");
      const version = (await contractor.call("request_detail", { id })).request.version;
      await contractor.call("transition_request", { id, input: { action: "answer", expected_version: version, text: "設定を確認しました。" } });
      const answered = Date.now();
      await waitBadgeAbove(before, 5_000);
      const end = answered + 5_000;
      const rowText = () => exec(
        "const a = document.querySelector(`#home-my-requests a[data-request-id='${arguments[0]}']`); return a?.closest('tr')?.textContent ?? ''",
        [id],
      );
      while (!(await rowText()).includes("回答済")) {
        if (Date.now() > end) throw new Error(`the home screen still shows #${id} as: ${await rowText()}`);
        await sleep(100);
      }
      console.log(`e2e: the staff member saw the answer after ${Date.now() - answered} ms`);
      await shot("home-staff-answered");
      await contractor.logout();
    });

    await step("the database stops answering while staff file a request: the text is kept and sent when it returns", async () => {
      const holder = await outage();
      const title = `E2E 接続断の間に書いた依頼 ${stamp}`;
      try {
        await click("#nav-new-request");
        await type("#req-title", title);
        await type("#req-body", "データベースが応答しない間に入力した内容です。");
        await click("#req-submit");
        await waitText("#draft-banner", "入力内容は保存されています", 30_000);
        await waitText("#outbox", "送信待ちの入力が 1 件", 10_000);
        await shot("draft-kept");
      } finally {
        await holder.release();
      }
      await click("#outbox-retry");
      await waitText("#outbox-sent", "送信しました（1件）", 30_000);
      const page = await invoke("list_requests", { query: { text: title } });
      if (page.ok?.total !== 1) throw new Error(`the kept request was not filed once: ${JSON.stringify(page)}`);
    });

    if (SERVER_DB) {
      await step("the server commits a request but its answer is lost: sent again, it exists exactly once", async () => {
        const title = `E2E 応答が失われた依頼 ${stamp}`;
        await click("#nav-new-request");
        await type("#req-title", title);
        await type("#req-body", "サーバーは登録したが、応答が端末に届かなかった依頼です。");
        network.loseAnswerOf("file_request");
        await click("#req-submit");
        await waitText("#draft-banner", "入力内容は保存されています", 30_000);
        if (network.lostCount !== 1) throw new Error("the answer was not lost on the way");
        const before = await invoke("list_requests", { query: { text: title } });
        if (before.ok?.total !== 1) throw new Error(`the server should hold it once already: ${JSON.stringify(before)}`);
        await click("#outbox-retry").catch(() => undefined);
        // The queue is empty once the resend was answered (the sent counter adds up over the
        // session, so it is not the sign here).
        for (const end = Date.now() + 30_000; !(await absent("#outbox")); ) {
          if (Date.now() > end) throw new Error("the kept request was never resent");
          await sleep(200);
        }
        const after = await invoke("list_requests", { query: { text: title } });
        if (after.ok?.total !== 1) throw new Error(`filed twice after the resend: ${JSON.stringify(after)}`);
      });
    }

    await step("contractor records an incident (field error first) and a first report: the first-report clock is met", async () => {
      await login("contractor");
      await find("#home-incidents");
      await click("#nav-incidents");
      await find("#incident-table");
      await click("#incident-new");
      await setInput("#inc-detected", tokyoLocal(Date.now() - 12 * 60_000));
      await select("#inc-category", "job_failure");
      await select("#inc-severity", "high");
      await type("#inc-summary", "夜間バッチ（月次集計）が異常終了し、朝の帳票が作成されていません。");
      await click("#inc-submit");
      await waitText("#inc-title-error", "件名");
      await shot("incident-new-error");
      await type("#inc-title", INCIDENT);
      await click("#inc-submit");
      await find("#incident-detail");
      await waitText(".page-title", INCIDENT);
      await waitText("#clock-first_report", "残り");
      await waitText("#clock-first_isolation", "残り");
      await select("#ev-kind", "first_report");
      await type("#ev-note", "担当課（生活保護・自立支援課）へ電話で一次報告。");
      await click("#ev-submit");
      await waitText("#incident-info", "一次報告");
      await waitText("#clock-first_report", "達成");
      await waitText("#timeline", "担当課（生活保護・自立支援課）へ電話で一次報告。");
      await shot("incident-detail");
      await click("#nav-incidents");
      await waitText("#incident-table", INCIDENT);
      await shot("incident-list");
    });

    await step("chief sees the SLA status at a glance", async () => {
      await login("chief");
      await waitText("#home-sla", "SLAの状況");
      await waitText("#kpi-open", "件");
      await waitText("#sla-upcoming", INCIDENT);
      await exec(`document.querySelector("#home-sla").scrollIntoView()`);
      await shot("home-chief-sla");
      await exec("window.scrollTo(0, 0)");
    });

    await step("contractor records today's check and an abnormal batch end: a ジョブ異常 incident opens with its 30-minute clock", async () => {
      await login("contractor");
      await click("#nav-operations");
      await find("#ops-check-grid");
      await find("#ops-run-table");
      await select("#check-result", "normal");
      await click("#check-submit");
      await waitText(`#ops-check-grid tr[data-day="${tokyoLocal(Date.now()).slice(0, 10)}"]`, "異常なし");
      await exec("window.scrollTo(0, 0)");
      await shot("operations");
      await select("#run-net", String(await exec(`return [...document.querySelectorAll("#run-net option")].find((o) => o.textContent === "NJ_RECEIPT_IMPORT").value`)));
      await setInput("#run-started", tokyoLocal(Date.now() - 40 * 60_000));
      await setInput("#run-ended", tokyoLocal(Date.now() - 5 * 60_000));
      await select("#run-result", "abnormal");
      await click("#run-submit");
      await waitText("#run-note-error", "備考");
      await type("#run-note", "取込ファイルの件数不一致（リターンコード 12）で異常終了。");
      await type("#run-count", "120");
      await click("#run-submit");
      await find("#incident-detail");
      await waitText(".page-title", "NJ_RECEIPT_IMPORT");
      await waitText("#incident-detail", "ジョブ異常");
      await waitText("#clock-first_isolation", "残り");
      await shot("operations-job-failure");
    });

    await step("業務日程表: contractor drafts and submits next month, chief returns it with a reason, contractor revises and resubmits, chief approves", async () => {
      await login("contractor");
      // Next month's schedule is reviewed this month: the review is on record first (as the
      // meeting screen would record it), so the due date can be counted from it.
      const today = tokyoLocal(Date.now()).slice(0, 10);
      const review = await invoke("record_meeting", {
        meeting: {
          kind: "schedule_review", title: "翌月分 業務日程レビュー",
          starts_at: `${today}T05:00:00Z`, ends_at: `${today}T06:00:00Z`, place: "本庁舎 第3会議室",
          attendees: [{ side: "city", organisation: "生活保護・自立支援課", title: "課長", name: "岡本 誠", present: true }],
          handouts: [], agenda: ["翌月の業務日程"], discussion: "", decisions: [], action_items: [], next_meeting: null,
        },
      });
      if (!review.ok) throw new Error(`review meeting: ${JSON.stringify(review.err)}`);
      await click("#nav-business-schedule");
      await find("#bs-month-wareki");
      await click("#bs-next");
      await click("#bs-draft");
      await find("#bs-grid");
      await waitText("#bs-grid", "月次メンテナンス");
      await waitText("#bs-due", "提出期限");
      await type("#entry-title", "帳票の棚卸し");
      await click("#bs-add-entry");
      await waitText("#bs-grid", "帳票の棚卸し");
      await click("#bs-submit");
      await waitText("#bs-actions", "提出済");
      // The contractor cannot approve its own schedule: refused below the window too.
      const [y, m] = today.split("-").map(Number);
      const next = m === 12 ? { year: y + 1, month: 1 } : { year: y, month: m + 1 };
      const submitted = (await invoke("business_schedule_month", next)).ok.current;
      const refused = await invoke("business_schedule_step", {
        id: submitted.id, expectedVersion: submitted.version, step: "approve", comment: "",
      });
      if (refused.err?.code !== "forbidden") throw new Error(`approve by contractor: ${JSON.stringify(refused)}`);

      await login("chief");
      await click("#nav-business-schedule");
      await click("#bs-next");
      await find("#bs-approve");
      await click("#bs-return");
      await waitText("#bs-comment-error", "差戻しの理由");
      await type("#bs-comment", "15日の棚卸しは午後に変更してください。");
      await click("#bs-return");
      await waitText("#bs-actions", "差戻し");

      await login("contractor");
      await click("#nav-business-schedule");
      await click("#bs-next");
      await waitText("#bs-return-reason", "午後に変更");
      await click("#bs-revise");
      await waitText("#bs-actions", "第2版");
      await click("#bs-submit");
      await waitText("#bs-actions", "提出済");

      await login("chief");
      await click("#nav-business-schedule");
      await click("#bs-next");
      await click("#bs-approve");
      await waitText("#bs-actions", "承認済");
      await waitText("#bs-history", "第1版");
      await exec("window.scrollTo(0, 0)");
      await shot("business-schedule");
      resetDialogs();
      await click("#bs-export-pdf");
      const file = await savedFile("#bs-saved-path", "%PDF");
      if (!path.basename(file).startsWith("業務日程表_")) throw new Error(`suggested name: ${file}`);
    });

    await step("contractor renders the monthly report; the window says where the file went", async () => {
      await login("contractor");
      await click("#nav-deliverables");
      await find("#deliverable-monthly");
      resetDialogs();
      await click("#monthly-render");
      const file = await savedFile("#saved-path", "%PDF");
      if (!path.basename(file).startsWith("月次報告_")) throw new Error(`suggested name: ${file}`);
      await waitText("#saved-file", "保存しました");
    });

    await step("contractor renders the issue register as .xlsx; the window says where it went", async () => {
      await find("#deliverable-register");
      resetDialogs();
      await click("#register-render");
      // The demo register is a bulk export: asked first, naming the count, before anything leaves.
      await waitText("#ask-dialog", "件書き出そうとしています");
      if (readdirSync(DIALOGS).some((f) => f !== "open")) throw new Error("saved before the question was answered");
      await shot("bulk-export");
      await click("#ask-export");
      await savedFile("#saved-path", "PK");
      await waitText("#saved-file", "課題管理表を保存しました");
      // The minutes picker names each meeting's state; minutes the city has not approved are
      // announced as drafts marked 「案」 that the disc leaves out.
      const meetingOf = (state) => exec(
        `const opt = [...document.querySelector("#minutes-meeting").options]
           .find((o) => o.text.includes(arguments[0]));
         return opt ? opt.value : null;`,
        [state],
      );
      const approved = await meetingOf("（承認済");
      const draft = (await meetingOf("（作成中")) ?? (await meetingOf("（提出済")) ?? (await meetingOf("（差戻し"));
      if (!approved || !draft) throw new Error("the demo has approved and unapproved minutes");
      await select("#minutes-meeting", draft);
      await waitText("#minutes-draft-notice", "「案」");
      await select("#minutes-meeting", approved);
      for (let i = 0; !(await absent("#minutes-draft-notice")); i++) {
        if (i > 50) throw new Error("the draft notice stays for approved minutes");
        await new Promise((r) => setTimeout(r, 100));
      }
      await shot("deliverables");
      await exec("document.querySelector('#deliverable-disc')?.scrollIntoView()");
      await shot("deliverables-disc");
      await exec("window.scrollTo(0, 0)");
    });

    await step("引継ぎ: contractor revises and submits the handover plan; chief returns it without a reason (refused at the field), then approves; contractor exports the handover image", async () => {
      await login("contractor");
      await click("#nav-handover");
      // The demo year's plan is approved; a revision starts the next version.
      await waitText("#handover-status", "承認済");
      await click("#handover-edit");
      await find("#handover-form");
      await type("#handover-notes", "次期受託者の問い合わせ窓口は業務責任者とする。");
      await click("#handover-save");
      await waitText("#handover-status", "作成中");
      await click("#handover-submit");
      await waitText("#handover-status", "提出済");
      await login("chief");
      await click("#nav-handover");
      await click("#handover-return");
      await waitText("#handover-reason-error", "差戻しの理由を入力してください");
      await click("#handover-approve");
      await waitText("#handover-status", "承認済");
      await login("contractor");
      await click("#nav-handover");
      await waitText("#handover-status", "承認済");
      resetDialogs();
      await click("#handover-export");
      // Every record leaves: a bulk export, asked first.
      await waitText("#ask-dialog", "件書き出そうとしています");
      await click("#ask-export");
      await waitText("#export-path", DIALOGS, 300_000);
      const file = await savedFile("#export-path", "\0\0\0\0");
      if (!path.basename(file).startsWith("引継資料_") || !file.endsWith(".iso")) throw new Error(`suggested name: ${file}`);
      const pvd = readFileSync(file).subarray(16 * 2048 + 1, 16 * 2048 + 6).toString("latin1");
      if (pvd !== "CD001") throw new Error(`not an ISO 9660 image: ${file}`);
      await exec("window.scrollTo(0, 0)");
      await shot("handover");
    });

    await step("contractor brings a Redmine export in: the dry run shows the rows, the import writes them once", async () => {
      const title = `Redmineから取込 ${stamp}`;
      // 作成者 is staff01 of the demo data (people are mapped to accounts by name).
      const csv = "\uFEFF#,トラッカー,ステータス,優先度,題名,作成者,担当者,更新日,作成日,終了日,所属,説明,最新のコメント\r\n"
        + `813,質問,終了,通常,${title},小林 由美,,2025/04/05 17:02,2025/04/03 11:32,2025/04/05 17:02,北区中央福祉事務所,"帳票①を出力すると\r\nエラーになります。","再出力で解消しました。"\r\n`
        + "814,バグ,新規,急いで,夜間バッチが止まる（取込）,小林 由美,,2025/04/04 09:00,2025/04/04 08:55,,北区中央福祉事務所,夜間バッチが異常終了しました。,\r\n";
      resetDialogs({ name: "issues.csv", content: csv });
      await click("#nav-import");
      await click("#import-source-redmine");
      await click("#import-pick");
      await waitText("#import-file-name", "issues.csv");
      await click("#import-dry-run");
      await waitText("#import-summary", "新規 2件 / 既存 0件 / エラー 0件", 30_000);
      const before = (await invoke("list_requests", { query: { text: title } })).ok.total;
      if (before !== 0) throw new Error(`the dry run wrote ${before}`);
      await shot("import");
      await click("#import-run");
      await waitText("#import-summary", "取り込みました", 30_000);
      const after = (await invoke("list_requests", { query: { text: title } })).ok.total;
      if (after !== 1) throw new Error(`imported ${after} times`);
      await click("#import-dry-run");
      await waitText("#import-summary", "新規 0件 / 既存 2件", 30_000);
    });

    await step("contractor searches the issue register, adds an item (empty title refused at the field), is refused a stale save and closes it", async () => {
      await login("contractor");
      await click("#nav-register");
      await waitText("#register-total", "件中 1〜50件");
      const all = (await invoke("list_register", { query: { per_page: 1 } })).ok.total;
      await select("#register-filter-status", "in_progress");
      await click("#register-search");
      await waitText("#register-table", "期限超過");
      await shot("register");
      await select("#register-filter-status", "");
      await type("#register-filter-text", "帳票");
      await click("#register-search");
      await waitText("#register-table", "帳票");
      const found = Number((await text("#register-total")).split("件中")[0].replace(/,/g, ""));
      if (!(found > 0 && found < all)) throw new Error(`search found ${found} of ${all}`);
      await click("#register-add");
      await find("#register-form");
      await type("#reg-content", "E2E 確認用の課題内容。");
      await click("#reg-submit");
      await waitText("#reg-title-error", "タイトルを入力してください。");
      const after = (await invoke("list_register", { query: { per_page: 1 } })).ok.total;
      if (after !== all) throw new Error(`an item was saved without a title (${all} → ${after})`);
      await type("#reg-title", REGISTER_ITEM);
      await type("#reg-owner", "受託 太郎");
      await select("#reg-priority", "high");
      await click("#reg-submit");
      await find("#register-item-meta");
      await waitText("#register-item .page-title", "未着手");
      await shot("register-item");
      // Someone else saves the item meanwhile: this window's save is refused as stale.
      const saved = (await invoke("list_register", { query: { text: REGISTER_ITEM } })).ok.items[0];
      const other = { ...saved.item, content: `${saved.item.content}（別の端末で追記）` };
      if (!(await invoke("update_register_item", { id: saved.id, expectedVersion: saved.version, item: other })).ok) {
        throw new Error("the other save failed");
      }
      await type("#reg-owner", "受託 次郎");
      await click("#reg-submit");
      await waitText("#error-banner", "他の人が更新しました");
      await click("#register-reload");
      await waitText("#register-item-meta", `第${saved.version + 1}版`);
      const content = await exec("return document.querySelector('#reg-content').value");
      if (!content.includes("別の端末で追記")) throw new Error(`the reloaded form shows 「${content}」`);
      await type("#close-progress", "E2E 対応を完了しました。");
      await click("#close-submit");
      await waitText("#register-item .page-title", "完了");
      if (!(await absent("#register-close"))) throw new Error("a closed item still offers 完了にする");
      await click("#register-back");
      await type("#register-filter-text", REGISTER_ITEM);
      await click("#register-search");
      await waitText("#register-table", REGISTER_ITEM);
      await waitText("#register-table", "完了");
    });

    await step("contractor edits a plan section; the history shows the new version", async () => {
      await click("#nav-plan");
      await click("#plan-section-monitoring");
      const before = (await invoke("plan_section_history", { section: "monitoring" })).ok.length;
      await click("#plan-edit");
      await find("#plan-content");
      await exec(
        `const el = document.querySelector("#plan-content");
         Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value").set.call(el, el.value + arguments[0]);
         el.dispatchEvent(new Event("input", { bubbles: true }));`,
        [`\n（${PLAN_NOTE}）`],
      );
      await click("#plan-save");
      await waitText("#plan-saved", `第${before + 1}版として保存しました。`);
      await waitText("#plan-history", `第${before + 1}版`);
      await waitText("#plan-text", PLAN_NOTE);
      await waitText("#plan-section-monitoring", `第${before + 1}版`);
      await shot("plan");
      await click(`#plan-version-${before}`);
      await waitText("#plan-version-meta", `過去の版を表示しています：第${before}版`);
      if ((await text("#plan-text")).includes(PLAN_NOTE)) throw new Error("the older version shows the new text");
    });

    await step("a plan edit saved while the database is locked waits in the queue and becomes the next version", async () => {
      const before = (await invoke("plan_section_history", { section: "improvement" })).ok.length;
      await click("#plan-section-improvement");
      await click("#plan-edit");
      await find("#plan-content");
      const holder = await outage();
      try {
        await exec(
          `const el = document.querySelector("#plan-content");
           Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value").set.call(el, el.value + arguments[0]);
           el.dispatchEvent(new Event("input", { bubbles: true }));`,
          [`\n（接続断の間の追記 ${stamp}）`],
        );
        await click("#plan-save");
        await waitText("#draft-banner", "入力内容は保存されています", 30_000);
      } finally {
        await holder.release();
      }
      await click("#outbox-retry");
      await waitText("#outbox-sent", "送信しました（1件）", 30_000);
      await waitText("#plan-section-improvement", `第${before + 1}版`);
      const latest = (await invoke("plan_section_history", { section: "improvement" })).ok[0];
      if (!latest.content.includes(`接続断の間の追記 ${stamp}`)) throw new Error("the kept edit is not the new version");
    });

    await step("contractor saves the contract data (an empty 受託者 refused at its field first); chief reads it, admin edits it from 運用設定", async () => {
      await click("#plan-contract");
      await find("#contract-form");
      const name = (await invoke("contract_info", {})).ok.contractor_name;
      await setInput("#contract-contractor-name", "");
      await click("#contract-save");
      await waitText("#contract-contractor-name-error", "受託者を入力してください。");
      if ((await invoke("contract_info", {})).ok.contractor_name !== name) throw new Error("the bad value was saved");
      await type("#contract-contractor-name", name);
      await type("#contract-contract-number", CONTRACT_NUMBER);
      await click("#contract-save");
      await waitText("#contract-saved", "契約情報を保存しました");
      if ((await invoke("contract_info", {})).ok.contract_number !== CONTRACT_NUMBER) throw new Error("契約番号 not saved");
      await exec("window.scrollTo(0, 0)");
      await shot("contract");
      await login("chief");
      await click("#nav-plan");
      await click("#plan-contract");
      await waitText("#contract-readonly", "閲覧のみ");
      if (!(await absent("#contract-save"))) throw new Error("chief may save the contract data");
      await login("admin");
      await click("#nav-settings");
      await click("#settings-contract");
      await find("#contract-save");
      if (!(await absent("#nav-register"))) throw new Error("admin has the register tab");
    });

    await step("contractor records a meeting: a missing field is refused at the field and nothing is saved; then saved, its action item on the register", async () => {
      await login("contractor");
      await click("#nav-meetings");
      await find("#meeting-table");
      await click("#meeting-new");
      await find("#meeting-form");
      await setInput("#mtg-start", tokyoLocal(Date.now() - 3 * 3600_000));
      await setInput("#mtg-end", tokyoLocal(Date.now() - 2 * 3600_000));
      await type("#mtg-place", "本庁舎 第3会議室");
      await type("#att-org-0", "生活保護・自立支援課");
      await type("#att-title-0", "課長");
      await type("#att-name-0", "岡本 誠");
      await type("#att-org-1", "株式会社吉備情報システム");
      await type("#att-name-1", "小川 健");
      await type("#agenda-0", "運用状況の報告");
      await type("#mtg-discussion", "前月の運用状況と障害対応を報告した。");
      await click("#ai-add");
      await type("#ai-desc-0", "帳票改善案の作成");
      await type("#ai-owner-0", "小川 健");
      await setInput("#ai-due-0", await nextOpenDay(7));
      await click("#mtg-save");
      await waitText("#mtg-title-error", "会議名を入力してください");
      const none = await invoke("list_meetings", { query: { text: MEETING } });
      if (none.ok?.total !== 0) throw new Error(`saved despite the error: ${JSON.stringify(none)}`);
      await exec("window.scrollTo(0, 0)");
      await shot("meeting-form");
      await type("#mtg-title", MEETING);
      await click("#mtg-save");
      await waitText("#meeting-saved", "課題No.");
      await click("#meeting-saved-open");
      await find("#meeting-detail");
      await waitText(".page-title", MEETING);
      await waitText("#meeting-actions", "No.");
      await waitText("#minutes-status", "作成中");
      const no = await exec(`return document.querySelector("#meeting-actions a.register-link").dataset.registerNo`);
      await click("#meeting-actions a.register-link");
      await waitText("#register-item .page-title", `課題 No.${no}`);
    });

    await step("contractor attaches a PDF handout to the meeting, sees it listed and saves it", async () => {
      const handout = `資料1_運用状況報告_${stamp}.pdf`;
      await openMeeting(MEETING);
      resetDialogs({ name: handout, content: "%PDF-1.4\n% 配布資料\n" });
      await click("#handout-add");
      await waitText("#meeting-handouts", handout);
      await click(`#meeting-handouts [data-handout="${handout}"] button`);
      await savedFile("#handout-saved", "%PDF-");
    });

    await step("contractor submits the minutes; staff cannot see meetings", async () => {
      await openMeeting(MEETING);
      await click("#minutes-submit");
      await waitText("#minutes-status", "提出済");
      if (!(await absent("#meeting-edit"))) throw new Error("submitted minutes still editable");
      await login("staff01");
      if (!(await absent("#nav-meetings"))) throw new Error("staff sees the meetings tab");
      const refused = await invoke("list_meetings", { query: {} });
      if (refused.err?.code !== "forbidden") throw new Error(`staff listed meetings: ${JSON.stringify(refused)}`);
    });

    await step("chief returns the minutes (the reason is required at the field); contractor edits and resubmits; chief approves and saves the minutes as PDF", async () => {
      await login("chief");
      await waitText("#home-minutes", MEETING);
      await openMeeting(MEETING);
      await click("#minutes-return");
      await waitText("#minutes-comment-error", "差戻しの理由を入力してください");
      await waitText("#minutes-status", "提出済");
      await type("#minutes-comment", "受託者側出席者の役職が空欄です。追記してください。");
      await click("#minutes-return");
      await waitText("#minutes-status", "差戻し");
      await waitText("#minutes-decision", "役職が空欄です");
      await login("contractor");
      await openMeeting(MEETING);
      await click("#meeting-edit");
      await find("#meeting-form");
      await type("#att-title-1", "業務責任者");
      await click("#mtg-save");
      await find("#meeting-detail");
      await waitText("#meeting-attendees", "業務責任者");
      await click("#minutes-submit");
      await waitText("#minutes-status", "提出済");
      await login("chief");
      await openMeeting(MEETING);
      await click("#minutes-approve");
      await waitText("#minutes-status", "承認済");
      await waitText("#minutes-decision", "承認");
      resetDialogs();
      await click("#minutes-pdf");
      await savedFile("#minutes-pdf-saved", "%PDF");
      await shot("meeting");
      await click("#nav-meetings");
      await waitText("#meeting-table", MEETING);
      await shot("meetings");
    });

    await step("every screen of every role passes axe-core (no serious or critical violation)", async () => {
      const problems = [];
      for (const who of ["staff01", "chief", "contractor", "admin"]) {
        await login(who);
        const items = await exec(`return [...document.querySelectorAll(".sidebar .side-item")].map((b) => b.id)`);
        for (const id of items) {
          if (id === "nav-database") continue; // checked on its own below: it can reconnect the terminal
          await click(`#${id}`);
          await find(".page-title, .page h1", 15_000);
          await sleep(400);
          try {
            await accessible(`${who} ${id}`);
          } catch (e) {
            problems.push(e.message);
          }
        }
      }
      if (problems.length) throw new Error(problems.join("\n    "));
      console.log(`(${axeChecked.size} screens checked) `);
    });

    await step("admin: home shows accounts and settings; an account is created with field errors first", async () => {
      await login("admin");
      await find("#home-admin-accounts");
      await waitText("#home-admin-settings", "自動ログアウト");
      if (!(await absent("#nav-requests"))) throw new Error("admin sees the request list");
      await shot("home-admin");
      await click("#nav-accounts");
      await find("#account-table");
      await click("#account-new");
      await type("#acc-login", `e2e${stamp}`);
      await type("#acc-name", "E2E 確認用 職員");
      await select("#acc-office", "naka");
      await type("#acc-password", "short");
      await click("#acc-submit");
      await waitText("#acc-password-error", "パスワード");
      await type("#acc-password", "e2e-password-2026");
      await click("#acc-submit");
      await waitText("#admin-info", "作成しました");
      await click(`[data-edit="e2e${stamp}"]`);
      await click("#edit-disable");
      await waitText(`#account-table tr[data-login="e2e${stamp}"]`, "無効");
      await click(`[data-edit="chief02"]`);
      await find("#account-edit");
      await shot("admin-accounts");
    });

    await step("admin brings the personnel moves in from CSV: a bad row is named and nothing changes; corrected, the newcomer gets a one-time password", async () => {
      await login("admin");
      await click("#nav-accounts");
      const header = "ログインID,氏名,権限,所属コード,所属,状態\r\n";
      resetDialogs({ name: "異動.csv", content: `${header}imp${stamp},備前 次郎,一般職員,kita_chuo,,有効\r\nbad${stamp},,係長,kita_chuo,,有効\r\n` });
      await click("#account-import-pick");
      await waitText("#account-import-problems", "3行目 権限");
      if (!(await absent("#account-import-run"))) throw new Error("a file with a problem can be imported");
      resetDialogs({ name: "異動.csv", content: `${header}imp${stamp},備前 次郎,一般職員,kita_chuo,,有効\r\n` });
      await click("#account-import-pick");
      await waitText("#account-import-summary", "新規 1件");
      await shot("admin-account-import");
      await click("#account-import-run");
      await waitText("#account-import-passwords", `imp${stamp}`);
    });

    await step("a password the administrator resets is changed by its owner first; the administrator sees who is logged in", async () => {
      await click("#nav-accounts");
      await click('[data-edit="staff02"]');
      await find("#account-edit");
      await click("#edit-reset");
      await waitText("#admin-info", "一時パスワードを発行");
      const oneTime = await text("#one-time-password");
      if (!/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/.test(oneTime)) throw new Error(`one-time password: ${oneTime}`);
      await shot("admin-one-time-password");
      await logout();
      await type("#login-id", "staff02");
      await type("#login-password", oneTime);
      await click("#login-submit");
      await waitText("#password-change-required", "管理者が設定したパスワード");
      if (!(await absent("#nav-requests"))) throw new Error("the menu is offered before the password is changed");
      const refused = await invoke("list_requests", { query: {} });
      if (refused.err?.code !== "password_change_required") throw new Error(`used before the change: ${JSON.stringify(refused)}`);
      await shot("password-change");
      await type("#pw-current", oneTime);
      await type("#pw-new", oneTime);
      await type("#pw-again", oneTime);
      await click("#pw-submit");
      await waitText("#pw-new-error", "別のもの");
      await setInput("#pw-new", "");
      await setInput("#pw-again", "");
      await type("#pw-new", PASSWORD);
      await type("#pw-again", PASSWORD);
      await click("#pw-submit");
      await find("#who");
      await find("#nav-requests");
      await login("admin");
      await click("#nav-accounts");
      await find("#open-sessions");
      if (SERVER_DB) {
        await waitText("#session-table", "127.0.0.1");
        await waitText("#session-table", "admin");
      }
    });

    await step("admin: settings keep a closure date and the idle minutes", async () => {
      await click("#nav-settings");
      await find("#admin-settings");
      const year = new Date().getFullYear() + 1;
      await setInput("#closures-date", `${year}-03-31`);
      await click("#closures-add");
      await type("#set-idle", "20");
      await click("#settings-save");
      await waitText("#settings-saved", "保存しました");
      await waitText("#closures", `${year - 2018}年3月31日`);
      await shot("admin-settings");
      const r = await invoke("settings", {});
      if (r.ok?.idle_logout_minutes !== 20 || !r.ok.extra_closures.includes(`${year}-03-31`)) {
        throw new Error(`settings not saved: ${JSON.stringify(r)}`);
      }
    });

    await step("database settings from the log-in screen: a database URL refused; switch to a second SQLite file", async () => {
      await click("#logout");
      await click("#login-database");
      await find("#database-settings");
      await waitText("#db-active", SERVER_DB ? `127.0.0.1:${PROXY_PORT}` : "e2e.sqlite");
      await click("#db-kind-server");
      await setInput("#db-server-url", "");
      await type("#db-server-url", "postgres://hoshu_desk:secret@db.example.lg.jp/hoshu");
      await click("#db-test");
      await waitText("#db-server-url-error", "直接接続");
      await shot("database");
      await click("#db-kind-sqlite");
      const second = path.join(process.env.HOSHU_E2E_WORK ?? os.tmpdir(), `second-${stamp}.sqlite`);
      await type("#db-sqlite-path", second);
      await click("#db-test");
      await waitText("#db-result", "接続できました");
      await click("#db-reconnect");
      await waitText("#db-result", "再接続しました");
      await waitText("#db-active", `second-${stamp}.sqlite`);
      await click("#db-close");
      await waitText("#login-notice", "接続先を切り替えました");
      await type("#login-id", "staff01");
      await type("#login-password", PASSWORD);
      await click("#login-submit");
      await waitText("#login-error", "正しくありません");
      await type("#login-id", "admin");
      await type("#login-password", process.env.HOSHU_ADMIN_PASSWORD ?? "");
      await click("#login-submit");
      await find("#home-admin");
    });

    await step("once set up, the log-in screen cannot move the terminal; only the administrator can", async () => {
      await click("#logout");
      await click("#login-database");
      await waitText("#db-locked", "設定済み");
      await shot("database-locked");
      const elsewhere = { kind: "sqlite", sqlite_path: path.join(process.env.HOSHU_E2E_WORK ?? os.tmpdir(), `third-${stamp}.sqlite`), server_url: "" };
      const refused = await invoke("save_database", { config: elsewhere, reconnect: true });
      if (refused.err?.code !== "forbidden") throw new Error(`saved before log-in: ${JSON.stringify(refused)}`);
      await click("#db-close");
      await type("#login-id", "admin");
      await type("#login-password", process.env.HOSHU_ADMIN_PASSWORD ?? "");
      await click("#login-submit");
      await click("#nav-database");
      if (!(await absent("#db-locked"))) throw new Error("the administrator is locked out of the database settings");
      await click("#db-test");
      await waitText("#db-result", "接続できました");
    });
  } finally {
    if (session) await wd("DELETE", `/session/${session}`).catch(() => undefined);
    driver.kill();
    await otherTerminal.stop();
    await server.stop();
    proxy?.close();
  }
  console.log(`e2e: ${passed} passed, ${failures.length} failed`);
  if (failures.length) process.exit(1);
}

/** Marks the person's notifications read and waits for the badge to go: what comes next shows. */
async function readEverything() {
  const r = await invoke("mark_notifications_read", { ids: null });
  if (r.err) throw new Error(`mark_notifications_read: ${JSON.stringify(r.err)}`);
  const end = Date.now() + 10_000;
  while ((await badgeCount()) !== 0) {
    if (Date.now() > end) throw new Error("the badge did not go after everything was read");
    await sleep(100);
  }
  return 0;
}

/** The unread count on the side menu's badge (0 without a badge). */
async function badgeCount() {
  return exec("const b = document.querySelector('#notification-badge'); return b ? Number.parseInt(b.textContent, 10) : 0");
}
async function waitBadgeAbove(before, timeout) {
  const end = Date.now() + timeout;
  for (;;) {
    const now = await badgeCount();
    if (now > before) return now;
    if (Date.now() > end) throw new Error(`the badge stayed at ${now} (was ${before})`);
    await sleep(100);
  }
}

/**
 * Someone at another terminal: the same use cases over HTTP from `hoshu serve`. In server
 * mode that is the server the window uses; on SQLite a second `hoshu serve` on the same file.
 */
const otherTerminal = {
  child: null,
  port: SERVER_DB ? SERVER_PORT : 4462,
  async start() {
    if (SERVER_DB) return;
    this.child = spawn(process.env.HOSHU_E2E_HOSHU, ["--db", LOCAL_DB, "serve", "--listen", `127.0.0.1:${this.port}`],
      { stdio: ["ignore", "ignore", "inherit"] });
    await waitPort(this.port);
  },
  async stop() {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise((resolve) => { child.on("exit", resolve); child.kill("SIGTERM"); });
  },
  async post(route, body, token) {
    const r = await fetch(`http://127.0.0.1:${this.port}/api/v1/${route}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body ?? {}),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${route}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  },
  async login(who) {
    const { token, actor } = await this.post("login", { login: who, password: PASSWORD });
    return {
      actor,
      call: (operation, args) => this.post(operation, args, token),
      logout: () => this.post("logout", {}, token),
    };
  },
};

/** An instant as an <input type="datetime-local"> value in Tokyo. */
/**
 * Another process holds the SQLite write lock (as a backup tool or a stuck terminal would), so
 * the app's writes fail once its busy timeout passes: the database is really unavailable.
 */
async function lockDatabase(file) {
  const cli = spawn("sqlite3", [file], { stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  cli.stdout.on("data", (d) => { out += d; });
  cli.stdin.write("BEGIN EXCLUSIVE;\nSELECT 'locked';\n");
  for (let i = 0; !out.includes("locked"); i++) {
    if (i > 100) throw new Error("sqlite3 did not take the lock");
    await sleep(100);
  }
  return {
    release: () => new Promise((resolve) => {
      cli.on("exit", resolve);
      cli.stdin.end("COMMIT;\n.quit\n");
    }),
  };
}

function tokyoLocal(ms) {
  return new Date(ms + 9 * 3600_000).toISOString().slice(0, 16);
}

/** The first open day at least `ahead` days from today (Tokyo), from the app's own calendar. */
async function nextOpenDay(ahead) {
  const now = new Date(Date.now() + 9 * 3600_000);
  for (let i = ahead; i < ahead + 40; i++) {
    const d = new Date(now.getTime() + i * 86_400_000);
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() + 1;
    const days = await invoke("calendar_month", { year: y, month: m });
    const iso = d.toISOString().slice(0, 10);
    if (days.ok?.find((x) => x.date === iso)?.open) return iso;
  }
  throw new Error("no open day found");
}

main().catch((e) => {
  console.error(`e2e: ${e.stack ?? e}`);
  process.exit(1);
});
