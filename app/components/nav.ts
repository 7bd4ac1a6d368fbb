// The product's areas, in menu order: one list feeds the desktop and the phone menus.
export const NAV_ITEMS = [
  { to: "/", key: "home" },
  { to: "/agreements", key: "agreements" },
  { to: "/network", key: "network" },
  { to: "/tele", key: "tele" },
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

/** The label key of each overview shortcut (the role table in the policy module lists a role's shortcuts). */
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
