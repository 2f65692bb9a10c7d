import { useEffect, useState } from "react";
import { listen } from "@tauri-apps/api/event";
import { api, toAppError } from "../api/client";
import type { AppError, ImportReport, ImportSource, PickedImportFile, Progress } from "../api/types";
import { ErrorBanner, Panel } from "../components/ui";
import { problemText } from "../lib/search";
import "../records.css";
import "../search.css";

/** 過去データの取込 (contractor and administrator): pick a file, check it, then import it. */
export function ImportScreen() {
  const [source, setSource] = useState<ImportSource>("redmine");
  const [file, setFile] = useState<PickedImportFile | null>(null);
  const [sheet, setSheet] = useState("");
  const [mapping, setMapping] = useState("");
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [step, setStep] = useState<Progress | null>(null);

  useEffect(() => {
    // The shell reports each row written (local database; a server imports in one call).
    let stop: (() => void) | null = null;
    let gone = false;
    listen<Progress>("import-progress", (e) => setStep(e.payload)).then(
      (un) => (gone ? un() : (stop = un)),
      () => undefined,
    );
    return () => {
      gone = true;
      stop?.();
    };
  }, []);

  async function pick() {
    setError(null);
    try {
      const picked = await api.pickImportFile(source);
      if (picked) {
        setFile(picked);
        setReport(null);
      }
    } catch (e) {
      setError(toAppError(e));
    }
  }

  async function run(dryRun: boolean) {
    if (!file) return;
    setError(null);
    setBusy(dryRun ? "内容を確認しています…" : "取り込んでいます…");
    setStep(null);
    try {
      const r = await api.importFile(source, file, mapping.trim() ? mapping : null,
        source === "register" && sheet.trim() ? sheet.trim() : null, dryRun);
      setReport(r);
      // The mapping in force (every value of the file) is what the person edits next.
      setMapping(r.mapping);
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(null);
    }
  }

  const summary = report && `新規 ${report.new}件 / 既存 ${report.existing}件 / エラー ${report.errors}件`;
  const canImport = !!report && report.dry_run && report.errors === 0 && report.new > 0 && !busy;

  return (
    <div className="page" id="import">
      <div className="page-head">
        <h1 className="page-title">過去データの取込</h1>
      </div>
      <Panel title="1. ファイル" id="import-file">
        <div className="filters">
          <label className="check"><input type="radio" name="import-source" id="import-source-redmine" checked={source === "redmine"}
            onChange={() => { setSource("redmine"); setFile(null); setReport(null); setMapping(""); }} />
            Redmine のチケット一覧（CSV）</label>
          <label className="check"><input type="radio" name="import-source" id="import-source-register" checked={source === "register"}
            onChange={() => { setSource("register"); setFile(null); setReport(null); setMapping(""); }} />
            課題管理表（.xlsx / .xls / .ods / .csv）</label>
          <label className="check"><input type="radio" name="import-source" id="import-source-batches" checked={source === "batches"}
            onChange={() => { setSource("batches"); setFile(null); setReport(null); setMapping(""); }} />
            ジョブ実行結果（CSV。異常終了はジョブ異常の障害を起票）</label>
          <button id="import-pick" className="btn" onClick={pick} disabled={!!busy}>ファイルを選択…</button>
          <span id="import-file-name">{file ? file.file_name : <span className="muted">未選択</span>}</span>
          {source === "register" && (
            <label>シート名（省略時は最初のシート）
              <input id="import-sheet" value={sheet} onChange={(e) => setSheet(e.target.value)} />
            </label>
          )}
        </div>
      </Panel>
      <Panel title="2. 対応表" id="import-mapping-panel">
        <p className="hint" id="import-mapping-hint">
          ファイルの値（トラッカー・ステータス・優先度・人・所属・分類・ジョブネット名・終了状態など）と保守デスクのコードの対応です。
          試行すると、ファイルにある値がすべて並びます。右辺が "" の行を書き入れてから、もう一度試行してください。
        </p>
        <textarea id="import-mapping" rows={10} className="mono" value={mapping} aria-label="対応表（TOML）"
          aria-describedby="import-mapping-hint"
          onChange={(e) => setMapping(e.target.value)} spellCheck={false} />
      </Panel>
      <div className="actions">
        <button id="import-dry-run" className="btn" disabled={!file || !!busy} onClick={() => run(true)}>
          試行（書き込みなし）
        </button>
        <button id="import-run" className="btn primary" disabled={!canImport} onClick={() => run(false)}>
          取り込む
        </button>
        {busy && (
          <span className="muted" role="status" id="import-busy">
            {busy}{step ? `${step.label}（${step.done}/${step.total}）` : ""}
          </span>
        )}
      </div>
      <ErrorBanner error={error} />
      {report && (
        <div className={report.errors > 0 ? "banner error" : report.written ? "banner success" : "banner info"}
          id="import-summary" role="status">
          {summary}
          {report.written ? "　取り込みました。" : report.errors > 0 ? "　問題があるため、何も取り込んでいません。" : "　（試行のため書き込みなし）"}
        </div>
      )}
      {report && report.problems.length > 0 && (
        <ul className="problems" id="import-problems">
          {report.problems.map((p, i) => <li key={i}>{problemText(p)}</li>)}
        </ul>
      )}
      {report && report.rows.length > 0 && (
        <table className="grid" id="import-rows">
          <thead>
            <tr><th>行</th><th>参照</th><th>区分</th><th>状態</th><th>所属・担当</th><th>日付</th><th>件名</th><th>取込</th></tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.row} className={r.existing ? "muted" : undefined}>
                <td className="num">{r.row}</td>
                <td className="nowrap">{r.external_ref}</td>
                <td className="nowrap">{r.kind}</td>
                <td className="nowrap">{r.status}</td>
                <td className="nowrap">{r.office_or_owner}</td>
                <td className="nowrap">{r.date}</td>
                <td className="title-cell">{r.title}</td>
                <td className="nowrap">{r.existing ? "既存（変更なし）" : "新規"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
