/** Headers for every response, pages and API alike. */
export declare const BASELINE_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }>;

/** The Content-Security-Policy of everything under /api. */
export declare const API_CONTENT_SECURITY_POLICY: string;
