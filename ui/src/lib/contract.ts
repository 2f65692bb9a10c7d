// The contract data form: every field a text box; the dates as <input type="date"> values.
import type { AppError, ContractInfo, FieldError } from "../api/types";

export type ContractForm = Omit<ContractInfo, "signed_on" | "period_from" | "period_to"> & {
  signed_on: string; period_from: string; period_to: string;
};

export function contractToForm(c: ContractInfo): ContractForm {
  return { ...c, signed_on: c.signed_on ?? "" };
}

/** The form as ContractInfo, or the errors of dates left empty (the period is required). */
export function formToContract(f: ContractForm): { info: ContractInfo } | { error: AppError } {
  const errors: FieldError[] = [];
  if (!f.period_from) errors.push({ field: "period_from", label: "履行期間（開始）", message: "履行期間の開始日を入力してください。" });
  if (!f.period_to) errors.push({ field: "period_to", label: "履行期間（終了）", message: "履行期間の終了日を入力してください。" });
  if (errors.length > 0) return { error: { code: "validation", message: "入力内容を確認してください。", fields: errors } };
  return { info: { ...f, signed_on: f.signed_on || null } };
}
