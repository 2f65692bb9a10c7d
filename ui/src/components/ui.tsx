import type { ReactNode } from "react";
import type { AppError } from "../api/types";
import { bannerText } from "../lib/errors";
import { label } from "../lib/labels";
import { pageCount } from "../lib/paging";

export function ErrorBanner({ error }: { error: AppError | null }) {
  if (!error) return null;
  return (
    <div className="banner error" role="alert" id="error-banner" data-code={error.code}>
      {bannerText(error)}
    </div>
  );
}

export function Field(props: {
  id: string;
  label: string;
  required?: boolean;
  error?: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className={props.error ? "field has-error" : "field"}>
      <label htmlFor={props.id}>
        {props.label}
        {props.required && <span className="req">必須</span>}
      </label>
      {props.children}
      {props.hint && !props.error && <div className="hint">{props.hint}</div>}
      {props.error && (
        <div className="field-error" id={`${props.id}-error`} role="alert">
          {props.error}
        </div>
      )}
    </div>
  );
}

export function StatusBadge({ group, code }: { group: string; code: string }) {
  return <span className={`badge s-${code}`}>{label(group, code)}</span>;
}

export function Panel(props: { title: string; id?: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="panel" id={props.id}>
      <div className="panel-head">
        <h2>{props.title}</h2>
        {props.actions}
      </div>
      <div className="panel-body">{props.children}</div>
    </section>
  );
}

/** Kept text waiting for the connection, or a queued send that was refused. */
export function DraftBanner(props: { queued: boolean; refusal: string | null; text: string }) {
  if (props.queued) {
    return <div className="banner draft-banner" role="status" id="draft-banner">{props.text}</div>;
  }
  if (props.refusal) {
    return (
      <div className="banner error" role="alert" id="draft-refused">
        保存されていた入力内容を送信できませんでした：{props.refusal}
      </div>
    );
  }
  return null;
}

/** 前へ ・ n / N ページ ・ 次へ under a paged list; `id` names the page indicator (and its buttons). */
export function Pager(props: { id: string; page: number; total: number; perPage: number; onPage: (page: number) => void }) {
  const pages = pageCount(props.total, props.perPage);
  return (
    <div className="pager">
      <button className="btn" id={`${props.id}-prev`} disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}>前へ</button>
      <span id={props.id}>{props.page} / {pages} ページ</span>
      <button className="btn" id={`${props.id}-next`} disabled={props.page >= pages} onClick={() => props.onPage(props.page + 1)}>次へ</button>
    </div>
  );
}
