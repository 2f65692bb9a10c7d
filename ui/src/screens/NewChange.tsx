import { useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import type { AppError, ChangeKind, ChangeProposal, Office, OutageReason, ReleaseKind } from "../api/types";
import { DraftBanner, ErrorBanner, Field, DateEcho } from "../components/ui";
import { fieldMessages } from "../lib/errors";
import { options } from "../lib/labels";
import { localInputToIso } from "../lib/wareki";
import type { Go } from "../nav";
import { DRAFT_KEPT, isUnavailable } from "../lib/drafts";
import { useDraft } from "../lib/useDraft";

interface Form {
  kind: ChangeKind; outage_reason: OutageReason | ""; release_kind: ReleaseKind | ""; title: string; description: string;
  start: string; end: string; affected_systems: string; affected_offices: string[]; impact: string;
  rollback_plan: string; test_verification: string; instruction_ref: string;
}

const BLANK: Form = {
  kind: "planned_outage", outage_reason: "", release_kind: "", title: "", description: "", start: "",
  end: "", affected_systems: "レセプト管理システム 本番環境", affected_offices: [], impact: "",
  rollback_plan: "", test_verification: "", instruction_ref: "",
};

export function NewChangeForm({ go, offices, user }: { go: Go; offices: Office[]; user: string }) {
  const draft = useDraft<Form>(user, "new-change", BLANK, () => go({ name: "changes" }));
  const form = draft.value;
  const setForm = draft.set;
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const f = fieldMessages(error);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm({ ...form, [k]: v });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const proposal: ChangeProposal = {
      kind: form.kind,
      outage_reason: form.kind === "planned_outage" ? form.outage_reason || null : null,
      release_kind: form.kind === "release" ? form.release_kind || null : null,
      title: form.title, description: form.description,
      window_start: localInputToIso(form.start), window_end: localInputToIso(form.end),
      affected_systems: form.affected_systems, affected_offices: form.affected_offices,
      impact: form.impact, rollback_plan: form.rollback_plan,
      test_verification: form.kind === "release" ? form.test_verification || null : null,
      instruction_ref: form.kind === "data_patch" ? form.instruction_ref || null : null,
    };
    if (!proposal.window_start || !proposal.window_end) {
      setError({
        code: "validation", message: "実施日時を入力してください。",
        fields: [{ field: "window_start", label: "実施日時", message: "開始と終了の日時を入力してください。" }],
      });
      return;
    }
    setBusy(true);
    let proposed: number | null = null;
    try {
      const key = draft.key;
      proposed = await api.proposeChange(proposal, key);
      draft.clear();
      await api.decideChange(proposed, 1, "submit", "", undefined, `${key}-submit`);
      go({ name: "change", id: proposed });
    } catch (err) {
      if (isUnavailable(err) && proposed === null) {
        draft.queue({ kind: "propose_change", args: { proposal } });
        setError(null);
        return;
      }
      setError(err as AppError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page narrow">
      <h1 className="page-title">変更の起案（承認申請）</h1>
      <form className="form" onSubmit={submit} noValidate id="new-change-form">
        <ErrorBanner error={error} />
        <DraftBanner queued={draft.queued} refusal={draft.refusal} text={DRAFT_KEPT} />
        <div className="row">
          <Field id="chg-kind" label="種別" required error={f.kind}>
            <select id="chg-kind" value={form.kind} onChange={(e) => set("kind", e.target.value as ChangeKind)}>
              {options("change_kind").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
            </select>
          </Field>
          {form.kind === "planned_outage" && (
            <Field id="chg-reason" label="停止理由" required error={f.outage_reason}>
              <select id="chg-reason" value={form.outage_reason} onChange={(e) => set("outage_reason", e.target.value as OutageReason | "")}>
                <option value="">（選択してください）</option>
                {options("outage_reason").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
              </select>
            </Field>
          )}
          {form.kind === "release" && (
            <Field id="chg-release" label="リリース区分" required error={f.release_kind}>
              <select id="chg-release" value={form.release_kind} onChange={(e) => set("release_kind", e.target.value as ReleaseKind | "")}>
                <option value="">（選択してください）</option>
                {options("release_kind").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
              </select>
            </Field>
          )}
        </div>
        <Field id="chg-title" label="件名" required error={f.title}>
          <input id="chg-title" value={form.title} onChange={(e) => set("title", e.target.value)} />
        </Field>
        <div className="row">
          <Field id="chg-start" label="開始日時" required error={f.window_start}>
            <input id="chg-start" type="datetime-local" value={form.start} onChange={(e) => set("start", e.target.value)} />
            <DateEcho value={form.start} />
          </Field>
          <Field id="chg-end" label="終了日時" required error={f.window_end}>
            <input id="chg-end" type="datetime-local" value={form.end} onChange={(e) => set("end", e.target.value)} />
            <DateEcho value={form.end} />
          </Field>
          <Field id="chg-systems" label="影響システム" required error={f.affected_systems}>
            <input id="chg-systems" value={form.affected_systems} onChange={(e) => set("affected_systems", e.target.value)} />
          </Field>
        </div>
        <Field id="chg-offices" label="影響事務所" error={f.affected_offices} hint="選択しない場合は全事務所が対象です。">
          <div className="checks" id="chg-offices">
            {offices.map((o) => (
              <label key={o.code} className="check">
                <input type="checkbox" checked={form.affected_offices.includes(o.code)}
                  onChange={(e) => set("affected_offices", e.target.checked
                    ? [...form.affected_offices, o.code]
                    : form.affected_offices.filter((c) => c !== o.code))} />
                {o.name}
              </label>
            ))}
          </div>
        </Field>
        <Field id="chg-description" label="作業内容" required error={f.description}>
          <textarea id="chg-description" rows={4} value={form.description} onChange={(e) => set("description", e.target.value)} />
        </Field>
        <Field id="chg-impact" label="業務への影響" required error={f.impact}>
          <textarea id="chg-impact" rows={3} value={form.impact} onChange={(e) => set("impact", e.target.value)} />
        </Field>
        <Field id="chg-rollback" label="切り戻し手順" required error={f.rollback_plan}>
          <textarea id="chg-rollback" rows={3} value={form.rollback_plan} onChange={(e) => set("rollback_plan", e.target.value)} />
        </Field>
        {form.kind === "release" && (
          <Field id="chg-verification" label="テスト環境での確認" required error={f.test_verification}>
            <textarea id="chg-verification" rows={3} value={form.test_verification} onChange={(e) => set("test_verification", e.target.value)} />
          </Field>
        )}
        {form.kind === "data_patch" && (
          <Field id="chg-instruction" label="指示書番号" required error={f.instruction_ref}>
            <input id="chg-instruction" value={form.instruction_ref} onChange={(e) => set("instruction_ref", e.target.value)} />
          </Field>
        )}
        <div className="actions">
          <button type="button" className="btn" onClick={() => go({ name: "changes" })}>キャンセル</button>
          <button id="chg-submit" type="submit" className="btn primary" disabled={busy}>
            {busy ? "送信中…" : "承認を申請する"}
          </button>
        </div>
      </form>
    </div>
  );
}
