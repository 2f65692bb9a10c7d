import { listen } from "@tauri-apps/api/event";
import { useEffect, useState } from "react";
import { api } from "../api/client";
import type { AppError, BulkExport, FieldError, FormKind, MeetingListItem, Progress as Step, SavedFile, Session } from "../api/types";
import { confirmBulk } from "../components/ask";
import { ErrorBanner, Field, Panel, DateEcho } from "../components/ui";
import { type DiscForm, FORM_KINDS, FORM_LABELS, discFormErrors, discSelection, minutesDraftNotice, progressPercent } from "../lib/deliverables";
import { fiscalYearOf, previousMonth } from "../lib/localtime";
import { fieldMessages } from "../lib/errors";
import { sizeText } from "../lib/fileSize";
import { shortDate, warekiFiscalYear, warekiMonth } from "../lib/wareki";
import "../records.css";

interface Job { what: string; started: number }

/** 納品物: each document rendered from the records and written where the save dialog says. */

const MINUTES_STATUS: Record<string, string> = { draft: "作成中", submitted: "提出済", approved: "承認済", returned: "差戻し" };

export function DeliverablesScreen({ session }: { session: Session }) {
  const [job, setJob] = useState<Job | null>(null);
  const [saved, setSaved] = useState<{ what: string; file: SavedFile; secs: number } | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  /** Renders, then the shell offers the save dialog; null: the person cancelled it. */
  async function render(what: string, run: (bulk?: BulkExport) => Promise<SavedFile | null>) {
    setError(null);
    const started = Date.now();
    setJob({ what, started });
    setSaved(null);
    try {
      let file: SavedFile | null;
      try {
        file = await run();
      } catch (e) {
        // A bulk export: asked before anything leaves, naming the count; sent again only on yes.
        if ((e as AppError).code !== "bulk_export_unconfirmed" || !(await confirmBulk((e as AppError).message))) throw e;
        file = await run("confirmed");
      }
      if (file) setSaved({ what, file, secs: (Date.now() - started) / 1000 });
    } catch (e) {
      setError(e as AppError);
    } finally {
      setJob(null);
    }
  }

  const [meetings, setMeetings] = useState<MeetingListItem[]>([]);
  const [meetingId, setMeetingId] = useState<number | null>(null);
  useEffect(() => {
    api.minutesChoices().then((list) => {
      setMeetings(list);
      setMeetingId((id) => id ?? list[0]?.id ?? null);
    }, (e: AppError) => setError(e));
  }, []);
  const meeting = meetings.find((x) => x.id === meetingId) ?? null;
  const [registerFormat, setRegisterFormat] = useState<"pdf_a4" | "pdf_a3" | "xlsx">("xlsx");
  const [formKind, setFormKind] = useState<FormKind>("schedule");
  // Left empty, the 文書番号 and 提出日 print as blank lines for the pen.
  const [formNumber, setFormNumber] = useState("");
  const [documentNumber, setDocumentNumber] = useState("");
  const [submittedOn, setSubmittedOn] = useState("");
  const isContractor = session.actor.role === "contractor";

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
                <select id="monthly-year" aria-label="対象月の年" value={y} onChange={(e) => setMonth(`${e.target.value}-${String(m).padStart(2, "0")}`)}>
                  {[thisFy + 1, thisFy, thisFy - 1, thisFy - 2].map((v) => (
                    <option key={v} value={v}>{warekiMonth(v, 6).replace(/6月$/, "")}</option>
                  ))}
                </select>
                <select id="monthly-month" aria-label="対象月の月" value={m} onChange={(e) => setMonth(`${y}-${e.target.value.padStart(2, "0")}`)}>
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
              onClick={() => void render(`定期報告（${monthName}）`, () => api.renderMonthlyReport(y, m, format))}>
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
                  <option key={v} value={v}>{warekiFiscalYear(v)}</option>
                ))}
              </select>
            </Field>
            <button id="annual-render" className="btn primary" disabled={!!job}
              onClick={() => void render(`年次報告資料（${warekiFiscalYear(fy)}）`, () => api.renderAnnualReport(fy))}>
              作成して保存…
            </button>
          </div>
        </Panel>
        <Panel title="打合せ議事録" id="deliverable-minutes">
          <p className="small muted">会議を選んで議事録をPDFで作成します。出席者、配布資料、議題、協議内容、決定事項、宿題事項。</p>
          <div className="deliverable-row">
            <Field id="minutes-meeting" label="会議" required>
              <select id="minutes-meeting" className="wide-select" value={meetingId ?? ""} onChange={(e) => setMeetingId(Number(e.target.value))}>
                {meetings.length === 0 && <option value="">（会議がありません）</option>}
                {meetings.map((x) => (
                  <option key={x.id} value={x.id}>
                    {dayText(x.starts_at)} {x.title}（{MINUTES_STATUS[x.minutes_status] ?? x.minutes_status}{x.overdue ? "・期限超過" : ""}）
                  </option>
                ))}
              </select>
            </Field>
            <button id="minutes-render" className="btn primary" disabled={!!job || !meeting}
              onClick={() => meeting && void render(`打合せ議事録（${meeting.title}）`, () => api.renderMinutes(meeting.id))}>
              作成して保存…
            </button>
          </div>
          {meeting && minutesDraftNotice(meeting.minutes_status) && (
            <div className="banner warn" id="minutes-draft-notice" role="note">{minutesDraftNotice(meeting.minutes_status)}</div>
          )}
        </Panel>
        <Panel title="課題管理表" id="deliverable-register">
          <p className="small muted">すべての課題を一覧にします。PDF（A4またはA3横）か Excel（.xlsx）。</p>
          <div className="deliverable-row">
            <Field id="register-format" label="形式">
              <select id="register-format" value={registerFormat} onChange={(e) => setRegisterFormat(e.target.value as typeof registerFormat)}>
                <option value="xlsx">Excel（.xlsx）</option>
                <option value="pdf_a4">PDF（A4横）</option>
                <option value="pdf_a3">PDF（A3横）</option>
              </select>
            </Field>
            <button id="register-render" className="btn primary" disabled={!!job}
              onClick={() => void render("課題管理表", (bulk) =>
                api.renderRegister(registerFormat === "pdf_a3" ? "a3" : "a4", registerFormat === "xlsx" ? "xlsx" : "pdf", bulk))}>
              作成して保存…
            </button>
          </div>
        </Panel>
        <Panel title="運用保守計画書" id="deliverable-plan">
          <p className="small muted">今年度の計画書（9章、障害対応フローとSLA目標、年間スケジュール）。</p>
          <div className="deliverable-row">
            <button id="plan-render" className="btn primary" disabled={!!job}
              onClick={() => void render("運用保守計画書", () => api.renderPlan())}>
              作成して保存…
            </button>
          </div>
        </Panel>
        <Panel title="提出書類" id="deliverable-form">
          <p className="small muted">
            契約情報から作成します。文書番号・提出日を空欄にすると、押印時に手書きで記入する欄になります。
          </p>
          <div className="deliverable-row">
            <Field id="form-kind" label="書類">
              <select id="form-kind" value={formKind} onChange={(e) => setFormKind(e.target.value as FormKind)}>
                {FORM_KINDS.map((k) => <option key={k} value={k}>{FORM_LABELS[k]}</option>)}
              </select>
            </Field>
            {formKind !== "schedule" && (
              <Field id="form-number" label="様式番号" error={fieldMessages(error).form_number}
                hint="例: 様式第1号（任意）">
                <input id="form-number" value={formNumber} maxLength={20}
                  onChange={(e) => setFormNumber(e.target.value)} />
              </Field>
            )}
            {formKind !== "schedule" && (
              <Field id="form-document-number" label="文書番号" error={fieldMessages(error).document_number}
                hint="例: 吉情第123号（任意）">
                <input id="form-document-number" value={documentNumber} maxLength={30}
                  onChange={(e) => setDocumentNumber(e.target.value)} />
              </Field>
            )}
            <Field id="form-submitted-on" label="提出日" hint="任意">
              <input id="form-submitted-on" type="date" value={submittedOn} onChange={(e) => setSubmittedOn(e.target.value)} />
              <DateEcho value={submittedOn} />
            </Field>
            <button id="form-render" className="btn primary" disabled={!!job}
              onClick={() => void render(FORM_LABELS[formKind], () => api.renderForm(formKind, {
                form_number: formKind === "schedule" ? null : formNumber || null,
                document_number: formKind === "schedule" ? null : documentNumber || null,
                submitted_on: submittedOn || null,
              }))}>
              作成して保存…
            </button>
          </div>
        </Panel>
      </div>
      {isContractor && (
        <DiscPanel busy={!!job} thisFy={thisFy}
          run={(form) => void render("納品用ディスクイメージ", () => api.buildDisc(discSelection(form)))} />
      )}
    </div>
  );
}

function dayText(instant: string): string {
  return shortDate(instant);
}

/** The delivery disc: what goes on it, the medium, and the malware check done before handover. */
function DiscPanel({ busy, thisFy, run }: { busy: boolean; thisFy: number; run: (form: DiscForm) => void }) {
  const [form, setForm] = useState<DiscForm>({
    minutes: "all_approved", minutesFrom: "", minutesTo: "", register: true, plan: true, forms: [...FORM_KINDS],
    reportsFiscalYear: thisFy - 1, media: "cd_r", checkedBy: "", checkedAt: "", product: "", patternVersion: "",
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const set = (patch: Partial<DiscForm>) => setForm((f) => ({ ...f, ...patch }));
  const err = (field: string) => errors.find((e) => e.field === field)?.message;
  const toggleForm = (k: FormKind) =>
    set({ forms: form.forms.includes(k) ? form.forms.filter((x) => x !== k) : [...form.forms, k] });
  return (
    <Panel title="納品用ディスク（CD-R／DVD-R）" id="deliverable-disc">
      <p className="small muted">選んだ納品物と MANIFEST、ウイルスチェック実施記録を収めたディスクイメージ（.iso）を作成します。</p>
      <div className="disc-grid">
        <fieldset className="disc-include" id="disc-include">
          <legend>収録する納品物</legend>
          <label className="check">
            議事録（承認済）
            <select id="disc-minutes" value={form.minutes} onChange={(e) => set({ minutes: e.target.value as DiscForm["minutes"] })}>
              <option value="all_approved">すべて</option>
              <option value="period">期間を指定</option>
              <option value="none">含めない</option>
            </select>
          </label>
          {form.minutes === "period" && (
            <Field id="disc-minutes-from" label="会議の期間" error={err("minutes_period")}>
              <span className="inline-pick">
                <input id="disc-minutes-from" type="date" value={form.minutesFrom} onChange={(e) => set({ minutesFrom: e.target.value })} />
                <DateEcho value={form.minutesFrom} />
                〜
                <input id="disc-minutes-to" type="date" value={form.minutesTo} onChange={(e) => set({ minutesTo: e.target.value })} />
                <DateEcho value={form.minutesTo} />
              </span>
            </Field>
          )}
          <label className="check"><input type="checkbox" id="disc-register" checked={form.register} onChange={(e) => set({ register: e.target.checked })} /> 課題管理表（PDF・Excel）</label>
          <label className="check"><input type="checkbox" id="disc-plan" checked={form.plan} onChange={(e) => set({ plan: e.target.checked })} /> 運用保守計画書</label>
          {FORM_KINDS.map((k) => (
            <label className="check" key={k}>
              <input type="checkbox" id={`disc-form-${k}`} checked={form.forms.includes(k)} onChange={() => toggleForm(k)} /> {FORM_LABELS[k]}
            </label>
          ))}
          <label className="check">
            <input type="checkbox" id="disc-reports" checked={form.reportsFiscalYear !== null}
              onChange={(e) => set({ reportsFiscalYear: e.target.checked ? thisFy - 1 : null })} />
            定期報告・年次報告
            {form.reportsFiscalYear !== null && (
              <select id="disc-reports-fy" value={form.reportsFiscalYear} onChange={(e) => set({ reportsFiscalYear: Number(e.target.value) })}>
                {[thisFy, thisFy - 1, thisFy - 2].map((v) => <option key={v} value={v}>{v}年度</option>)}
              </select>
            )}
          </label>
          {err("include") && <div className="field-error" role="alert">{err("include")}</div>}
        </fieldset>
        <div>
          <Field id="disc-media" label="媒体">
            <select id="disc-media" value={form.media} onChange={(e) => set({ media: e.target.value as DiscForm["media"] })}>
              <option value="cd_r">CD-R（700 MB）</option>
              <option value="dvd_r">DVD-R（4.7 GB）</option>
            </select>
          </Field>
          <Field id="disc-checked-by" label="ウイルスチェック実施者" required error={err("checked_by")}>
            <input id="disc-checked-by" value={form.checkedBy} onChange={(e) => set({ checkedBy: e.target.value })} />
          </Field>
          <Field id="disc-checked-at" label="実施日時" hint="空欄のときは作成時刻">
            <input id="disc-checked-at" type="datetime-local" value={form.checkedAt} onChange={(e) => set({ checkedAt: e.target.value })} />
            <DateEcho value={form.checkedAt} />
          </Field>
          <Field id="disc-product" label="使用ソフトウェア（製品名・バージョン）" required error={err("product")}>
            <input id="disc-product" value={form.product} onChange={(e) => set({ product: e.target.value })} />
          </Field>
          <Field id="disc-pattern" label="パターンファイルのバージョン" required error={err("pattern_version")}>
            <input id="disc-pattern" value={form.patternVersion} onChange={(e) => set({ patternVersion: e.target.value })} />
          </Field>
        </div>
      </div>
      <div className="actions">
        <button id="disc-build" className="btn primary" disabled={busy}
          onClick={() => {
            const found = discFormErrors(form);
            setErrors(found);
            if (found.length === 0) run(form);
          }}>
          ディスクイメージを作成して保存…
        </button>
      </div>
    </Panel>
  );
}

/** Rendering runs in the app; the window shows what is being made and for how long. */
export function Progress({ job }: { job: Job }) {
  const [, tick] = useState(0);
  const [step, setStep] = useState<Step | null>(null);
  useEffect(() => {
    const t = window.setInterval(() => tick((n) => n + 1), 500);
    return () => window.clearInterval(t);
  }, []);
  useEffect(() => {
    // The register and the disc report their steps; the other documents show elapsed time.
    let stop: (() => void) | null = null;
    let gone = false;
    listen<Step>("deliverable-progress", (e) => setStep(e.payload)).then(
      (un) => (gone ? un() : (stop = un)),
      () => undefined,
    );
    return () => {
      gone = true;
      stop?.();
    };
  }, []);
  const secs = Math.floor((Date.now() - job.started) / 1000);
  const percent = progressPercent(step);
  return (
    <div className="progress" role="status" id="render-progress">
      {percent === null ? (
        <div className="progress-bar" />
      ) : (
        <div className="progress-bar determinate" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
          <div className="progress-fill" style={{ width: `${percent}%` }} />
        </div>
      )}
      <span>
        {job.what}を作成しています…{step ? `${step.label}（${step.done}/${step.total}）` : ""}（{secs} 秒経過）
      </span>
    </div>
  );
}
