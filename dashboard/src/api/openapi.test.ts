/// <reference types="node" />
// @vitest-environment node
/** openapi.ts is generated from docs/openapi.json: a change of the API that `npm run gen:types`
 * has not carried here fails. */

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

const dashboard = fileURLToPath(new URL("../..", import.meta.url));

describe("openapi.ts", () => {
  it("is what openapi-typescript generates from docs/openapi.json", () => {
    const check = spawnSync(
      process.execPath,
      ["node_modules/openapi-typescript/bin/cli.js", "../docs/openapi.json", "-o", "src/api/openapi.ts", "--check"],
      { cwd: dashboard, encoding: "utf-8" },
    );
    expect(`${check.stdout}${check.stderr}`).not.toContain("not up-to-date");
    expect(check.status, "openapi.ts is stale: run `npm run gen:types` in dashboard/").toBe(0);
  }, 60_000);
});
