import { useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import type {
  AppError, BusinessSchedule, EntryCategory, SavedFile, ScheduleAction, ScheduleMonthView, Session,
} from "../api/types";
import { ErrorBanner, Field, Panel, StatusBadge } from "../components/ui";
import {
  COLUMNS, dayRows, entryFormErrors, entryOf, entryText, shiftMonth, type EntryForm,
} from "../lib/businessSchedule";
import { fieldMessages } from "../lib/errors";
import { sizeText } from "../lib/fileSize";
import { options } from "../lib/labels";
import { msToLocalInput } from "../lib/localtime";
import { useLoaded } from "../lib/useLoaded";
import { warekiDate, warekiDateTime, warekiMonth } from "../lib/wareki";
import "../records.css";

function thisMonth(): string {
  return msToLocalInput(Date.now()).slice(0, 7);
}

/**
 * 業務日程表: the month as the printed sheet, its versions, and what this person may do — the
 * contractor drafts, edits, submits and revises; the section approves or returns with a reason.
 */
export function BusinessScheduleScreen({ session }: { session: Session }) {
  const [month, setMonth] = useState(thisMonth);
  const [reload, setReload] = useState(0);
  const [viewing, setViewing] = useState<number | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<SavedFile | null>(null);
  const [busy, setBusy] = useState(false);
  const [y, m] = month.split("-").map(Number);
  const { data, error: loadError } = useLoaded<ScheduleMonthView>(() => api.businessScheduleMonth(y, m), [y, m, reload]);
  const history = useLoaded<BusinessSchedule | null>(
    async () => (viewing === null ? null : api.businessSchedule(viewing)), [viewing]);
  const role = session.actor.role;
  const current = data?.current ?? null;
  const shown = viewing !== null && history.data ? history.data : current;

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      await work();
      setViewing(null);
      setReload((n) => n + 1);
    } catch (e) {
      setError(e as AppError);
    } finally {
      setBusy(false);
    }
  };
  const pick = (next: string) => {
    setMonth(next);
    setViewing(null);
    setError(null);
    setSaved(null);
  };
  const exportAs = async (format: "pdf" | "xlsx") => {
    if (!shown) return;
    setError(null);
    try {
      const file = await api.renderBusinessSchedule(shown.id, format);
      if (file) setSaved(file);
    } catch (e) {
      setError(e as AppError);
    }
  };

  return (
    <div className="page">
      <div className="detail-head">
        <h1 className="page-title">業務日程表（{warekiMonth(y, m)}分）</h1>
      </div>
      <div className="filters">
        <button className="btn" id="bs-prev" onClick={() => pick(shiftMonth(month, -1))}>前月</button>
        <label htmlFor="bs-month">
          対象月
          <input id="bs-month" type="month" value={month} onChange={(e) => e.target.value && pick(e.target.value)} />
        </label>
        <span id="bs-month-wareki">{warekiMonth(y, m)}</span>
        <button className="btn" id="bs-next" onClick={() => pick(shiftMonth(month, 1))}>翌月</button>
      </div>
      <ErrorBanner error={error ?? loadError} />
      {saved && (
        <p className="saved" role="status" id="bs-saved">
          保存しました（{sizeText(saved.bytes)}）。保存先：<span className="mono" id="bs-saved-path">{saved.path}</span>
        </p>
      )}
      {data && (
        <>
          <p id="bs-due" className={data.due_problem ? "muted" : undefined}>
            {data.submission_due ? `提出期限：${warekiDate(data.submission_due)}（業務日程レビューの2開庁日前）` : data.due_problem}
          </p>
          {!current && (
            <Panel title="この月の業務日程表" id="bs-empty">
              <p>まだ作成されていません。</p>
              {role === "contractor" && (
                <button className="btn primary" id="bs-draft" disabled={busy}
                  onClick={() => void run(() => api.draftBusinessSchedule(y, m))}>
                  下書きを作成（承認済の変更・会議・ジョブネット・定常作業・前月の手入力分から）
                </button>
              )}
            </Panel>
          )}
          {shown && current && (
            <Actions schedule={shown} newest={shown.id === current.id} role={role} busy={busy}
              run={run} onExport={exportAs} error={error} />
          )}
          {shown && <MonthSheet schedule={shown} y={y} m={m}
            editable={role === "contractor" && shown.status === "draft" && shown.id === current?.id}
            busy={busy} run={run} />}
          {data.versions.length > 0 && (
            <Panel title="版の履歴" id="bs-history">
              <table className="grid">
                <thead><tr><th>版</th><th>状態</th><th>作成</th><th>提出</th><th>判断</th><th>コメント</th><th /></tr></thead>
                <tbody>
                  {data.versions.map((v) => (
                    <tr key={v.id} id={`bs-version-${v.edition}`} aria-current={shown?.id === v.id ? "true" : undefined}>
                      <td>第{v.edition}版</td>
                      <td><StatusBadge group="schedule_status" code={v.status} /></td>
                      <td className="nowrap">{v.created_by_name}<br />{warekiDateTime(v.created_at)}</td>
                      <td className="nowrap">{v.submitted_at ? `${v.submitted_by_name ?? ""} ${warekiDateTime(v.submitted_at)}` : "—"}</td>
                      <td className="nowrap">{v.decided_at ? `${v.decided_by_name ?? ""} ${warekiDateTime(v.decided_at)}` : "—"}</td>
                      <td className="body-text">{v.decision_comment || "—"}</td>
                      <td>
                        <button className="btn" id={`bs-show-${v.edition}`} disabled={shown?.id === v.id}
                          onClick={() => setViewing(v.id === current?.id ? null : v.id)}>表示</button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Panel>
          )}
        </>
      )}
    </div>
  );
}

function Actions(props: {
  schedule: BusinessSchedule; newest: boolean; role: string; busy: boolean; error: AppError | null;
  run: (work: () => Promise<unknown>) => Promise<void>; onExport: (format: "pdf" | "xlsx") => Promise<void>;
}) {
  const { schedule: s, newest, role, busy, run } = props;
  const [comment, setComment] = useState("");
  const step = (a: ScheduleAction) => run(() => api.businessScheduleStep(s.id, s.version, a, comment));
  const deciding = role === "chief" && newest && s.status === "submitted";
  const commentError = fieldMessages(props.error).comment;
  return (
    <Panel title={`第${s.edition}版`} id="bs-actions"
      actions={<StatusBadge group="schedule_status" code={s.status} />}>
      {s.status === "returned" && s.decision_comment && (
        <p className="body-text" id="bs-return-reason">差戻しの理由：{s.decision_comment}</p>
      )}
      {!newest && <p className="muted small">過去の版を表示しています（変更できません）。</p>}
      {deciding && (
        <Field id="bs-comment" label="コメント" error={commentError} hint="差戻しのときは理由の入力が必要です。">
          <textarea id="bs-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
        </Field>
      )}
      <div className="action-buttons">
        {role === "contractor" && newest && s.status === "draft" && (
          <button className="btn primary" id="bs-submit" disabled={busy} onClick={() => void step("submit")}>提出</button>
        )}
        {deciding && (
          <>
            <button className="btn primary" id="bs-approve" disabled={busy} onClick={() => void step("approve")}>承認</button>
            <button className="btn danger" id="bs-return" disabled={busy} onClick={() => void step("return")}>差戻し</button>
          </>
        )}
        {role === "contractor" && newest && (s.status === "returned" || s.status === "approved") && (
          <button className="btn" id="bs-revise" disabled={busy}
            onClick={() => void run(() => api.reviseBusinessSchedule(s.id))}>改版して修正</button>
        )}
        <button className="btn" id="bs-export-pdf" onClick={() => void props.onExport("pdf")}>PDF（A3横）で保存</button>
        <button className="btn" id="bs-export-xlsx" onClick={() => void props.onExport("xlsx")}>Excelで保存</button>
      </div>
    </Panel>
  );
}

function MonthSheet(props: {
  schedule: BusinessSchedule; y: number; m: number; editable: boolean; busy: boolean;
  run: (work: () => Promise<unknown>) => Promise<void>;
}) {
  const { schedule: s, editable, run } = props;
  const rows = dayRows(props.y, props.m, s.entries);
  const remove = (index: number) =>
    run(() => api.saveBusinessScheduleEntries(s.id, s.version, s.entries.filter((_, i) => i !== index)));
  return (
    <Panel title="月間予定" id="bs-sheet">
      {editable && <AddEntry schedule={s} y={props.y} m={props.m} busy={props.busy} run={run} />}
      <div className="scroll-x" tabIndex={0} role="region" aria-label="月間予定（横にスクロールできます）">
        <table className="grid" id="bs-grid">
          <thead><tr><th>日付</th>{COLUMNS.map((c) => <th key={c.title}>{c.title}</th>)}</tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.date} className={r.closed ? "closed-day" : undefined} data-date={r.date}>
                <th scope="row" className="nowrap">{r.label}</th>
                {r.cells.map((cell, c) => (
                  <td key={c}>
                    {cell.map(({ entry, index }) => (
                      <div key={index} className="small" data-source={entry.source}>
                        {entryText(entry)}
                        {editable && entry.category !== "service_hours" && (
                          <button className="btn link" aria-label={`${entry.title}（${r.label}）を削除`}
                            onClick={() => void remove(index)}>×</button>
                        )}
                      </div>
                    ))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}

function AddEntry(props: {
  schedule: BusinessSchedule; y: number; m: number; busy: boolean;
  run: (work: () => Promise<unknown>) => Promise<void>;
}) {
  const month = `${props.y}-${String(props.m).padStart(2, "0")}`;
  const blank: EntryForm = { day: `${month}-01`, category: "routine", title: "", starts: "", ends: "", note: "" };
  const [f, setF] = useState<EntryForm>(blank);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const set = <K extends keyof EntryForm>(k: K, v: EntryForm[K]) => setF({ ...f, [k]: v });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors = entryFormErrors(f, month);
    setProblems(fieldMessages({ code: "validation", message: "", fields: errors }));
    if (errors.length > 0) return;
    const s = props.schedule;
    void props.run(() => api.saveBusinessScheduleEntries(s.id, s.version, [...s.entries, entryOf(f)]))
      .then(() => setF(blank));
  };
  return (
    <form className="inline-form" id="bs-add" onSubmit={submit} noValidate>
      <Field id="entry-day" label="日付" error={problems["entry-day"]}>
        <input id="entry-day" type="date" value={f.day} onChange={(e) => set("day", e.target.value)} />
      </Field>
      <Field id="entry-category" label="区分">
        <select id="entry-category" value={f.category} onChange={(e) => set("category", e.target.value as EntryCategory)}>
          {options("entry_category").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
        </select>
      </Field>
      <Field id="entry-title" label="件名" required error={problems["entry-title"]}>
        <input id="entry-title" value={f.title} onChange={(e) => set("title", e.target.value)} />
      </Field>
      <Field id="entry-starts" label="開始時刻" error={problems["entry-starts"]}>
        <input id="entry-starts" type="time" value={f.starts} onChange={(e) => set("starts", e.target.value)} />
      </Field>
      <Field id="entry-ends" label="終了時刻" error={problems["entry-ends"]}>
        <input id="entry-ends" type="time" value={f.ends} onChange={(e) => set("ends", e.target.value)} />
      </Field>
      <Field id="entry-note" label="備考">
        <input id="entry-note" value={f.note} onChange={(e) => set("note", e.target.value)} />
      </Field>
      <button className="btn primary" id="bs-add-entry" disabled={props.busy}>予定を追加</button>
    </form>
  );
}
