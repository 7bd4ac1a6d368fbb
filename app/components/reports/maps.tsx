// Schematic maps of a report figure as static SVG (no map server): a tile per province or per
// facility, coloured by class, each a link with a <title> naming it and its value.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import {
  colourFor,
  facilitySchematic,
  MAP_EMPTY_COLOUR,
  PROVINCE_TILES,
  textColourFor,
  type MapClass,
  type MapFacility,
} from "~/models/reports/map-layout";

type Format = (n: number) => string;

function Legend({ classes, format, title }: { classes: MapClass[]; format: Format; title: string }) {
  const { t } = useTranslation("reports");
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3 text-xs text-slate-700" data-testid="map-legend">
      <span className="font-medium">{title}</span>
      <span className="flex items-center gap-1">
        <svg width="14" height="14" aria-hidden="true">
          <rect width="14" height="14" fill={MAP_EMPTY_COLOUR} stroke="#94a3b8" />
        </svg>
        {t("map.none")}
      </span>
      {classes.map((c) => (
        <span key={c.index} className="flex items-center gap-1">
          <svg width="14" height="14" aria-hidden="true">
            <rect width="14" height="14" fill={c.colour} stroke="#94a3b8" />
          </svg>
          {c.from === c.to ? format(c.from) : `${format(c.from)}–${format(c.to)}`}
        </span>
      ))}
    </div>
  );
}

/** Splits a name into at most two lines of about `width` characters. */
function twoLines(name: string, width: number): string[] {
  if (name.length <= width) return [name];
  const words = name.split(" ");
  let first = "";
  while (words.length > 0 && (first + " " + words[0]).trim().length <= width) first = (first + " " + words.shift()).trim();
  if (!first) first = words.shift() ?? "";
  const second = words.join(" ");
  return [first, second.length > width ? `${second.slice(0, width - 1)}…` : second].filter(Boolean);
}

const TILE = 76;
const GAP = 4;

/** The 34 provinces, north to south, each linking to its report. */
export function ProvinceTileMap({
  title,
  provinces,
  values,
  classes,
  hrefOf,
  format,
  legendTitle,
}: {
  title: string;
  provinces: { code: string; name: string }[];
  values: Record<string, number>;
  classes: MapClass[];
  hrefOf: (code: string) => string;
  format: Format;
  legendTitle: string;
}) {
  const placed = provinces.filter((p) => PROVINCE_TILES[p.code]);
  const cols = Math.max(...Object.values(PROVINCE_TILES).map((t) => t.col)) + 1;
  const rows = Math.max(...Object.values(PROVINCE_TILES).map((t) => t.row)) + 1;
  const width = cols * (TILE + GAP);
  const height = rows * (TILE + GAP);
  return (
    <MapFrame testId="province-map" title={title} width={width} height={height} svgClassName="mx-auto block h-auto w-full max-w-md" legend={<Legend classes={classes} format={format} title={legendTitle} />}>
        {placed.map((p) => {
          const { col, row } = PROVINCE_TILES[p.code];
          const value = values[p.code] ?? 0;
          const fill = colourFor(value, classes);
          const lines = twoLines(p.name, 11);
          const x = col * (TILE + GAP);
          const y = row * (TILE + GAP);
          return (
            <a key={p.code} href={hrefOf(p.code)} data-testid="province-tile" data-code={p.code}>
              <title>{`${p.name}: ${format(value)}`}</title>
              <rect x={x} y={y} width={TILE} height={TILE} rx={6} fill={fill} stroke="#ffffff" strokeWidth={1.5} />
              <text x={x + TILE / 2} y={y + 26} textAnchor="middle" fontSize={11} fill={textColourFor(fill)}>
                {lines.map((line, i) => (
                  <tspan key={i} x={x + TILE / 2} dy={i === 0 ? 0 : 13}>
                    {line}
                  </tspan>
                ))}
              </text>
              <text x={x + TILE / 2} y={y + TILE - 10} textAnchor="middle" fontSize={13} fontWeight={700} fill={textColourFor(fill)}>
                {format(value)}
              </text>
            </a>
          );
        })}
    </MapFrame>
  );
}

/** A map's card: caption, the drawing (a group of links, one per tile) and its legend. */
function MapFrame({
  testId,
  title,
  width,
  height,
  svgClassName,
  legend,
  children,
}: {
  testId: string;
  title: string;
  width: number;
  height: number;
  svgClassName: string;
  legend: ReactNode;
  children: ReactNode;
}) {
  return (
    <figure className="card min-w-0" data-testid={testId}>
      <figcaption className="mb-2 font-semibold">{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} className={svgClassName} role="group" aria-label={title}>
        {children}
      </svg>
      {legend}
    </figure>
  );
}

const BOX_W = 150;
const BOX_H = 44;
const PER_ROW = 6;

/**
 * A province's facilities in line-direction groups: provincial hospitals on the first row,
 * then each regional centre above the commune stations it directs.
 */
export function FacilitySchematicMap({
  title,
  facilities,
  values,
  classes,
  hrefOf,
  format,
  legendTitle,
  otherLabel,
}: {
  title: string;
  facilities: MapFacility[];
  values: Record<string, number>;
  classes: MapClass[];
  hrefOf: (id: number) => string;
  format: Format;
  legendTitle: string;
  otherLabel: string;
}) {
  const { top, groups } = facilitySchematic(facilities);
  const colW = BOX_W + 10;
  const width = PER_ROW * colW;
  const topRows = Math.ceil(top.length / PER_ROW);
  const bands: (typeof groups)[] = [];
  for (let i = 0; i < groups.length; i += PER_ROW) bands.push(groups.slice(i, i + PER_ROW));
  const boxes: { f: MapFacility; x: number; y: number; head: boolean }[] = [];
  const labels: { text: string; x: number; y: number }[] = [];
  top.forEach((f, i) => boxes.push({ f, x: (i % PER_ROW) * colW, y: Math.floor(i / PER_ROW) * (BOX_H + 6), head: true }));
  let y = topRows * (BOX_H + 6) + 18;
  for (const band of bands) {
    const depth = Math.max(...band.map((g) => g.members.length + 1));
    band.forEach((g, c) => {
      const x = c * colW;
      if (g.head) boxes.push({ f: g.head, x, y, head: true });
      else labels.push({ text: otherLabel, x, y: y + BOX_H / 2 + 4 });
      g.members.forEach((m, i) => boxes.push({ f: m, x: x + 8, y: y + (i + 1) * (BOX_H + 4), head: false }));
    });
    y += depth * (BOX_H + 4) + 18;
  }
  const height = Math.max(y, BOX_H);
  return (
    <MapFrame testId="facility-map" title={title} width={width} height={height} svgClassName="block h-auto w-full" legend={<Legend classes={classes} format={format} title={legendTitle} />}>
        {labels.map((l) => (
          <text key={l.text + l.x + l.y} x={l.x + 4} y={l.y} fontSize={12} fill="#475569">
            {l.text}
          </text>
        ))}
        {boxes.map(({ f, x, y: by, head }) => {
          const value = values[String(f.id)] ?? 0;
          const fill = colourFor(value, classes);
          const w = head ? BOX_W : BOX_W - 8;
          return (
            <a key={f.id} href={hrefOf(f.id)} data-testid="facility-tile" data-id={f.id}>
              <title>{`${f.name}${f.level ? ` (${f.level})` : ""}: ${format(value)}`}</title>
              <rect x={x} y={by} width={w} height={BOX_H} rx={head ? 4 : 10} fill={fill} stroke={head ? "#334155" : "#ffffff"} strokeWidth={head ? 1.5 : 1} />
              <text x={x + 6} y={by + 17} fontSize={11} fill={textColourFor(fill)}>
                {f.shortName.length > 22 ? `${f.shortName.slice(0, 21)}…` : f.shortName}
              </text>
              <text x={x + 6} y={by + 35} fontSize={13} fontWeight={700} fill={textColourFor(fill)}>
                {format(value)}
              </text>
            </a>
          );
        })}
    </MapFrame>
  );
}
