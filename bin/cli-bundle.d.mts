// Types of cli-bundle.mjs, for the TypeScript that imports it (test/global-setup.ts, the benches).
export declare const root: string;
export declare const bundleDir: string;
export declare function cliBundleState(dir?: string): { current: true } | { current: false; reason: string };
