// Demo accounts, one or more per role, created through the user model. They are marked
// `is_demo`: exempt from the second-factor requirement, and the server warns at start-up
// when one still has its demo password in production. The README lists this table.
import type { Db } from "~/db/client.server";
import type { Role } from "~/models/enums";
import { createUser } from "~/models/users/users.server";
import { FACILITY_CODES } from "./network";

export type DemoAccount = {
  username: string;
  /** For the demo only: change or deactivate these accounts on a real installation. */
  password: string;
  displayName: string;
  role: Role;
  /** Facility code (director, trainer, viewer) or province code (department). */
  facilityCode?: string;
  provinceCode?: string;
  /** Who this is, for the README. */
  description: string;
};

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: "admin",
    password: "QuanTri@2025",
    displayName: "Quản trị hệ thống",
    role: "admin",
    description: "Administrator (everything)",
  },
  {
    username: "syt.laocai",
    password: "SoYTe@LaoCai2025",
    displayName: "Hoàng Thị Mai",
    role: "department",
    provinceCode: "15",
    description: "Lào Cai health department officer (province 15)",
  },
  {
    username: "gd.laocai2",
    password: "GiamDoc@LaoCai2",
    displayName: "Trần Văn Thắng",
    role: "director",
    facilityCode: FACILITY_CODES.laoCai2,
    description: "Director, Bệnh viện Đa khoa tỉnh Lào Cai số 2",
  },
  {
    username: "daotao.laocai2",
    password: "DaoTao@LaoCai2",
    displayName: "Phạm Thị Lan",
    role: "trainer",
    facilityCode: FACILITY_CODES.laoCai2,
    description: "Trainer (line-direction office), Bệnh viện Đa khoa tỉnh Lào Cai số 2",
  },
  {
    username: "gd.laocai3",
    password: "GiamDoc@LaoCai3",
    displayName: "Hoàng Thị Mai",
    role: "director",
    facilityCode: FACILITY_CODES.laoCai3,
    description: "Director, Bệnh viện Đa khoa tỉnh Lào Cai số 3 (receiving side of 126/HĐ-BVĐK2)",
  },
  {
    username: "xem.laocai2",
    password: "NguoiXem@LaoCai2",
    displayName: "Lê Minh Đức",
    role: "viewer",
    facilityCode: FACILITY_CODES.laoCai2,
    description: "Viewer, Bệnh viện Đa khoa tỉnh Lào Cai số 2",
  },
  {
    username: "gd.bachmai",
    password: "GiamDoc@BachMai",
    displayName: "Nguyễn Quốc Hùng",
    role: "director",
    facilityCode: FACILITY_CODES.bachMai,
    description: "Director, Bệnh viện Bạch Mai (central)",
  },
  {
    username: "gd.bacninh",
    password: "GiamDoc@BacNinh",
    displayName: "Đỗ Văn Hải",
    role: "director",
    facilityCode: FACILITY_CODES.bacNinh,
    description: "Director, Bệnh viện Đa khoa tỉnh Bắc Ninh",
  },
  {
    username: "syt.bacninh",
    password: "SoYTe@BacNinh2025",
    displayName: "Vũ Thị Hương",
    role: "department",
    provinceCode: "24",
    description: "Bắc Ninh health department officer (province 24)",
  },
];

/** Creates the demo accounts (the network must be seeded first); returns how many. */
export async function seedDemoAccounts(db: Db): Promise<number> {
  for (const account of DEMO_ACCOUNTS) {
    await createUser(db, "system", {
      username: account.username,
      password: account.password,
      displayName: account.displayName,
      role: account.role,
      facilityCode: account.facilityCode,
      provinceCode: account.provinceCode,
      isDemo: true,
    });
  }
  return DEMO_ACCOUNTS.length;
}
