/** Why a platform did not start (or a subgraph did not restart): a stable code and a message for a person. */
export type LauncherErrorCode = 'PORT_IN_USE' | 'SERVICE_EXITED' | 'SERVICE_STALLED' | 'FOREIGN_PROCESS' | 'ABORTED' | 'NOT_BUILT';

export class LauncherError extends Error {
  override name = 'LauncherError';
  constructor(
    readonly code: LauncherErrorCode,
    message: string,
  ) {
    super(message);
  }
}
