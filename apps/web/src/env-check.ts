import { serverEnv, ServerEnvError } from './env';

/** Validates the environment at start-up; exits the process with the problems listed. */
export function assertServerEnv(): void {
  try {
    serverEnv();
  } catch (error) {
    if (error instanceof ServerEnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
