import {
  recordOperatorAction,
  type OperatorAction,
  type OperatorActor,
} from '../../../audit/record-operator-action';
import { AppError } from '../../../errors/app-error';
import { onboardingField, type RegistryRow } from './registry';

/**
 * Refuses an operator action on a clinic in service, and writes the refusal into that clinic's
 * own audit log (its owners see who tried what) and the platform's.
 */
export async function refuseOnLiveClinic(
  ctx: OperatorActor,
  row: RegistryRow,
  entry: Pick<OperatorAction, 'action' | 'platformAction'>,
  message: string,
  fields: { field: string; message: string }[] = [],
): Promise<never> {
  await recordOperatorAction(ctx, row, { ...entry, metadata: { refused: true } });
  throw new AppError('CONFLICT', message, fields);
}

export const isOnboarding = (row: RegistryRow) =>
  ['provisioning', 'failed'].includes(onboardingField(row, 'state') ?? '');
