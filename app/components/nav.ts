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
