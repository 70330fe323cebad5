export {
  CACHEABLE_ROOT_FIELDS,
  type ResponseCache,
  type ResponseCacheObserver,
  createResponseCache,
} from "./response-cache";
