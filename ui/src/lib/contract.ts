// The contract data form: every field a text box; the dates as <input type="date"> values;
// the report addresses one a line.
import type { AppError, ContractInfo, FieldError } from "../api/types";

export type ContractForm = Omit<ContractInfo, "signed_on" | "period_from" | "period_to" | "report_recipients"> & {
  signed_on: string; period_from: string; period_to: string; report_recipients: string;
};

export function contractToForm(c: ContractInfo): ContractForm {
  return { ...c, signed_on: c.signed_on ?? "", report_recipients: c.report_recipients.join("\n") };
}

/** Lines of a text box, trimmed, blank ones left out. */
export function lines(text: string): string[] {
  return text.split("\n").map((l) => l.trim()).filter((l) => l !== "");
}

/** The form as ContractInfo, or the errors of dates left empty (the period is required). */
export function formToContract(f: ContractForm): { info: ContractInfo } | { error: AppError } {
  const errors: FieldError[] = [];
  if (!f.period_from) errors.push({ field: "period_from", label: "履行期間（開始）", message: "履行期間の開始日を入力してください。" });
  if (!f.period_to) errors.push({ field: "period_to", label: "履行期間（終了）", message: "履行期間の終了日を入力してください。" });
  if (errors.length > 0) return { error: { code: "validation", message: "入力内容を確認してください。", fields: errors } };
  return { info: { ...f, signed_on: f.signed_on || null, report_recipients: lines(f.report_recipients) } };
}
