import { useEffect, useState } from "react";
import { api } from "../api/client";
import type { SearchHit } from "../api/types";
import type { Go } from "../nav";
import "../search.css";

/** Waits this long after the last key before asking (one question per pause, not per key). */
const PAUSE_MS = 600;

/**
 * Answered requests like the one being typed, offered under the form so an answer may be found
 * before filing. Quiet when there is nothing to offer or the question fails.
 */
export function SimilarRequests({ title, body, go }: { title: string; body: string; go: Go }) {
  const [hits, setHits] = useState<SearchHit[]>([]);
  useEffect(() => {
    if (title.trim().length < 3) {
      setHits([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api.similarRequests(title, body)
        .then((h) => { if (current) setHits(h); })
        .catch(() => { if (current) setHits([]); });
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [title, body]);
  if (hits.length === 0) return null;
  return (
    <div className="banner info similar" id="similar-requests" role="status">
      似た依頼への回答があります。起票の前にご確認ください。
      <ul>
        {hits.map((h) => (
          <li key={h.item_id}>
            <a href="#" data-request-id={h.item_id}
              onClick={(e) => { e.preventDefault(); go({ name: "request", id: h.item_id }); }}>
              #{h.item_id} {h.title}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
