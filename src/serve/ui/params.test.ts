import { strict as assert } from "node:assert";
import { test } from "node:test";
import { MAX_PAGE_SIZE, MAX_PARAM_LENGTH, ParamError, date, paging, queryString, text, wholeNumber } from "./params.js";

const q = (params: Record<string, string>) => (name: string) => params[name];

test("paging: defaults, bounds, and refusals", () => {
  assert.deepEqual(paging(q({})), { offset: 0, limit: 20 });
  assert.deepEqual(paging(q({ offset: "40", limit: "10" })), { offset: 40, limit: 10 });
  assert.deepEqual(paging(q({ limit: "100000" })), { offset: 0, limit: MAX_PAGE_SIZE });
  assert.deepEqual(paging(q({ limit: "0" })), { offset: 0, limit: 1 });
  assert.throws(() => paging(q({ offset: "-1" })), ParamError);
  assert.throws(() => paging(q({ limit: "ten" })), (err: unknown) => err instanceof ParamError && err.param === "limit");
});

test("dates are prefixes YYYY, YYYY-MM or YYYY-MM-DD; text is trimmed and bounded", () => {
  assert.equal(date(q({ from: "2023" }), "from"), "2023");
  assert.equal(date(q({ from: " 2023-09-21 " }), "from"), "2023-09-21");
  assert.equal(date(q({ from: "" }), "from"), undefined);
  for (const bad of ["21/09/2023", "2023-9", "2023-09-21T00:00", "x"]) assert.throws(() => date(q({ to: bad }), "to"), ParamError, bad);
  assert.equal(text(q({ q: "  Κύπρος  " }), "q"), "Κύπρος");
  assert.equal(text(q({ q: "   " }), "q"), undefined);
  assert.throws(() => text(q({ q: "α".repeat(MAX_PARAM_LENGTH + 1) }), "q"), ParamError);
});

test("whole numbers (ids) and query strings of the set parameters", () => {
  assert.equal(wholeNumber("12"), 12);
  for (const bad of ["0", "-3", "1.5", "12a", "", undefined, "99999999999999999999"]) assert.equal(wholeNumber(bad), undefined, String(bad));
  assert.equal(queryString({ q: "ρωσία drones", lang: undefined, offset: 10, site: "" }), "?q=%CF%81%CF%89%CF%83%CE%AF%CE%B1+drones&offset=10");
  assert.equal(queryString({}), "");
});
