// Report charts (recharts), drawn in the browser only: recharts measures the page, so the
// server renders a placeholder of the same height and the numbers stay in the table below.
import { useEffect, useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ChartPoint = { period: string; official: number; all: number };

function useMounted() {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

type Props = { title: string; data: ChartPoint[]; labels: { official: string; all: string }; format: (n: number) => string };

export function CumulativeLineChart({ title, data, labels, format }: Props) {
  const mounted = useMounted();
  return (
    <figure className="card">
      <figcaption className="mb-2 font-semibold">{title}</figcaption>
      <div className="h-64" aria-hidden={!mounted}>
        {mounted ? (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
              <XAxis dataKey="period" />
              <YAxis tickFormatter={format} width={56} />
              <Tooltip formatter={(v: number) => format(v)} />
              <Legend />
              <Line type="monotone" dataKey="official" name={labels.official} stroke="#0f766e" strokeWidth={3} dot isAnimationActive={false} />
              <Line type="monotone" dataKey="all" name={labels.all} stroke="#94a3b8" strokeDasharray="5 4" isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        ) : null}
      </div>
    </figure>
  );
}

export function NewPerYearBarChart({ title, data, labels, format }: Props) {
  const mounted = useMounted();
  return (
    <figure className="card">
      <figcaption className="mb-2 font-semibold">{title}</figcaption>
      <div className="h-64" aria-hidden={!mounted}>
        {mounted ? (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
              <XAxis dataKey="period" />
              <YAxis tickFormatter={format} width={56} />
              <Tooltip formatter={(v: number) => format(v)} />
              <Legend />
              <Bar dataKey="official" name={labels.official} fill="#0f766e" isAnimationActive={false} />
              <Bar dataKey="all" name={labels.all} fill="#cbd5e1" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        ) : null}
      </div>
    </figure>
  );
}
