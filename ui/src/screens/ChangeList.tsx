import { useEffect, useState } from "react";
import { api } from "../api/client";
import { useDataChanged } from "../lib/notifications";
import type { AppError, ChangeSummary } from "../api/types";
import { ErrorBanner, StatusBadge } from "../components/ui";
import { label } from "../lib/labels";
import { windowText } from "../lib/wareki";
import type { Go } from "../nav";

export function ChangeList({ go }: { go: Go }) {
  const [items, setItems] = useState<ChangeSummary[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const changed = useDataChanged("change");
  useEffect(() => {
    api.listChanges({ per_page: 200 }).then(setItems).catch(setError);
  }, [changed]);
  return (
    <div className="page">
      <h1 className="page-title">変更・計画停止</h1>
      <ErrorBanner error={error} />
      <table className="grid" id="change-table">
        <thead><tr><th>番号</th><th>種別</th><th>件名</th><th>実施予定</th><th>起案者</th><th>状態</th></tr></thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id} className="clickable" data-change-id={c.id} onClick={() => go({ name: "change", id: c.id })}>
              <td className="num">#{c.id}</td>
              <td>{label("change_kind", c.kind)}</td>
              <td className="title-cell">{c.title}</td>
              <td className="nowrap">{windowText(c.window_start, c.window_end)}</td>
              <td>{c.proposed_by_name}</td>
              <td><StatusBadge group="change_status" code={c.status} /></td>
            </tr>
          ))}
          {items.length === 0 && <tr><td colSpan={6} className="empty">変更はありません。</td></tr>}
        </tbody>
      </table>
    </div>
  );
}
