import { useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import type { SearchKind, Session } from "../api/types";
import { ErrorBanner, Pager } from "../components/ui";
import { EMPTY_SEARCH, KIND_LABELS, SEARCH_PER_PAGE, monthEcho, searchQuery, totalText, viewOf } from "../lib/search";
import type { SearchForm } from "../lib/search";
import { useLoaded } from "../lib/useLoaded";
import { shortDate } from "../lib/wareki";
import type { Go } from "../nav";
import "../records.css";
import "../search.css";
import { opener } from "../lib/lists";

const ALL_KINDS: SearchKind[] = ["request", "register", "incident", "meeting"];

/** ナレッジ検索: requests, the register, incidents and meetings; `#813` opens request 813. */
export function SearchScreen({ go, session }: { go: Go; session: Session }) {
  const [form, setForm] = useState<SearchForm>(EMPTY_SEARCH);
  const [applied, setApplied] = useState<SearchForm | null>(null);
  const [page, setPage] = useState(1);
  // Staff see their office's requests only; the other kinds are not offered to them.
  const kinds = session.actor.role === "staff" ? (["request"] as SearchKind[]) : ALL_KINDS;

  const { data, error } = useLoaded(
    () => (applied ? api.search(searchQuery(applied, page)) : Promise.resolve(null)),
    [applied, page],
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    setPage(1);
    setApplied(form);
  }

  function toggle(kind: SearchKind) {
    const on = form.kinds.includes(kind);
    setForm({ ...form, kinds: on ? form.kinds.filter((k) => k !== kind) : [...form.kinds, kind] });
  }

  return (
    <div className="page" id="search">
      <div className="page-head">
        <h1 className="page-title">ナレッジ検索</h1>
      </div>
      <form className="filters" onSubmit={submit} aria-label="検索条件">
        <label className="grow">検索語
          <input id="search-text" type="search" value={form.text} autoFocus
            placeholder="例: 返戻 再請求、ERROR 0x1F、#813（依頼番号で開く）"
            onChange={(e) => setForm({ ...form, text: e.target.value })} />
        </label>
        {kinds.length > 1 && (
          <fieldset className="inline" id="search-kinds">
            <legend>種類</legend>
            {kinds.map((k) => (
              <label key={k}>
                <input type="checkbox" data-kind={k} checked={form.kinds.includes(k)} onChange={() => toggle(k)} />
                {KIND_LABELS[k]}
              </label>
            ))}
          </fieldset>
        )}
        <label>期間（から）
          <MonthBox id="search-from" value={form.from} onChange={(from) => setForm({ ...form, from })} />
        </label>
        <label>（まで）
          <MonthBox id="search-to" value={form.to} onChange={(to) => setForm({ ...form, to })} />
        </label>
        <button id="search-submit" className="btn primary" type="submit">検索</button>
      </form>
      <ErrorBanner error={error} />
      {data?.jump && (
        <div className="banner info" id="search-jump">
          {KIND_LABELS[data.jump.kind]} #{data.jump.item_id}「{data.jump.title}」
          <button className="btn small primary" id="search-jump-open" onClick={() => data.jump && go(viewOf(data.jump))}>
            開く
          </button>
        </div>
      )}
      {data && (
        <div className="list-meta" id="search-total">
          {totalText(data.total, data.total_exact)}（新しい順）
        </div>
      )}
      <ol className="search-hits" id="search-hits">
        {data?.hits.map((h) => (
          <li key={`${h.kind}-${h.item_id}`} className="clickable" data-kind={h.kind} data-id={h.item_id}
            {...opener(() => go(viewOf(h)))}>
            <div className="hit-head">
              <span className="tag">{KIND_LABELS[h.kind]}</span>
              <a href="#" tabIndex={-1} onClick={(e) => e.preventDefault()}>#{h.item_id} {h.title}</a>
              <span className="muted nowrap">{shortDate(h.at)}</span>
            </div>
            <div className="hit-passage">
              {h.snippet.before}<mark>{h.snippet.hit}</mark>{h.snippet.after}
            </div>
          </li>
        ))}
        {data && data.hits.length === 0 && <li className="empty">該当する記録はありません。</li>}
      </ol>
      {data && data.total > 0 && (
        <Pager id="search-page" page={page} total={data.total} perPage={SEARCH_PER_PAGE} onPage={setPage} />
      )}
    </div>
  );
}

/**
 * A month typed in 和暦 or 西暦 (WebKit's month field offers only a 西暦 placeholder in English),
 * with the 和暦 it was read as, or how to write one, beneath.
 */
function MonthBox({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  const echo = monthEcho(value);
  return (
    <>
      <input id={id} type="text" inputMode="text" value={value} placeholder="例: R8.4" size={10}
        aria-describedby={`${id}-echo`} aria-invalid={echo?.ok === false}
        onChange={(e) => onChange(e.target.value)} />
      <span className={echo?.ok === false ? "date-echo warn" : "date-echo"} id={`${id}-echo`} aria-live="polite">
        {echo?.text ?? "\u00a0"}
      </span>
    </>
  );
}
