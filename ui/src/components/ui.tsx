import { useLayoutEffect, useRef, useState } from "react";
import type { ReactNode } from "react";
import type { AppError, Urgency } from "../api/types";
import { bannerText } from "../lib/errors";
import { label } from "../lib/labels";
import { pageCount } from "../lib/paging";
import { ariaSort, toggled, type SortOrder } from "../lib/lists";
import { inputEcho } from "../lib/wareki";

export function ErrorBanner({ error }: { error: AppError | null }) {
  if (!error) return null;
  if (error.code === "validation" && (error.fields?.length ?? 0) > 0) return <ErrorSummary error={error} />;
  return (
    <div className="banner error" role="alert" id="error-banner" data-code={error.code}>
      {bannerText(error)}
    </div>
  );
}

interface SummaryItem { target: string | null; text: string }

/**
 * A refused form's error summary: every message shown at a field, in the order of the form,
 * each a link that moves focus to its field; focus moves to the summary when it appears.
 * Built from the messages the fields show, so it lists exactly what the form placed; a
 * message no field of the form shows is listed without a link.
 */
function ErrorSummary({ error }: { error: AppError }) {
  const box = useRef<HTMLDivElement>(null);
  const [items, setItems] = useState<SummaryItem[]>([]);
  useLayoutEffect(() => {
    const scope = box.current?.closest("form") ?? box.current?.closest(".page") ?? document.body;
    const placed = [...scope.querySelectorAll<HTMLElement>(".field-error[id$='-error']")].map((el) => {
      const target = el.id.slice(0, -"-error".length);
      const caption = scope.querySelector(`label[for="${target}"]`)?.firstChild?.textContent?.trim();
      return { target, text: caption ? `${caption}：${el.textContent ?? ""}` : el.textContent ?? "" };
    });
    const shown = new Set(placed.map((p) => p.text));
    const unplaced = (error.fields ?? [])
      .map((f) => ({ target: null, text: `${f.row ? `${f.row}行目 ` : ""}${f.label}：${f.message}` }))
      .filter((f) => placed.length === 0 || ![...shown].some((t) => t.endsWith(f.text.split("：")[1] ?? "")));
    setItems([...placed, ...unplaced]);
    box.current?.focus();
  }, [error]);
  return (
    <div className="banner error summary" role="alert" id="error-banner" data-code={error.code} tabIndex={-1} ref={box}>
      <strong>{bannerText(error)}</strong>
      <ul id="error-summary">
        {items.map((item, i) => (
          <li key={i}>
            {item.target ? (
              <a href={`#${item.target}`} onClick={(e) => {
                e.preventDefault();
                document.getElementById(item.target!)?.focus();
              }}>{item.text}</a>
            ) : item.text}
          </li>
        ))}
      </ul>
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

/** 至急・高 before a request's title; nothing for 通常. */
export function UrgencyMark({ urgency }: { urgency: Urgency }) {
  if (urgency === "normal") return null;
  return <span className={`badge u-${urgency}`}>{label("urgency", urgency)}</span>;
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

/**
 * A column header that sorts: a button inside the header cell, its state in `aria-sort`.
 * Clicking the sorted column turns it round.
 */
export function SortHeader<C extends string>(props: {
  column: C;
  order: SortOrder<C>;
  onSort: (order: SortOrder<C>) => void;
  children: ReactNode;
}) {
  const state = ariaSort(props.order, props.column);
  return (
    <th aria-sort={state}>
      <button type="button" className="sort" data-sort={props.column}
        onClick={() => props.onSort(toggled(props.order, props.column))}>
        {props.children}
        <span className="sort-mark" aria-hidden="true">{state === "ascending" ? "▲" : state === "descending" ? "▼" : "↕"}</span>
      </button>
    </th>
  );
}

/** The 和暦 under a date input, read out when it changes. */
export function DateEcho({ value, id }: { value: string; id?: string }) {
  const echo = inputEcho(value);
  return (
    <span className="date-echo" id={id} aria-live="polite">{echo ? `和暦：${echo}` : "\u00a0"}</span>
  );
}
