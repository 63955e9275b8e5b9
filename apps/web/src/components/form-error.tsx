import { Alert, AlertDescription } from '@eventora/ui/alert';
import { CircleAlert } from 'lucide-react';

/** The form-level error (from the server, or not tied to one field). */
export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <Alert variant="destructive">
      <CircleAlert />
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}
