/** The rows of `0011-mail`: the development outbox, self sign-up and password resets. */

/** A message kept in the development outbox (no SMTP server configured). */
export interface MailOutboxRow {
  readonly id: string;
  readonly recipient: string;
  readonly sender: string;
  /** `invitation`, `password-reset`, `two-factor-reset` or `email-verification`. */
  readonly template: string;
  readonly subject: string;
  readonly text_body: string;
  readonly html_body: string;
  readonly created_at: string;
}

/** An organization's self sign-up setting; an organization without a row does not allow sign-up. */
export interface SignUpSettingRow {
  readonly organization: string;
  /** 1 or 0. */
  readonly enabled: number;
  /** The role id new users get at the organization; null: the installation's default sign-up role. */
  readonly role: string | null;
  readonly updated_at: string;
}

/**
 * A sign-up awaiting its email verification. Nothing of it is in the model until the link is
 * followed: then the user is created, active, with the organization's sign-up role.
 */
export interface SignUpRow {
  readonly token_hash: string;
  readonly organization: string;
  readonly username: string;
  readonly email: string;
  readonly password_hash: string;
  readonly created_at: string;
  readonly expires_at: string;
  readonly verified_at: string | null;
  readonly user_id: string | null;
}

/** A password-reset link: single-use, short-lived, its token's hash only. */
export interface PasswordResetRow {
  readonly token_hash: string;
  readonly user_id: string;
  readonly created_at: string;
  readonly expires_at: string;
  readonly used_at: string | null;
}
