import { useState } from "react";
import type { AppError, BulkExport, SavedFile } from "../api/types";
import { sizeText } from "../lib/fileSize";
import { confirmBulk } from "./ask";
import { ErrorBanner } from "./ui";

/**
 * An export of what is on screen: the shell renders and offers the save dialog; a bulk export
 * is asked about (naming the count) before anything leaves; the window says where it went.
 */
export function useExport() {
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<SavedFile | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  async function run(save: (bulk?: BulkExport) => Promise<SavedFile | null>) {
    setBusy(true);
    setSaved(null);
    setError(null);
    try {
      let file: SavedFile | null;
      try {
        file = await save();
      } catch (e) {
        if ((e as AppError).code !== "bulk_export_unconfirmed" || !(await confirmBulk((e as AppError).message))) throw e;
        file = await save("confirmed");
      }
      setSaved(file);
    } catch (e) {
      setError(e as AppError);
    } finally {
      setBusy(false);
    }
  }
  return { busy, saved, error, run };
}

export function ExportResult({ what, state }: { what: string; state: ReturnType<typeof useExport> }) {
  return (
    <>
      {state.busy && <div className="banner info" role="status">{what}を作成しています…</div>}
      {state.saved && (
        <div className="saved" role="status" id="export-saved">
          {what}を保存しました（{sizeText(state.saved.bytes)}）。保存先：
          <span className="mono" id="export-path">{state.saved.path}</span>
        </div>
      )}
      <ErrorBanner error={state.error} />
    </>
  );
}
