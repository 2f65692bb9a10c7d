// A question the person must answer before anything happens (a bulk export, unsent drafts at
// log-out): a modal <dialog>, so focus stays inside it, Esc answers the safe choice, and the
// answer comes back as a promise to the code that asked.
import { useEffect, useRef } from "react";
import { createRoot } from "react-dom/client";

export interface Choice<T extends string> { value: T; label: string; primary?: boolean; danger?: boolean }

export interface Question<T extends string> {
  title: string;
  message: string;
  choices: Choice<T>[];
  /** What Esc or closing the dialog answers: always the choice that changes nothing. */
  cancel: T;
}

export function ask<T extends string>(question: Question<T>): Promise<T> {
  const host = document.createElement("div");
  document.body.appendChild(host);
  const root = createRoot(host);
  return new Promise<T>((resolve) => {
    const answer = (value: T) => {
      root.unmount();
      host.remove();
      resolve(value);
    };
    root.render(<AskDialog question={question} answer={answer} />);
  });
}

function AskDialog<T extends string>({ question, answer }: { question: Question<T>; answer: (v: T) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    dialog.showModal();
    // The choice that changes nothing has the focus: Enter on a reflex does no harm.
    dialog.querySelector<HTMLButtonElement>(`#ask-${question.cancel}`)?.focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      answer(question.cancel);
    };
    dialog.addEventListener("cancel", onCancel);
    return () => dialog.removeEventListener("cancel", onCancel);
  }, [answer, question.cancel]);
  return (
    <dialog ref={ref} className="ask" id="ask-dialog" aria-labelledby="ask-title" aria-describedby="ask-message">
      <h2 id="ask-title">{question.title}</h2>
      <p id="ask-message">{question.message}</p>
      <div className="ask-actions">
        {question.choices.map((c) => (
          <button key={c.value} id={`ask-${c.value}`}
            className={c.danger ? "btn danger" : c.primary ? "btn primary" : "btn"} onClick={() => answer(c.value)}>
            {c.label}
          </button>
        ))}
      </div>
    </dialog>
  );
}

/** The bulk-export question (its text names the count); true when the person says yes. */
export async function confirmBulk(message: string): Promise<boolean> {
  const yes = await ask({
    title: "一括出力の確認",
    message,
    choices: [
      { value: "export", label: "書き出す", primary: true },
      { value: "cancel", label: "やめる" },
    ],
    cancel: "cancel",
  });
  return yes === "export";
}
