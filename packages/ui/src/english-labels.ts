/**
 * The words the shared components say on their own (a dialog's "Close", "Try again", form
 * checks, error sentences). English by default, for the console; an app in another language
 * hands its own through `UiLabelsProvider` once, near its root.
 */
export interface UiLabels {
  close: string;
  cancel: string;
  tryAgain: string;
  /** The toasts region and a toast's close button (read by screen readers). */
  notifications: string;
  closeToast: string;
  errors: {
    clinicUpgrading: string;
    serverFailed: string;
    noAnswer: string;
    generic: string;
  };
  /** The form checks every schema shares (see `friendly` in form.tsx). */
  validation: {
    required: string;
    minChars: (minimum: number) => string;
    maxChars: (maximum: number) => string;
    min: (minimum: number) => string;
    max: (maximum: number) => string;
    number: string;
    email: string;
  };
}

export const ENGLISH_LABELS: UiLabels = {
  close: 'Close',
  cancel: 'Cancel',
  tryAgain: 'Try again',
  notifications: 'Notifications',
  closeToast: 'Close toast',
  errors: {
    clinicUpgrading: 'This clinic is being upgraded — try again in a minute.',
    serverFailed: 'The server failed. Please try again in a moment.',
    noAnswer: 'The server does not answer. Please try again.',
    generic: 'Something went wrong. Please try again.',
  },
  validation: {
    required: 'Required.',
    minChars: (minimum) => `At least ${minimum} characters.`,
    maxChars: (maximum) => `At most ${maximum} characters.`,
    min: (minimum) => `At least ${minimum}.`,
    max: (maximum) => `At most ${maximum}.`,
    number: 'Enter a number.',
    email: 'Enter an email address.',
  },
};
