import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { type LimitObserver, UNOBSERVED } from "./observer";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** How long a refused upload may go on being read (and dropped) so its client can read the 413. */
const LINGER_MS = 1000;

/**
 * A body over the size limit is HTTP 413 before the runtime sees the request. A declared
 * Content-Length over the limit is refused unread. A chunked body declares nothing, so it is
 * counted as it arrives and refused the moment it passes the limit; under the limit it is handed
 * on whole (at most the limit is ever held, never the runtime's own 25 MB).
 */
export function withBodyLimit(maxBytes: number, next: Handler, observer: LimitObserver = UNOBSERVED): Handler {
  const refuse = (req: IncomingMessage, res: ServerResponse, message: string) => {
    observer.refused("PAYLOAD_TOO_LARGE");
    answer413(req, res, message);
  };
  return (req, res) => {
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > maxBytes) {
      return refuse(req, res, `The request body is ${declared} bytes; the limit is ${maxBytes}.`);
    }
    if (req.headers["transfer-encoding"] === undefined) return next(req, res);
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      req.off("data", onData).off("end", onEnd);
      refuse(req, res, `The request body is over the limit of ${maxBytes} bytes.`);
    };
    const onEnd = () => {
      // The runtime's Node adapter (@whatwg-node/server) takes an already-read body from
      // `req.body`; a stream, because it would enumerate the keys of a Buffer byte by byte.
      (req as IncomingMessage & { body?: Readable }).body = Readable.from([Buffer.concat(chunks)]);
      next(req, res);
    };
    req.on("data", onData).on("end", onEnd);
  };
}

/**
 * Answers 413 and closes the connection (`Connection: close`: no client reuses it), a moment
 * later rather than at once: a socket closed with unread bytes is reset, and a client still
 * sending would lose the answer. The whole answer is sent now; only its end waits. Meanwhile
 * what arrives is dropped, never kept.
 */
function answer413(req: IncomingMessage, res: ServerResponse, message: string): void {
  req.resume();
  const body = JSON.stringify({ errors: [{ message, extensions: { code: "PAYLOAD_TOO_LARGE" } }] });
  res.writeHead(413, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    connection: "close",
  });
  res.write(body);
  setTimeout(() => res.end(), LINGER_MS);
}
