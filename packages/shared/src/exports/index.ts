export * from './coco-captions';
export * from './export-job';
export * from './filters';
export * from './formats';
export * from './jsonl';
export * from './labelbox-ndjson';
export * from './requests';
