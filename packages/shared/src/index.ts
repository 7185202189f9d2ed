export * from './auth/roles';
export * from './generation/params';
export * from './queue/caption-batch';
export * from './workflow/config';
