'use client';

import { Button } from '@eventora/ui/button';
import { Input } from '@eventora/ui/input';
import { useState } from 'react';

/**
 * The first owner's one-time set-password link. Development only: in production the API sends
 * it by mail and returns none, and this says so.
 */
export function SetPasswordLink({ link }: { link: string | null }) {
  const [copied, setCopied] = useState(false);
  if (!link) {
    return <p>The first owner was sent a one-time link to set a password.</p>;
  }
  return (
    <div className="grid gap-2">
      <p>
        One-time set-password link for the first owner (shown because this console runs in
        development; in production it is mailed, never shown):
      </p>
      <div className="flex gap-2">
        <Input
          readOnly
          value={link}
          aria-label="Set-password link"
          className="font-mono"
          onFocus={(event) => event.currentTarget.select()}
        />
        <Button
          type="button"
          variant="outline"
          onClick={() => {
            void navigator.clipboard?.writeText(link).then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
        <Button asChild variant="outline">
          <a href={link} target="_blank" rel="noreferrer">
            Open ↗
          </a>
        </Button>
      </div>
    </div>
  );
}
