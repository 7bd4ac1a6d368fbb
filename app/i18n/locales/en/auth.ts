import type { Mirror } from "../../mirror";
import type vi from "../vi/auth";

// Strings of the auth area. Keys mirror the other language's file.
export default {
  signIn: {
    title: "Sign in",
    intro: "Use the account your system administrator gave you.",
    username: "User name",
    password: "Password",
    submit: "Sign in",
    codeTitle: "Two-step verification",
    codeIntro: "Enter the 6-digit code from the authenticator app on your phone, or a recovery code.",
    code: "Verification code",
    codeHint: "For example 123456, or a recovery code like abcd-efgh-jk.",
    verify: "Verify",
    cancel: "Sign in with another account",
    usernameRequired: "Please enter your user name.",
    passwordRequired: "Please enter your password.",
    codeRequired: "Please enter the verification code.",
    invalid: "The user name or password is incorrect.",
    wrongCode: "The verification code is incorrect or has expired.",
    throttled:
      "The user name or password is incorrect, or there have been too many attempts. Please try again in {{minutes}} minutes.",
  },
  totp: {
    alreadyOn: "Two-step verification is already on.",
    noSetup: "Two-step verification has not been set up yet.",
    wrongCode: "The code is incorrect. Check the time on your phone and enter a new code.",
    requiredByRole: "Your role requires two-step verification, so it cannot be turned off.",
  },
  security: {
    title: "Account security",
    intro: "Account {{username}}: two-step verification with one-time codes (TOTP) and recovery codes.",
    mustSetUp: "Your role requires two-step verification. Set it up now to continue using the system.",
    recoveryTitle: "Recovery codes",
    recoveryIntro:
      "Keep these codes somewhere safe. Each works once when you do not have your phone. They are shown only this once.",
    continue: "Continue",
    totpTitle: "Two-step verification",
    statusOn: "On",
    statusOff: "Off",
    requiredByRole: "Required for your role.",
    explain:
      "When it is on, each sign-in also asks for a 6-digit code from an authenticator app (Google Authenticator, Microsoft Authenticator…).",
    start: "Turn on two-step verification",
    step1: "Open your authenticator app and scan the QR code (or type the secret key below).",
    step2: "Enter the 6-digit code the app shows to confirm.",
    qrAlt: "QR code that adds this account to an authenticator app",
    secretText: "Secret key (if you cannot scan the QR code):",
    confirmCode: "Code from the app",
    confirm: "Confirm and turn on",
    recoveryLeft: "{{count}} unused recovery codes left.",
    recoveryLeft_one: "{{count}} unused recovery code left.",
    recoveryLeft_other: "{{count}} unused recovery codes left.",
    currentCode: "Current code from the app",
    regenerate: "Make new recovery codes",
    disable: "Turn off two-step verification",
  },
  shell: {
    signedInAs: "Signed in as {{username}}",
    security: "Account security",
    signOut: "Sign out",
  },
  confirmations: {
    disableTitle: "Turn off two-step sign-in?",
    disable: "From your next sign-in only the password is asked; your current recovery codes stop working. You can turn it on again at any time with a new code.",
  },
} as const satisfies Mirror<typeof vi>;
