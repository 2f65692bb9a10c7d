import { useEffect, useState } from "react";
import { api } from "../api/client";
import { useDataChanged } from "../lib/notifications";
import type { AppError, IncidentView, Office, SlaStatus } from "../api/types";
import { rateText, serverOffset, deadlineText } from "../lib/countdown";
import { label } from "../lib/labels";
import { shortDateTime, warekiFiscalYear } from "../lib/wareki";
import type { Go } from "../nav";
import { IncidentTable } from "../screens/IncidentList";
import { useNow } from "./clock";
import { ErrorBanner, Panel } from "./ui";
import "../records.css";
import { opener } from "../lib/lists";

/** The chief's SLA status at a glance: what runs, what is late, what waits for a decision. */
export function SlaGlance({ go }: { go: Go }) {
  const [s, setS] = useState<SlaStatus | null>(null);
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<AppError | null>(null);
  const changed = useDataChanged("incident");
  useEffect(() => {
    api.slaStatus().then((x) => {
      setOffset(serverOffset(x.now, Date.now()));
      setS(x);
    }).catch(setError);
  }, [changed]);
  const now = useNow(offset);
  return (
    <Panel title={s ? `SLAの状況（${warekiFiscalYear(s.fiscal_year)}）` : "SLAの状況"} id="home-sla"
      actions={<button className="btn link" onClick={() => go({ name: "incidents" })}>障害一覧へ</button>}>
      <ErrorBanner error={error} />
      {s && (
        <>
          <div className="kpis">
            <Kpi label="対応中の障害" value={s.open_incidents} unit="件" id="kpi-open" />
            <Kpi label="動いている時計" value={s.running_clocks} unit="本" id="kpi-running" />
            <Kpi label="超過のあった障害（今年度）" value={s.breached_incidents} unit="件" id="kpi-breached"
              tone={s.breached_incidents > 0 ? "bad" : "good"} />
            <Kpi label="免責の判断待ち" value={s.pending_exclusions} unit="件" id="kpi-pending"
              tone={s.pending_exclusions > 0 ? "bad" : undefined} />
          </div>
          <div className="two-col">
            <div>
              <h3 className="form-section">項目別の達成率（免責を除く）</h3>
              <table className="grid" id="sla-attainment">
                <thead><tr><th>項目</th><th>達成</th><th>超過</th><th>達成率</th><th /></tr></thead>
                <tbody>
                  {s.attainment.map((a) => (
                    <tr key={a.item}>
                      <td>{label("sla_item", a.item)}</td>
                      <td className="num">{a.attainment.met}</td>
                      <td className="num">{a.attainment.breached > 0 ? <strong className="t-bad">{a.attainment.breached}</strong> : 0}</td>
                      <td className="num nowrap">{rateText(a.attainment.rate)}</td>
                      <td>
                        <div className={`rate-bar${(a.attainment.rate ?? 1) < 1 ? " low" : ""}`}>
                          <span style={{ width: `${Math.round((a.attainment.rate ?? 0) * 100)}%` }} />
                        </div>
                      </td>
                    </tr>
                  ))}
                  {s.attainment.length === 0 && <tr><td colSpan={5} className="empty">今年度の障害はありません。</td></tr>}
                </tbody>
              </table>
            </div>
            <div>
              <h3 className="form-section">期限の近い時計</h3>
              <ul className="cards" id="sla-upcoming">
                {s.upcoming.slice(0, 5).map((b, i) => {
                  const c = b.deadline ? deadlineText(b.deadline, now) : null;
                  return (
                    <li key={i} className="card clickable" {...opener(() => go({ name: "incident", id: b.incident_id }))}>
                      <div className="card-head">
                        <span className="num muted">#{b.incident_id}</span>
                        <strong>{label("sla_item", b.item)}</strong>
                        {c && <span className={`clock t-${c.tone}`}>{c.text}</span>}
                      </div>
                      <div className="card-line">{b.title}</div>
                    </li>
                  );
                })}
                {s.upcoming.length === 0 && <li className="muted">動いている時計はありません。</li>}
              </ul>
              {s.breaches.length > 0 && (
                <>
                  <h3 className="form-section">今年度の超過（新しい順）</h3>
                  <ul className="cards" id="sla-breaches">
                    {s.breaches.slice(0, 4).map((b, i) => (
                      <li key={i} className="card clickable" {...opener(() => go({ name: "incident", id: b.incident_id }))}>
                        <div className="card-head">
                          <span className="clock t-breached">超過</span>
                          <strong>{label("sla_item", b.item)}</strong>
                          <span className="muted small">期限 {b.deadline ? shortDateTime(b.deadline) : "—"}</span>
                        </div>
                        <div className="card-line">#{b.incident_id} {b.title}</div>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          </div>
        </>
      )}
    </Panel>
  );
}

function Kpi(props: { label: string; value: number; unit: string; id: string; tone?: "bad" | "good" }) {
  return (
    <div className={`kpi${props.tone ? ` ${props.tone}` : ""}`} id={props.id}>
      <div className="kpi-label">{props.label}</div>
      <div className="kpi-value">{props.value}<small>{props.unit}</small></div>
    </div>
  );
}

/** The contractor's queue of incidents whose clocks still run, nearest deadline first. */
export function OpenIncidents({ go, offices }: { go: Go; offices: Office[] }) {
  const [items, setItems] = useState<IncidentView[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const changed = useDataChanged("incident");
  useEffect(() => {
    api.listIncidents({ open_only: true })
      .then((l) => setItems([...l].sort((a, b) => (a.next_deadline ?? "").localeCompare(b.next_deadline ?? ""))))
      .catch(setError);
  }, [changed]);
  return (
    <Panel title={`対応中の障害（期限の近い順）　${items.length}件`} id="home-incidents"
      actions={<button className="btn link" onClick={() => go({ name: "incidents" })}>障害一覧へ</button>}>
      <ErrorBanner error={error} />
      <IncidentTable items={items} go={go} offices={offices} id="home-incident-table" compact />
    </Panel>
  );
}
