import { useState } from "react";
import { api } from "../api/client";
import type { AppError, MeetingAttachmentMeta } from "../api/types";
import { Panel } from "../components/ui";
import { fieldMessages } from "../lib/errors";
import { sizeText } from "../lib/fileSize";
import { warekiDateTime } from "../lib/wareki";

/**
 * 配布資料 kept as files: listed with their size, each saved through the shell's save dialog;
 * added (picked in the shell's open dialog) while the meeting may be edited. The minutes list
 * them and the delivery disc carries them beside the minutes.
 */
export function MeetingHandouts(props: {
  meetingId: number; files: MeetingAttachmentMeta[]; canAdd: boolean; onAdded: () => void;
}) {
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [savedTo, setSavedTo] = useState<string | null>(null);

  async function add() {
    setBusy(true);
    try {
      const picked = await api.pickAttachment();
      if (picked) {
        await api.attachToMeeting(props.meetingId, picked);
        props.onAdded();
      }
      setError(null);
    } catch (e) {
      setError(e as AppError);
    } finally {
      setBusy(false);
    }
  }

  async function save(id: number) {
    try {
      const file = await api.saveMeetingAttachment(id);
      if (file) setSavedTo(file.path);
      setError(null);
    } catch (e) {
      setError(e as AppError);
    }
  }

  const f = fieldMessages(error);
  const message = error && ([f.file_name, f.file].filter(Boolean).join(" ") || error.message);
  return (
    <Panel title="配布資料（ファイル）" id="meeting-handouts"
      actions={props.canAdd && (
        <button className="btn small" id="handout-add" disabled={busy} onClick={() => void add()}>追加…</button>
      )}>
      {props.canAdd && (
        <p className="small muted">PDF、Office 文書（マクロなし）、OpenDocument、画像など。1件10MBまで。議事録に一覧が載り、納品媒体では議事録の隣に収録されます。</p>
      )}
      {message && <div className="field-error" role="alert" id="handout-error">{message}</div>}
      {savedTo && <p className="saved" role="status" id="handout-saved">保存しました。保存先：<span className="mono">{savedTo}</span></p>}
      {props.files.length === 0 ? (
        <p className="muted">ファイルはありません。</p>
      ) : (
        <ul className="files">
          {props.files.map((a) => (
            <li key={a.id} data-handout={a.file_name}>
              <button className="btn link" onClick={() => void save(a.id)}>{a.file_name}</button>
              <span className="muted small">{sizeText(a.size)}・{a.uploaded_by_name}（{warekiDateTime(a.created_at)}）</span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
