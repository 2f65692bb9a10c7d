import type { AppError } from "../api/types";

/** Field errors keyed by field name (several messages per field joined). */
export function fieldMessages(e: AppError | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of e?.fields ?? []) {
    out[f.field] = out[f.field] ? `${out[f.field]} ${f.message}` : f.message;
  }
  return out;
}

/** The banner text for an error; for validation errors a short lead (details sit at the fields). */
export function bannerText(e: AppError): string {
  if (e.code === "validation" && (e.fields?.length ?? 0) > 0) {
    return `入力内容に誤りがあります（${e.fields!.length}件）。次の項目を確認してください。`;
  }
  if (e.code === "unavailable") {
    return "データベースに接続できません。しばらくしてから、もう一度お試しください。";
  }
  return e.message;
}
