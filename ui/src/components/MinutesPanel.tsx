import { useEffect, useState } from "react";
import { api } from "../api/client";
import { useDataChanged } from "../lib/notifications";
import type { MeetingListItem } from "../api/types";
import { label } from "../lib/labels";
import { shortDateTime, warekiDate } from "../lib/wareki";
import type { Go } from "../nav";
import { Panel } from "./ui";
import { opener } from "../lib/lists";

/** The chief's minutes waiting for approval (submitted), oldest meeting first. */
export function MinutesAwaiting({ go }: { go: Go }) {
  const [items, setItems] = useState<MeetingListItem[]>([]);
  const changed = useDataChanged("meeting");
  useEffect(() => {
    api
      .listMeetings({ statuses: ["submitted"], per_page: 100 })
      .then((p) => setItems([...p.items].reverse()))
      .catch(() => setItems([]));
  }, [changed]);
  return (
    <Panel title={`承認待ちの議事録　${items.length}件`} id="home-minutes"
      actions={<button className="btn link" onClick={() => go({ name: "meetings" })}>会議一覧へ</button>}>
      {items.length === 0 && <p className="muted">承認待ちの議事録はありません。</p>}
      <ul className="cards">
        {items.map((m) => (
          <li key={m.id} className="card clickable" data-meeting-id={m.id} {...opener(() => go({ name: "meeting", id: m.id }))}>
            <div className="card-head">
              <span className="badge kind">{label("meeting_kind", m.kind)}</span>
              <strong>{m.title}</strong>
            </div>
            <div className="card-line">開催 {shortDateTime(m.starts_at)}　提出期限 {warekiDate(m.minutes_due)}</div>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
