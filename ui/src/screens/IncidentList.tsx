import { useEffect, useState } from "react";
import { api } from "../api/client";
import { useDataChanged } from "../lib/notifications";
import type { AppError, IncidentView, Office, Session } from "../api/types";
import { ClockChip, useNow } from "../components/clock";
import { ErrorBanner, SortHeader } from "../components/ui";
import { deadlineText } from "../lib/countdown";
import { label } from "../lib/labels";
import { shortDateTime } from "../lib/wareki";
import type { Go } from "../nav";
import "../records.css";
import { opener, sortedBy, useKept, type SortKey, type SortOrder } from "../lib/lists";
import { ExportResult, useExport } from "../components/exporting";

/** Incidents with every SLA clock; the nearest deadline counts down live. */
export function IncidentList({ go, session, offices }: { go: Go; session: Session; offices: Office[] }) {
  const [openOnly, setOpenOnly] = useKept("incidents.openOnly", false);
  const [items, setItems] = useState<IncidentView[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const changed = useDataChanged("incident");
  const exporting = useExport();
  const [order, setOrder] = useKept<SortOrder<IncidentColumn>>("incidents.order", NEWEST_FIRST);
  useEffect(() => {
    setError(null);
    api.listIncidents({ open_only: openOnly }).then(setItems).catch(setError);
  }, [openOnly, changed]);
  return (
    <div className="page">
      <div className="detail-head">
        <h1 className="page-title">障害一覧</h1>
        <div className="grow" style={{ flex: 1 }} />
        {session.actor.role === "contractor" && (
          <button id="incident-new" className="btn primary" onClick={() => go({ name: "new-incident" })}>
            障害を記録
          </button>
        )}
      </div>
      <div className="filters">
        <label className="check">
          <input id="incident-open-only" type="checkbox" checked={openOnly}
            onChange={(e) => setOpenOnly(e.target.checked)} />
          SLAの時計が動いている障害のみ
        </label>
      </div>
      <ErrorBanner error={error} />
      <ExportResult what="障害一覧" state={exporting} />
      <div className="list-bar">
        <span />
        <button id="incident-export" className="btn small" type="button" disabled={exporting.busy || !items || items.length === 0}
          onClick={() => void exporting.run((bulk) => api.saveList("incidents", { open_only: openOnly }, bulk))}>
          表示中の条件でExcelに出力…
        </button>
      </div>
      {items && (
        <IncidentTable items={sortedBy(items, INCIDENT_KEYS[order.column], order.direction)} go={go} offices={offices}
          order={order} onSort={setOrder} />
      )}
    </div>
  );
}

const SEVERITY_ORDER = ["critical", "high", "medium", "low"];
type IncidentColumn = "number" | "detected" | "category" | "severity" | "title" | "deadline";
const INCIDENT_KEYS: Record<IncidentColumn, (v: IncidentView) => SortKey> = {
  number: (v) => v.record.id,
  detected: (v) => v.record.incident.detected_at,
  category: (v) => label("incident_category", v.record.incident.category),
  // 重大 before 低: the order of the codes, not of their names.
  severity: (v) => SEVERITY_ORDER.indexOf(v.record.incident.severity),
  title: (v) => v.record.incident.title,
  deadline: (v) => v.next_deadline,
};
const NEWEST_FIRST: SortOrder<IncidentColumn> = { column: "detected", direction: "descending" };

/** The incidents as rows; with `order`, the headers sort (the list screen), without, they are plain (home). */
export function IncidentTable(props: {
  items: IncidentView[]; go: Go; offices: Office[]; id?: string; compact?: boolean;
  order?: SortOrder<IncidentColumn>; onSort?: (order: SortOrder<IncidentColumn>) => void;
}) {
  const now = useNow();
  const officeNames = (codes: string[]) =>
    codes.length === 0 ? "全事務所" : codes.map((c) => props.offices.find((o) => o.code === c)?.name ?? c).join("、");
  const header = (column: IncidentColumn, text: string) =>
    props.order && props.onSort ? (
      <SortHeader column={column} order={props.order} onSort={props.onSort}>{text}</SortHeader>
    ) : (
      <th>{text}</th>
    );
  return (
    <>
      <div className="list-meta">{props.items.length} 件</div>
      <table className="grid" id={props.id ?? "incident-table"}>
        <thead>
          <tr>
            {header("number", "番号")}{header("detected", "検知日時")}{header("category", "区分")}
            {header("severity", "重大度")}{header("title", "件名")}
            {!props.compact && <th>影響範囲</th>}
            {header("deadline", "次の期限")}<th>SLA</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((v) => {
            const r = v.record;
            const next = v.next_deadline ? deadlineText(v.next_deadline, now) : null;
            const breached = v.clocks.filter((c) => c.state.state === "breached");
            const met = v.clocks.filter((c) => c.state.state === "met").length;
            return (
              <tr key={r.id} className={`clickable${v.breached > 0 && !v.excluded ? " row-breached" : ""}`}
                data-incident-id={r.id} {...opener(() => props.go({ name: "incident", id: r.id }))}>
                <td className="num">#{r.id}</td>
                <td className="nowrap">{shortDateTime(r.incident.detected_at)}</td>
                <td className="nowrap">{label("incident_category", r.incident.category)}</td>
                <td><span className={`sev s-${r.incident.severity}`}>{label("severity", r.incident.severity)}</span></td>
                <td className="title-cell">
                  <a href="#" tabIndex={-1} onClick={(e) => e.preventDefault()}>{r.incident.title}</a>
                  {v.excluded && <span className="tag excluded">免責</span>}
                  {v.recovered && <span className="tag">復旧済</span>}
                </td>
                {!props.compact && <td className="small">{officeNames(r.incident.affected_offices)}</td>}
                <td className="clock-cell">
                  {next ? (
                    <span className={`clock t-${next.tone}`} data-tone={next.tone}>{next.text}</span>
                  ) : (
                    <span className="muted small">—</span>
                  )}
                </td>
                <td className="small">
                  <div className="clock-list">
                    {breached.map((c) => (
                      <ClockChip key={c.item} state={c.state} now={now} prefix={label("sla_item", c.item)} />
                    ))}
                    {met > 0 && <span className="clock t-met">達成 {met}</span>}
                    {v.running > 0 && <span className="clock t-running">進行中 {v.running}</span>}
                  </div>
                </td>
              </tr>
            );
          })}
          {props.items.length === 0 && (
            <tr><td colSpan={props.compact ? 7 : 8} className="empty">該当する障害はありません。</td></tr>
          )}
        </tbody>
      </table>
    </>
  );
}
