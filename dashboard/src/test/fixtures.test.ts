/// <reference types="vite/client" />
/** The recorded API answers (fixtures/, written by `npm run record:fixtures`) are valid answers
 * of docs/openapi.json: a fixture that a change of the API has made stale fails here. */

import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";

import openapi from "../../../docs/openapi.json";
import recorded from "./fixtures/recorded.json";

const files = import.meta.glob<unknown>("./fixtures/*.json", { eager: true, import: "default" });

type Schema = Record<string, unknown>;

/** The document's schemas with undeclared keys refused: pydantic's models allow extra keys,
 * but a fixture key the API no longer sends is exactly the drift to catch. */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (typeof schema !== "object" || schema === null) return schema;
  const copy: Schema = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, closed(value)]));
  if ("properties" in copy && !("additionalProperties" in copy)) copy.additionalProperties = false;
  return copy;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat("date-time", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
ajv.addSchema({ $id: "openapi.json", components: closed(openapi.components) as Schema });

function responseSchema(path: string): Schema {
  const route = (openapi.paths as Record<string, { get?: { responses: Record<string, { content?: Record<string, { schema: unknown }> }> } }>)[path];
  const schema = route?.get?.responses["200"]?.content?.["application/json"]?.schema;
  if (!schema) throw new Error(`docs/openapi.json has no JSON 200 answer for GET ${path}`);
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/')) as Schema;
}

describe("recorded API fixtures", () => {
  const entries = Object.entries(recorded.paths);

  it("record every fixture file the tests read", () => {
    const names = Object.keys(files).map((file) => file.replace("./fixtures/", "")).filter((name) => name !== "recorded.json");
    expect(names.sort()).toEqual(entries.map(([name]) => name).sort());
  });

  it.each(entries)("%s is a valid answer of GET %s", (name, target: string) => {
    const validate = ajv.compile(responseSchema(target.split("?")[0]!));
    const valid = validate(files[`./fixtures/${name}`]);
    expect(validate.errors ?? [], `${name} against docs/openapi.json`).toEqual([]);
    expect(valid).toBe(true);
  });
});
