import type { Limits } from "./index";
import { json } from "./refusal";

/** A body over the size limit is HTTP 413, before anything is parsed. */
export function useBodyLimit(limits: Pick<Limits, "maxBodyBytes">) {
  return {
    onRequest({
      request,
      endResponse,
      fetchAPI,
    }: {
      request: Request;
      endResponse(r: Response): void;
      fetchAPI: { Response: typeof Response };
    }) {
      const length = Number(request.headers.get("content-length") ?? 0);
      if (length > limits.maxBodyBytes) {
        endResponse(
          json(
            fetchAPI,
            413,
            `The request body is ${length} bytes; the limit is ${limits.maxBodyBytes}.`,
            "PAYLOAD_TOO_LARGE",
          ),
        );
      }
    },
  };
}
