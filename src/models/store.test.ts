// Model files are checked against the sha256 their manifest records (on a temporary copy of a committed model).
import { strict as assert } from "node:assert";
import { appendFileSync, cpSync, mkdtempSync, rmSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { manifestFiles, modelDir, readManifest, verifyModelFiles } from "./store.js";

const MODEL = "pos-en";

function copyOfModel(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "newsgraph-model-")), MODEL);
  cpSync(modelDir(MODEL), dir, { recursive: true });
  return dir;
}

test("the committed manifests record the sha256 of every file", () => {
  const manifest = readManifest(modelDir(MODEL));
  assert.deepEqual(manifestFiles(modelDir(MODEL), Object.keys(manifest.files)), manifest.files);
  assert.doesNotThrow(() => verifyModelFiles(modelDir(MODEL), manifest));
});

test("a changed or missing model file is a one-line error naming it", () => {
  const dir = copyOfModel();
  try {
    const manifest = readManifest(dir);
    const [file, other] = Object.keys(manifest.files);
    appendFileSync(join(dir, file), "x");
    assert.throws(() => verifyModelFiles(dir, manifest), (e: Error) => e.name === "ModelFormatError" && e.message.includes(join(dir, file)) && !e.message.includes("\n"));
    unlinkSync(join(dir, other));
    const onlyOther = { ...manifest, files: { [other]: manifest.files[other] } };
    assert.throws(() => verifyModelFiles(dir, onlyOther), /missing/);
  } finally {
    rmSync(join(dir, ".."), { recursive: true, force: true });
  }
});
