import { useState } from "react";
import { api } from "../api/client";
import type { AccountImportReport, AppError, PickedImportFile } from "../api/types";
import { ErrorBanner, Panel } from "./ui";

const CHANGE_TEXT = { new: "新規", changed: "変更", unchanged: "変更なし" } as const;

/**
 * The personnel moves from a file: pick the account CSV (the export, edited), see every row's
 * change and every problem by row, then import all or nothing. New accounts' one-time
 * passwords are shown once, to be handed over.
 */
export function AccountImport({ onImported }: { onImported: () => void }) {
  const [file, setFile] = useState<PickedImportFile | null>(null);
  const [report, setReport] = useState<AccountImportReport | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(picked: PickedImportFile, dryRun: boolean) {
    setBusy(true);
    setError(null);
    try {
      const answer = await api.importAccounts(picked.bytes, dryRun);
      setReport(answer);
      if (answer.written) onImported();
    } catch (e) {
      setError(e as AppError);
    } finally {
      setBusy(false);
    }
  }
  async function pick() {
    setReport(null);
    const picked = await api.pickAccountFile().catch((e: AppError) => {
      setError(e);
      return null;
    });
    if (!picked) return;
    setFile(picked);
    await run(picked, true);
  }
  const changes = report?.rows.filter((r) => r.change !== "unchanged") ?? [];

  return (
    <Panel title="CSVから一括変更（人事異動）" id="account-import">
      <p className="small">
        「表示中の条件でCSVに出力」で保存したファイルを編集して取り込みます。まず内容を確認し、問題がなければ一括で反映します（1件でも問題があれば何も変更しません）。
      </p>
      <button id="account-import-pick" className="btn small" type="button" disabled={busy} onClick={() => void pick()}>
        CSVファイルを選んで確認…
      </button>
      <ErrorBanner error={error} />
      {report && file && (
        <div id="account-import-report">
          <div role="status" id="account-import-summary">
            {file.file_name}：{report.rows.length}行（新規 {report.rows.filter((r) => r.change === "new").length}件・
            変更 {report.rows.filter((r) => r.change === "changed").length}件）
            {report.problems.length > 0 && `・問題 ${report.problems.length}件`}
            {report.written && "　— 反映しました。"}
          </div>
          {report.problems.length > 0 && (
            <ul className="banner error" id="account-import-problems">
              {report.problems.map((p, i) => (
                <li key={i}>{p.row ? `${p.row}行目 ` : ""}{p.field}：{p.message}</li>
              ))}
            </ul>
          )}
          {changes.length > 0 && (
            <table className="grid compact" id="account-import-rows">
              <thead><tr><th>行</th><th>ログインID</th><th>氏名</th><th>区分</th><th>内容</th></tr></thead>
              <tbody>
                {changes.map((r) => (
                  <tr key={r.row}>
                    <td className="num">{r.row}</td><td>{r.login}</td><td>{r.display_name}</td>
                    <td>{CHANGE_TEXT[r.change]}</td><td>{r.details.join("、")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {report.dry_run && report.problems.length === 0 && changes.length > 0 && (
            <button id="account-import-run" className="btn primary small" type="button" disabled={busy}
              onClick={() => void run(file, false)}>
              {changes.length}件を反映する
            </button>
          )}
          {report.passwords.length > 0 && (
            <div className="banner info" id="account-import-passwords">
              新しいアカウントの一時パスワード（本人に直接伝えてください。この表示は画面を離れると消え、再表示できません）：
              <ul>
                {report.passwords.map((p) => (
                  <li key={p.login}>{p.login}：<code className="mono">{p.one_time_password}</code></li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </Panel>
  );
}
