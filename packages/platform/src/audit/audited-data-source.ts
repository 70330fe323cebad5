import type { DataSource, EntityManager } from "typeorm";
import type { IdempotentRequest } from "../idempotency/idempotent-request";
import type { AuditRecorder } from "./recorder";

type TransactionWork<T> = (tx: EntityManager) => Promise<T>;

/**
 * The DataSource a request's services see. Its `transaction` commits the change and the
 * mutation's WRITE event together: the event is appended inside the same transaction after the
 * work succeeds, so a failed mutation leaves no event and a committed change always has one.
 * With an idempotency key, the key is taken first in the same transaction: a duplicate request
 * waits on it and then acts not at all, and a key exists exactly when its change committed.
 * Everything else is the plain DataSource.
 */
export function auditedDataSource(db: DataSource, audit: AuditRecorder, idempotent?: IdempotentRequest): DataSource {
  const transaction = async <T>(...args: [TransactionWork<T>] | [string, TransactionWork<T>]): Promise<T> => {
    const work = (args.length === 1 ? args[0] : args[1]) as TransactionWork<T>;
    const wrapped: TransactionWork<T> = async (tx) => {
      await idempotent?.claim(tx);
      const result = await work(tx);
      await audit.writeForMutation(tx, result);
      return result;
    };
    const result = await (args.length === 1 ? db.transaction(wrapped) : db.transaction(args[0] as never, wrapped));
    idempotent?.committed();
    return result;
  };
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === "transaction") return transaction;
      return Reflect.get(target, property, receiver);
    },
  });
}
