// One page: 50 rows of the seeded database's techniques table (the size of one page of the
// planner's technique list), read on every request and rendered as a table.
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { firstTechniques } from "../techniques.server";

export function loader() {
  return json({ rows: firstTechniques() });
}

export default function Techniques() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <main>
      <h1>Techniques</h1>
      <table>
        <thead>
          <tr>
            <th>Code</th>
            <th>Name</th>
            <th>Chapter</th>
            <th>Level</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.code}>
              <td>{row.code}</td>
              <td>{row.name}</td>
              <td>{row.chapterNumber}</td>
              <td>{row.minLevel ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
