/**
 * An answer to a signed-in caller is for that caller alone: `Cache-Control: no-store`, so no
 * browser keeps it on a shared workstation's disk and no cache between here and the caller
 * serves it to anyone else (probe 4, I2: a GET for a person's name came back with no such header).
 * A public answer is the same for every public caller and is left to the response cache's rules.
 */
export function usePrivateAnswers() {
  return {
    onResponse({ request, response }: { request: Request; response: Response }) {
      if (request.headers.has("authorization") && !response.headers.has("cache-control")) {
        response.headers.set("cache-control", "no-store");
      }
    },
  };
}
