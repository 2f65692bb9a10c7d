import { useEffect, useState } from "react";
import type { AppError } from "../api/types";

/**
 * Loads what `load` returns whenever `deps` change. An answer that arrives after the next load
 * started (a slow page overtaken by a quick click on 次へ) is dropped, so the screen never shows
 * an older query's rows under newer filters.
 */
export function useLoaded<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: AppError | null } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    let live = true;
    load()
      .then((d) => {
        if (live) {
          setData(d);
          setError(null);
        }
      })
      .catch((e: AppError) => live && setError(e));
    return () => {
      live = false;
    };
    // `load` is a fresh closure on every render; `deps` say when it asks for something new.
  }, deps);
  return { data, error };
}
