// Front-end rules of the 納品物 screen: progress as a share, the disc selection as sent, and
// the file names the save dialog proposes.
import type { DiscMedia, DiscSelection, FieldError, FormKind, Progress } from "../api/types";

export const FORM_LABELS: Record<FormKind, string> = {
  schedule: "工程表",
  start_notice: "委託業務着手届",
  responsible_person: "業務責任者届",
  completion_notice: "委託業務完了通知書",
};
export const FORM_KINDS = Object.keys(FORM_LABELS) as FormKind[];

/**
 * What the minutes picker says about a meeting whose minutes the city has not approved: the
 * PDF is a draft marked 「案」 on every page, and the delivery disc takes approved minutes only.
 * null for approved minutes.
 */
export function minutesDraftNotice(status: string): string | null {
  if (status === "approved") return null;
  return "本市の承認前の議事録です。各ページに「案」と表示されます。納品用ディスクには承認済の議事録だけが収録されます。";
}

/** 0–100, or null before the first report. Never above 100 or below 0. */
export function progressPercent(p: Progress | null): number | null {
  if (!p || p.total <= 0) return null;
  return Math.max(0, Math.min(100, Math.round((p.done / p.total) * 100)));
}

export interface DiscForm {
  minutes: "none" | "all_approved" | "period";
  minutesFrom: string;
  minutesTo: string;
  register: boolean;
  plan: boolean;
  forms: FormKind[];
  reportsFiscalYear: number | null;
  media: DiscMedia;
  checkedBy: string;
  /** datetime-local text in Japan time; empty is "now". */
  checkedAt: string;
  product: string;
  patternVersion: string;
}

/** Field errors the window can show before asking the app (the app checks again). */
export function discFormErrors(f: DiscForm): FieldError[] {
  const errors: FieldError[] = [];
  const need = (field: string, label: string, value: string) => {
    if (!value.trim()) errors.push({ field, label, message: `${label}を入力してください。` });
  };
  need("checked_by", "実施者", f.checkedBy);
  need("product", "使用ソフトウェア", f.product);
  need("pattern_version", "パターンファイルのバージョン", f.patternVersion);
  if (f.minutes === "period") {
    if (!f.minutesFrom || !f.minutesTo) {
      errors.push({ field: "minutes_period", label: "議事録の期間", message: "議事録の期間を入力してください。" });
    } else if (f.minutesFrom > f.minutesTo) {
      errors.push({ field: "minutes_period", label: "議事録の期間", message: "期間の開始が終了より後になっています。" });
    }
  }
  const nothing = f.minutes === "none" && !f.register && !f.plan && f.forms.length === 0 && f.reportsFiscalYear === null;
  if (nothing) errors.push({ field: "include", label: "収録する納品物", message: "収録する納品物を選んでください。" });
  return errors;
}

/** The selection as the app takes it. `checkedAt` is Japan time (UTC+9, no daylight saving). */
export function discSelection(f: DiscForm): DiscSelection {
  return {
    minutes:
      f.minutes === "period" ? { kind: "period", from: f.minutesFrom, to: f.minutesTo } : { kind: f.minutes },
    register: f.register,
    plan: f.plan,
    forms: FORM_KINDS.filter((k) => f.forms.includes(k)),
    reports_fiscal_year: f.reportsFiscalYear,
    media: f.media,
    malware_check: {
      checked_by: f.checkedBy.trim(),
      checked_at: f.checkedAt ? new Date(`${f.checkedAt}:00+09:00`).toISOString() : null,
      product: f.product.trim(),
      pattern_version: f.patternVersion.trim(),
    },
  };
}
