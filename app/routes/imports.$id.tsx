import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { importBatchHref, importPageHref } from "~/components/links";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db/client.server";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { IMPORT_ROW_STATUSES, type ImportRowStatus } from "~/models/enums";
import { isDomainError } from "~/models/errors";
import { applyImport, discardImport, getImportBatch, listBatchRows, type BatchRow } from "~/models/imports/batches.server";
import { importHandler } from "~/models/imports/registry.server";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { readForm } from "~/utils/form.server";
import { requireId } from "~/utils/http.server";
import { encodeMessage, translateMessage } from "~/utils/messages";
import { localizedTitle } from "~/utils/meta";
import { pageFromUrl } from "~/utils/pagination";
import { ConfirmButton } from "~/components/confirm-button";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "imports:batch.kind");

const PAGE_SIZE = 50;

function statusParam(url: URL): ImportRowStatus | null {
  const value = url.searchParams.get("status");
  return (IMPORT_ROW_STATUSES as readonly string[]).includes(value ?? "") ? (value as ImportRowStatus) : null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const url = new URL(request.url);
  const status = statusParam(url);
  const db = getDb();
  const batch = orRespond(() => getImportBatch(db, actor, id));
  const rows = listBatchRows(db, actor, id, status, pageFromUrl(url, PAGE_SIZE));
  return json({ batch, rows, status });
}

type ActionData = { error: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const intent = (await readForm(request)).get("intent");
  const db = getDb();
  const batch = orRespond(() => getImportBatch(db, actor, id));
  try {
    if (intent === "discard") {
      discardImport(db, actor, id);
      return redirect(importPageHref(batch.kind, batch.options));
    }
    if (intent === "confirm") {
      const handler = importHandler(batch.kind);
      if (!handler) throw new Response("Not Found", { status: 404 });
      await applyImport(db, handler, actor, id, todayInVietnam());
      return redirect(importBatchHref(id));
    }
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return json<ActionData>({ error: encodeMessage(error.message, error.params) }, { status: error.status });
  }
  return json<ActionData>({ error: "common:errors.badRequestBody" }, { status: 400 });
}

export default function ImportBatchPage() {
  const { batch, rows, status } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation(["imports", "enums"]);
  const locale = useLocale();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const n = (value: number) => formatNumber(value, locale);
  const total = IMPORT_ROW_STATUSES.reduce((sum, s) => sum + batch.summary[s], 0);
  const writable = batch.summary.new + batch.summary.changed + batch.summary.retired;

  return (
    <div className="space-y-4">
      <header>
        <p className="text-sm text-slate-600">{t(`enums:importKind.${batch.kind}`)}</p>
        <h1 className="page-title break-all">{t("batch.title", { fileName: batch.fileName })}</h1>
        <p className="mt-1 text-sm font-medium" data-testid="batch-status">
          {batch.status === "applied"
            ? t("batch.status_applied", { date: formatDateTime(batch.appliedAt, locale) })
            : t(`batch.status_${batch.status}`)}
        </p>
        {batch.notes.length > 0 ? (
          <ul className="mt-1 text-sm text-slate-600">
            {batch.notes.map((note) => (
              <li key={note}>{translateMessage(t, note)}</li>
            ))}
          </ul>
        ) : null}
        {batch.durationMs !== null ? <p className="text-xs text-slate-500">{t("batch.duration", { ms: n(batch.durationMs) })}</p> : null}
      </header>

      <nav aria-label={t("batch.all")} className="flex flex-wrap gap-2">
        <StatusLink label={t("batch.all")} count={total} active={status === null} to="" n={n} />
        {IMPORT_ROW_STATUSES.map((s) => (
          <StatusLink key={s} status={s} label={t(`enums:importRowStatus.${s}`)} count={batch.summary[s]} active={status === s} to={`?status=${s}`} n={n} />
        ))}
      </nav>

      {batch.status === "preview" ? (
        <Form method="post" className="card flex flex-wrap items-center gap-3">
          <button type="submit" name="intent" value="confirm" className="btn" disabled={busy || writable === 0}>
            {busy ? t("batch.confirming") : t("batch.confirm")}
          </button>
          <ConfirmButton
            name="intent"
            value="discard"
            className="btn-secondary"
            disabled={busy}
            title={t("confirmations.discardTitle", { file: batch.fileName })}
            consequence={t("confirmations.discard")}
          >
            {t("batch.discard")}
          </ConfirmButton>
          <p className="text-sm text-slate-600">{t("batch.confirmHint")}</p>
          {data?.error ? (
            <p className="field-error w-full" role="alert" data-testid="batch-error">
              {translateMessage(t, data.error)}
            </p>
          ) : null}
        </Form>
      ) : batch.result ? (
        <section className="card" aria-labelledby="written">
          <h2 id="written" className="font-semibold">{t("batch.written")}</h2>
          <dl className="mt-2 grid grid-cols-2 gap-2 text-sm md:grid-cols-4" data-testid="batch-result">
            {Object.entries(batch.result).map(([key, value]) => (
              <div key={key}>
                <dt className="text-slate-600">{t(`writtenCounts.${key}`, { defaultValue: key })}</dt>
                <dd className="font-semibold">{n(value)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}

      <p className="flex flex-wrap items-center gap-3 text-sm">
        <span>{t("batch.download")}:</span>
        <a className="link" href={`/imports/${batch.id}/report.csv`} download>{t("batch.downloadCsv")}</a>
        <a className="link" href={`/imports/${batch.id}/report.xlsx`} download>{t("batch.downloadXlsx")}</a>
        <Link className="link ml-auto" to={importPageHref(batch.kind, batch.options)}>{t("batch.back")}</Link>
      </p>

      <section className="card">
        {rows.rows.length === 0 ? (
          <p className="text-sm text-slate-600">{total === 0 ? t("batch.noRows") : t("batch.none")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="table" data-testid="batch-rows">
              <thead>
                <tr>
                  <th scope="col">{t("batch.row")}</th>
                  <th scope="col">{t("batch.key")}</th>
                  <th scope="col">{t("batch.label")}</th>
                  <th scope="col">{t("batch.status")}</th>
                  <th scope="col">{t("batch.changes")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.rows.map((row) => (
                  <RowLine key={row.rowNumber} row={row} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={rows.page} pageCount={rows.pageCount} total={rows.total} />
      </section>
    </div>
  );
}

const STATUS_STYLE: Record<ImportRowStatus, string> = {
  new: "bg-emerald-100 text-emerald-900",
  changed: "bg-amber-100 text-amber-900",
  unchanged: "bg-slate-100 text-slate-700",
  retired: "bg-violet-100 text-violet-900",
  conflict: "bg-orange-100 text-orange-900",
  refused: "bg-red-100 text-red-900",
};

function StatusLink({ label, count, active, to, n, status }: { label: string; count: number; active: boolean; to: string; n: (v: number) => string; status?: ImportRowStatus }) {
  return (
    <Link
      to={to || "."}
      aria-current={active ? "page" : undefined}
      data-testid={status ? `count-${status}` : "count-all"}
      data-count={count}
      className={`rounded-full border px-3 py-1 text-sm ${active ? "border-teal-700 bg-teal-700 text-white" : `border-slate-300 ${status ? STATUS_STYLE[status] : "bg-white"}`}`}
    >
      {label}: <strong>{n(count)}</strong>
    </Link>
  );
}

function RowLine({ row }: { row: BatchRow }) {
  const { t } = useTranslation(["imports", "enums"]);
  const blank = t("batch.blank");
  return (
    <tr data-status={row.status}>
      <td className="whitespace-nowrap">{row.rowNumber > 0 ? row.rowNumber : t("batch.retiredRow")}</td>
      <td className="whitespace-nowrap font-mono text-sm">{row.key}</td>
      <td className="min-w-[12rem]">
        {row.label}
        {row.resolved ? <p className="text-xs text-slate-600">{t("batch.resolved")}: {row.resolved}</p> : null}
      </td>
      <td>
        <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[row.status]}`}>{t(`enums:importRowStatus.${row.status}`)}</span>
      </td>
      <td className="min-w-[14rem] text-sm">
        {row.changes?.map((c, i) => (
          <p key={i}>
            <span className="text-slate-600">{t(`fields.${c.field}`, { defaultValue: c.field })}:</span>{" "}
            <del className="text-red-800">{c.before ?? blank}</del> → <ins className="text-emerald-800 no-underline">{c.after ?? blank}</ins>
          </p>
        ))}
        {row.messages?.map((m, i) => (
          <p key={`m${i}`} className={row.status === "refused" || row.status === "conflict" ? "text-red-800" : "text-slate-700"}>
            {translateMessage(t, m)}
          </p>
        ))}
      </td>
    </tr>
  );
}
