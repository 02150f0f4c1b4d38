import { test } from "node:test";
import assert from "node:assert/strict";
import { Channel } from "./channel.js";

test("a channel holds at most its capacity: push waits until the consumer takes", async () => {
  const c = new Channel<number>(2);
  const pushed: number[] = [];
  const producer = (async () => {
    for (let i = 0; i < 5; i++) {
      await c.push(i);
      pushed.push(i);
    }
    c.close();
  })();
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(pushed, [0, 1], "the third push waits");
  const got: number[] = [];
  for await (const x of c) got.push(x);
  await producer;
  assert.deepEqual(got, [0, 1, 2, 3, 4]);
});

test("closing lets waiting producers go (their push says false) and ends the consumer once empty", async () => {
  const c = new Channel<string>(1);
  await c.push("a");
  const waiting = c.push("b");
  c.close();
  assert.equal(await waiting, false);
  const got: string[] = [];
  for await (const x of c) got.push(x);
  assert.deepEqual(got, ["a"]);
});
