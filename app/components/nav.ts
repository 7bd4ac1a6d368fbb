// The product's areas, in menu order: one list feeds the desktop and the phone menus.
export const NAV_ITEMS = [
  { to: "/", key: "home" },
  { to: "/agreements", key: "agreements" },
  { to: "/network", key: "network" },
  { to: "/staff", key: "staff" },
  { to: "/rotations", key: "rotations" },
  { to: "/courses", key: "courses" },
  { to: "/adoption", key: "adoption" },
  { to: "/reports", key: "reports" },
  { to: "/targets", key: "targets" },
  { to: "/facilities", key: "facilities" },
  { to: "/techniques", key: "techniques" },
  { to: "/admin", key: "admin" },
] as const;

export type NavKey = (typeof NAV_ITEMS)[number]["key"];

/** What each role finds first on the overview page: its own dashboard and daily pages. */
export const ROLE_SHORTCUTS = {
  admin: ["/admin", "/department", "/agreements", "/reports"],
  department: ["/department", "/adoption/requests", "/reports", "/targets"],
  director: ["/director", "/agreements", "/staff", "/adoption"],
  trainer: ["/rotations/board", "/courses", "/rotations/suggestions", "/credits"],
  viewer: ["/facilities", "/agreements", "/courses", "/techniques"],
} as const;

export const SHORTCUT_KEYS: Record<string, string> = {
  "/admin": "admin",
  "/department": "department",
  "/director": "director",
  "/agreements": "agreements",
  "/reports": "reports",
  "/adoption/requests": "requests",
  "/adoption": "adoption",
  "/targets": "targets",
  "/staff": "staff",
  "/rotations/board": "board",
  "/courses": "courses",
  "/rotations/suggestions": "suggestions",
  "/credits": "credits",
  "/facilities": "facilities",
  "/techniques": "techniques",
};
