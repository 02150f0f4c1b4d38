// `newsgraph show`: one stored article, as a digest or its full record.
import { fromRecord } from "../doc/record.js";
import { SqliteStore } from "../store/sqlite.js";
import { EXIT, type CommandContext } from "./context.js";
import { formatDigest } from "./digest.js";

export interface ShowFlags {
  db: string;
  json?: boolean;
}

export async function showCommand(ctx: CommandContext, id: string, flags: ShowFlags): Promise<number> {
  const store = new SqliteStore(flags.db, { readonly: true });
  try {
    const record = store.get(id);
    if (!record) {
      ctx.err(`newsgraph: no article with id ${id} in ${flags.db}\n`);
      return EXIT.failure;
    }
    ctx.out(flags.json ? JSON.stringify(record) + "\n" : formatDigest(fromRecord(record)));
    return EXIT.ok;
  } finally {
    store.close();
  }
}
