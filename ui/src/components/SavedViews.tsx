import { useEffect, useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import type { AppError, ListName, SavedView } from "../api/types";
import { ErrorBanner } from "./ui";

/**
 * A list's saved filters: pick one to apply it, save the filters on screen under a name,
 * delete the one picked. They live on the server under the person's own account, so they
 * follow the person to any terminal and nothing stays on this one.
 */
export function SavedViews<F extends object>(props: {
  list: ListName;
  /** The filters on screen: what 「この条件を保存」 keeps. */
  current: F;
  /** Applies a saved view's filters (the screen fills in what an older view lacks). */
  onApply: (filters: Partial<F>) => void;
}) {
  const { list, current, onApply } = props;
  const [views, setViews] = useState<SavedView[]>([]);
  const [picked, setPicked] = useState("");
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const reload = () => api.savedViews(list).then(setViews).catch(setError);
  useEffect(() => {
    void reload();
  }, [list]);

  function apply(id: string) {
    setPicked(id);
    setSaved(null);
    const view = views.find((v) => String(v.id) === id);
    if (view) onApply(JSON.parse(view.filters) as Partial<F>);
  }
  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const id = await api.saveView({ list, name, filters: current as Record<string, unknown> });
      await reload();
      setPicked(String(id));
      setSaved(`「${name.trim()}」として保存しました。`);
      setNaming(false);
      setName("");
    } catch (err) {
      setError(err as AppError);
    }
  }
  async function remove() {
    const view = views.find((v) => String(v.id) === picked);
    if (!view) return;
    setError(null);
    try {
      await api.deleteSavedView(view.id);
      setPicked("");
      setSaved(`「${view.name}」を削除しました。`);
      await reload();
    } catch (err) {
      setError(err as AppError);
    }
  }

  return (
    <div className="saved-views">
      <label>
        保存した条件
        <select id="saved-view" value={picked} onChange={(e) => apply(e.target.value)}>
          <option value="">（選択）</option>
          {views.map((v) => <option key={v.id} value={String(v.id)}>{v.name}</option>)}
        </select>
      </label>
      {picked && (
        <button id="saved-view-delete" className="btn link" type="button" onClick={() => void remove()}>
          この条件を削除
        </button>
      )}
      {!naming && (
        <button id="saved-view-new" className="btn link" type="button" onClick={() => setNaming(true)}>
          今の条件を保存…
        </button>
      )}
      {naming && (
        <form className="saved-view-form" onSubmit={(e) => void save(e)} aria-label="条件の保存">
          <label htmlFor="saved-view-name">条件の名前</label>
          <input id="saved-view-name" value={name} maxLength={40} autoFocus onChange={(e) => setName(e.target.value)} />
          <button id="saved-view-save" className="btn small primary" type="submit">保存</button>
          <button className="btn link" type="button" onClick={() => setNaming(false)}>やめる</button>
        </form>
      )}
      {saved && <span className="muted" role="status" id="saved-view-status">{saved}</span>}
      <ErrorBanner error={error} />
    </div>
  );
}
