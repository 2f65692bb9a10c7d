import { useEffect, useState } from "react";
import { api } from "../api/client";
import type { AppError, SavedFile } from "../api/types";
import { ErrorBanner, Field, Panel } from "../components/ui";
import { fiscalYearOf, previousMonth } from "../lib/localtime";
import { PDF, XLSX, chooseSavePath, sizeText } from "../lib/savePath";
import { warekiMonth } from "../lib/wareki";
import "../records.css";

interface Job { what: string; started: number }

/** 納品物: each document rendered from the records and written where the save dialog says. */
export function DeliverablesScreen() {
  const [job, setJob] = useState<Job | null>(null);
  const [saved, setSaved] = useState<{ what: string; file: SavedFile; secs: number } | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  async function render(what: string, defaultName: string, kind: typeof PDF, run: (path: string) => Promise<SavedFile>) {
    setError(null);
    const path = await chooseSavePath(defaultName, kind, `${what}の保存先`);
    if (!path) return;
    const started = Date.now();
    setJob({ what, started });
    setSaved(null);
    try {
      const file = await run(path);
      setSaved({ what, file, secs: (Date.now() - started) / 1000 });
    } catch (e) {
      setError(e as AppError);
    } finally {
      setJob(null);
    }
  }

  const [month, setMonth] = useState(() => previousMonth(Date.now()));
  const [format, setFormat] = useState<"pdf" | "xlsx">("pdf");
  const thisFy = fiscalYearOf(Date.now());
  const [fy, setFy] = useState(thisFy - 1);
  const [y, m] = month.split("-").map(Number);
  const monthName = y && m ? warekiMonth(y, m) : "";
  return (
    <div className="page" id="deliverables">
      <h1 className="page-title">納品物の作成</h1>
      <p className="muted">記録から帳票を作成し、保存先を選んで保存します。作成した内容は監査ログに残ります。</p>
      {job && <Progress job={job} />}
      {saved && (
        <div className="saved" role="status" id="saved-file">
          {saved.what}を保存しました（{sizeText(saved.file.bytes)}、{saved.secs.toFixed(1)} 秒）。保存先：
          <span className="mono" id="saved-path">{saved.file.path}</span>
        </div>
      )}
      <ErrorBanner error={error} />
      <div className="deliverables">
        <Panel title="定期報告（月次）" id="deliverable-monthly">
          <p className="small muted">依頼の受付・回答件数、回答時間、障害とSLA達成状況、変更の実施、ログイン件数。</p>
          <div className="deliverable-row">
            <Field id="monthly-year" label="対象月" required>
              <span className="inline-pick">
                <select id="monthly-year" value={y} onChange={(e) => setMonth(`${e.target.value}-${String(m).padStart(2, "0")}`)}>
                  {[thisFy + 1, thisFy, thisFy - 1, thisFy - 2].map((v) => (
                    <option key={v} value={v}>{warekiMonth(v, 6).replace(/6月$/, "")}</option>
                  ))}
                </select>
                <select id="monthly-month" value={m} onChange={(e) => setMonth(`${y}-${e.target.value.padStart(2, "0")}`)}>
                  {Array.from({ length: 12 }, (_, i) => i + 1).map((v) => <option key={v} value={v}>{v}月</option>)}
                </select>
              </span>
            </Field>
            <Field id="monthly-format" label="形式">
              <select id="monthly-format" value={format} onChange={(e) => setFormat(e.target.value as "pdf" | "xlsx")}>
                <option value="pdf">PDF</option>
                <option value="xlsx">Excel（.xlsx）</option>
              </select>
            </Field>
            <button id="monthly-render" className="btn primary" disabled={!!job || !y || !m}
              onClick={() => void render(`定期報告（${monthName}）`, `定期報告_${month}.${format}`, format === "pdf" ? PDF : XLSX,
                (path) => api.renderMonthlyReport(y, m, path))}>
              作成して保存…
            </button>
          </div>
        </Panel>
        <Panel title="年次報告資料（SLA）" id="deliverable-annual">
          <p className="small muted">年度（4月〜翌3月）のSLA項目ごとの目標・実績・達成状況、超過と免責の理由。</p>
          <div className="deliverable-row">
            <Field id="annual-fy" label="年度" required>
              <select id="annual-fy" value={fy} onChange={(e) => setFy(Number(e.target.value))}>
                {[thisFy, thisFy - 1, thisFy - 2, thisFy - 3].map((v) => (
                  <option key={v} value={v}>{warekiMonth(v, 4).replace(/4月$/, "")}度（{v}年度）</option>
                ))}
              </select>
            </Field>
            <button id="annual-render" className="btn primary" disabled={!!job}
              onClick={() => void render(`年次報告資料（${fy}年度）`, `年次報告資料_${fy}年度.pdf`, PDF,
                (path) => api.renderAnnualReport(fy, path))}>
              作成して保存…
            </button>
          </div>
        </Panel>
      </div>
    </div>
  );
}

/** Rendering runs in the app; the window shows what is being made and for how long. */
function Progress({ job }: { job: Job }) {
  const [, tick] = useState(0);
  useEffect(() => {
    const t = window.setInterval(() => tick((n) => n + 1), 500);
    return () => window.clearInterval(t);
  }, []);
  const secs = Math.floor((Date.now() - job.started) / 1000);
  return (
    <div className="progress" role="status" id="render-progress">
      <div className="progress-bar" />
      <span>{job.what}を作成しています…（{secs} 秒経過）</span>
    </div>
  );
}
