"use client";

import { useRouter } from "next/navigation";
import { createContext, type ReactNode, useContext, useId, useState, useTransition } from "react";

type Result =
  | { ok: true; data: unknown }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };

type Ctx = { errors: Record<string, string[]>; pending: boolean };
const FormCtx = createContext<Ctx>({ errors: {}, pending: false });

/**
 * A form bound to a server action: sends the fields as an object, shows field errors beside their
 * inputs and a form-level message, keeps the button busy while pending, then follows
 * `data.redirectTo` or refreshes the page's server data.
 */
export function ActionForm({
  action,
  hidden,
  children,
  submitLabel,
  pendingLabel,
  variant = "primary",
  confirm,
  resetOnSuccess = false,
  onSuccess,
  className,
}: {
  action: (raw: unknown) => Promise<Result>;
  hidden?: Record<string, string>;
  children?: ReactNode;
  submitLabel: string;
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger" | "quiet";
  confirm?: string;
  resetOnSuccess?: boolean;
  /** Called after a success (a dialog closes itself here). */
  onSuccess?: () => void;
  className?: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const messageId = useId();

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (confirm && !window.confirm(confirm)) return;
    const form = e.currentTarget;
    const values: Record<string, string> = { ...hidden };
    for (const [k, v] of new FormData(form).entries()) if (typeof v === "string") values[k] = v;
    startTransition(async () => {
      const result = await action(values);
      if (!result) return; // the action redirected
      if (result.ok) {
        setErrors({});
        setMessage(null);
        const said = (result.data as { message?: unknown } | null)?.message;
        setNotice(typeof said === "string" ? said : null);
        if (resetOnSuccess) form.reset();
        onSuccess?.();
        const to = (result.data as { redirectTo?: string } | null)?.redirectTo;
        if (to) router.push(to);
        else router.refresh();
      } else {
        setNotice(null);
        setErrors(result.fieldErrors ?? {});
        setMessage(result.fieldErrors ? (result.fieldErrors._form?.[0] ?? result.message) : result.message);
      }
    });
  }

  return (
    <FormCtx.Provider value={{ errors, pending }}>
      <form
        onSubmit={onSubmit}
        className={className ?? "space-y-4"}
        aria-describedby={message ? messageId : undefined}
        noValidate
      >
        {children}
        {message && (
          <p id={messageId} role="alert" className="text-sm text-red-700 dark:text-red-400">
            {message}
          </p>
        )}
        {notice && (
          <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
            {notice}
          </p>
        )}
        <Submit variant={variant} pending={pending} label={submitLabel} pendingLabel={pendingLabel} />
      </form>
    </FormCtx.Provider>
  );
}

const variants = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-700 disabled:bg-indigo-400",
  secondary:
    "border border-zinc-300 bg-white text-zinc-900 hover:bg-zinc-50 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800",
  danger:
    "border border-red-300 bg-white text-red-700 hover:bg-red-50 dark:border-red-800 dark:bg-zinc-900 dark:text-red-400",
  /** A small text button for a per-row setting beside other content (never the page's main action). */
  quiet:
    "!px-0 !py-0 !text-xs text-indigo-700 underline underline-offset-2 hover:text-indigo-900 disabled:text-zinc-400 dark:text-indigo-300",
};

function Submit({
  variant,
  pending,
  label,
  pendingLabel,
}: {
  variant: keyof typeof variants;
  pending: boolean;
  label: string;
  pendingLabel?: string;
}) {
  return (
    <button
      type="submit"
      disabled={pending}
      aria-busy={pending}
      className={`rounded-md px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${variants[variant]}`}
    >
      {pending ? (pendingLabel ?? `${label}…`) : label}
    </button>
  );
}

const inputClass =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 shadow-sm focus:border-indigo-500 focus:outline-2 focus:outline-indigo-500 aria-invalid:border-red-500 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100";

/** A labelled input or select whose errors come from the enclosing ActionForm. */
export function Field({
  name,
  label,
  hint,
  type = "text",
  defaultValue,
  options,
  required,
  autoComplete,
  onChange,
}: {
  name: string;
  label: string;
  hint?: string;
  type?: "text" | "email" | "select" | "checkbox" | "date";
  defaultValue?: string | boolean;
  options?: readonly { value: string; label: string }[];
  required?: boolean;
  autoComplete?: string;
  /** For a select whose choice changes the rest of the form. */
  onChange?: (value: string) => void;
}) {
  const { errors } = useContext(FormCtx);
  const id = useId();
  const err = errors[name];
  const describedBy =
    [hint ? `${id}-hint` : null, err ? `${id}-err` : null].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name,
    "aria-invalid": err ? true : undefined,
    "aria-describedby": describedBy,
    required,
  };

  if (type === "checkbox") {
    return (
      <div className="flex items-start gap-2">
        <input
          type="checkbox"
          {...common}
          defaultChecked={Boolean(defaultValue)}
          className="mt-1 h-4 w-4 rounded border-zinc-300 focus-visible:outline-2 focus-visible:outline-indigo-600"
        />
        <div>
          <label htmlFor={id} className="text-sm font-medium">
            {label}
          </label>
          {hint && (
            <p id={`${id}-hint`} className="text-sm text-zinc-600 dark:text-zinc-400">
              {hint}
            </p>
          )}
        </div>
      </div>
    );
  }
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {type === "select" ? (
        <select
          {...common}
          defaultValue={defaultValue as string | undefined}
          onChange={onChange ? (e) => onChange(e.target.value) : undefined}
          className={inputClass}
        >
          {options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          type={type}
          {...common}
          defaultValue={defaultValue as string | undefined}
          autoComplete={autoComplete}
          className={inputClass}
        />
      )}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {hint}
        </p>
      )}
      {err && (
        <p id={`${id}-err`} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {err.join(" ")}
        </p>
      )}
    </div>
  );
}
