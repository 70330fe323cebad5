import type { Cache } from "@graphql-yoga/plugin-response-cache";
import type { Logger } from "@kgraph/platform/dist/edge";
import Redis from "ioredis";

export interface RedisResponseCache extends Cache {
  close(): Promise<void>;
}

/**
 * The response cache's store shared by every gateway on one Redis: an answer under
 * `<prefix>:response:<key>` for its TTL, and for each entity it holds (typename and id) a set of
 * the answers holding it, `<prefix>:entity:<typename>:<id>`, so a mutation through any gateway
 * can remove them. Every key expires: a set lives as long as the longest TTL (`maxTtlMs`).
 *
 * Not @envelop/response-cache-redis (4.2.4): its typename and entity sets never expire (one
 * more member for every distinct public operation and variables, for ever), it has no key prefix
 * (ioredis' keyPrefix breaks its `KEYS` look-up), and it is built against @envelop/response-cache 8.
 *
 * Redis trouble never fails a request: a read is a miss, a write or an invalidation is logged
 * and dropped (the answers then still end with their TTL).
 */
export function createRedisResponseCache(settings: {
  redisUrl: string;
  keyPrefix: string;
  maxTtlMs: number;
  logger: Logger;
}): RedisResponseCache {
  const client = new Redis(settings.redisUrl, {
    // As the rate limiter: fail a command at once while disconnected, never queue it.
    enableOfflineQueue: false,
    commandTimeout: 500,
    maxRetriesPerRequest: 0,
  });
  let down = false;
  const failed = (err: unknown) => {
    if (!down) settings.logger.warn({ err: (err as Error).message }, "Redis unreachable: response cache not used");
    down = true;
  };
  client.on("error", failed);
  client.on("ready", () => {
    if (down) settings.logger.info("Redis reachable again: response cache shared");
    down = false;
  });
  const responseKey = (id: string) => `${settings.keyPrefix}:response:${id}`;
  const entityKey = (typename: string, id: string | number) => `${settings.keyPrefix}:entity:${typename}:${id}`;
  return {
    async get(id) {
      try {
        const stored = await client.get(responseKey(id));
        return stored ? JSON.parse(stored) : undefined;
      } catch (err) {
        failed(err);
        return undefined;
      }
    },
    async set(id, result, entities, ttl) {
      if (!Number.isFinite(ttl) || ttl <= 0) return;
      const pipeline = client.multi();
      pipeline.set(responseKey(id), JSON.stringify(result), "PX", Math.ceil(ttl));
      for (const { typename, id: entityId } of entities) {
        // Only entities with an id: a mutation invalidates by typename and id, never a whole type.
        if (entityId === undefined) continue;
        const key = entityKey(typename, entityId);
        pipeline.sadd(key, id);
        pipeline.pexpire(key, settings.maxTtlMs);
      }
      try {
        await pipeline.exec();
      } catch (err) {
        failed(err);
      }
    },
    async invalidate(entities) {
      try {
        for (const { typename, id } of entities) {
          if (id === undefined) continue;
          const key = entityKey(typename, id);
          const answers = await client.smembers(key);
          await client.del(key, ...answers.map(responseKey));
        }
      } catch (err) {
        failed(err);
      }
    },
    async close() {
      client.disconnect();
    },
  };
}
