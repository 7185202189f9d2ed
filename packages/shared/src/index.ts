export * from './auth/roles';
export * from './generation/params';
export * from './health/worker-heartbeat';
export * from './queue/caption-batch';
export * from './workflow/config';
